// Atomicity: an ingest killed in the middle of its work leaves no partial file behind, and the
// next run loads everything whole, so the warehouse ends up as after one clean run.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFixtures } from '../fixtures/generator/index.js';
import { Warehouse } from '../pipelines/common/warehouse.js';
import { ROOT, runCli, tempDir } from './support/temp.js';

async function readState(db: string) {
  const warehouse = await Warehouse.open(db);
  try {
    return {
      files: await warehouse.all(`SELECT path, sha256, kind, status, rows_read, rows_loaded,
        rows_rejected, rows_skipped FROM ingest_file ORDER BY path`),
      roster: await warehouse.one(`SELECT count(*) AS n, sum(hash(file_id, line_no, student_no, status)) AS h FROM roster_row`),
      changes: await warehouse.one(`SELECT count(*) AS n, sum(hash(file_id, line_no, student_no, event_type)) AS h FROM change_row`),
      quarantine: await warehouse.one(`SELECT count(*) AS n, sum(hash(file_id, line_no, reason)) AS h FROM quarantine`),
    };
  } finally {
    warehouse.close();
  }
}

/** Starts `xueji ingest` and kills it after `ms`; resolves with the signal that ended it. */
function killIngestAfter(inbox: string, db: string, ms: number): Promise<string | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/xueji.js'), 'ingest', '--inbox', inbox, '--db', db], { stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      resolve(signal);
    });
  });
}

describe('an ingest killed mid-run', () => {
  it('leaves the same warehouse as a clean run once it is run again', async () => {
    const dir = tempDir();
    await writeFixtures({ out: join(dir, 'demo'), students: 20_000, schools: 40, seed: 7 });
    const inbox = join(dir, 'demo/inbox');

    const started = Date.now();
    expect(runCli(['ingest', '--inbox', inbox, '--db', join(dir, 'clean.duckdb')]).status).toBe(0);
    const cleanMs = Date.now() - started;
    const clean = await readState(join(dir, 'clean.duckdb'));

    const crashed = join(dir, 'crashed.duckdb');
    const signal = await killIngestAfter(inbox, crashed, Math.round(cleanMs * 0.7));
    expect(signal).toBe('SIGKILL');
    const afterKill = await readState(crashed);
    expect([0, clean.roster!.n]).toContain(afterKill.roster!.n);

    expect(runCli(['ingest', '--inbox', inbox, '--db', crashed]).status).toBe(0);
    expect(await readState(crashed)).toEqual(clean);
  });
});
