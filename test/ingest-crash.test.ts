// Atomicity: an ingest killed in the middle of its work leaves no partial file behind, and the
// next run loads everything whole, so the warehouse ends up as after one clean run.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFixtures } from '../fixtures/generator/index.js';
import { Warehouse } from '../pipelines/common/warehouse.js';
import { query } from './support/query.js';
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

/**
 * Starts `xueji ingest` and kills it once it reports that the load into DuckDB has begun, so
 * the kill lands inside the load however fast or loaded the machine is; resolves with the signal
 * that ended the process (null if it finished first).
 */
function killIngestDuringLoad(inbox: string, db: string): Promise<string | null> {
  return new Promise((resolve) => {
    const args = [join(ROOT, 'bin/xueji.js'), 'ingest', '--inbox', inbox, '--db', db, '--log-format', 'json'];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let seen = '';
    child.stderr.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes('"step":"ingest load"')) setTimeout(() => child.kill('SIGKILL'), 300);
    });
    child.on('exit', (_code, signal) => resolve(signal));
  });
}

describe('an ingest killed mid-run', () => {
  it('leaves the same warehouse as a clean run once it is run again', async () => {
    const dir = tempDir();
    await writeFixtures({ out: join(dir, 'demo'), students: 20_000, schools: 40, seed: 7 });
    const inbox = join(dir, 'demo/inbox');

    expect(runCli(['ingest', '--inbox', inbox, '--db', join(dir, 'clean.duckdb')]).status).toBe(0);
    const clean = await readState(join(dir, 'clean.duckdb'));

    const crashed = join(dir, 'crashed.duckdb');
    expect(await killIngestDuringLoad(inbox, crashed)).toBe('SIGKILL');
    const afterKill = await readState(crashed);
    expect(afterKill.roster).toEqual({ n: 0, h: null });
    expect(afterKill.files).toEqual([]);

    expect(runCli(['ingest', '--inbox', inbox, '--db', crashed]).status).toBe(0);
    expect(await readState(crashed)).toEqual(clean);
    const runs = await query(crashed, 'SELECT run_id, status FROM pipeline_run ORDER BY run_id');
    expect(runs).toEqual([{ run_id: 1, status: 'abandoned' }, { run_id: 2, status: 'succeeded' }]);
  });
});
