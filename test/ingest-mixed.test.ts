// One inbox holding every hand-made input case beside the demo inbox: the run goes through with
// exit code 0, and every file that loaded satisfies rows read = loaded + rejected + skipped.
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Warehouse } from '../pipelines/common/warehouse.js';
import { ROOT, runCli, tempDir } from './support/temp.js';

const INPUTS = join(ROOT, 'fixtures/inputs');

function copyInputCases(inbox: string): number {
  let cases = 0;
  for (const group of readdirSync(INPUTS, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    for (const name of readdirSync(join(INPUTS, group.name))) {
      cpSync(join(INPUTS, group.name, name, 'inbox'), join(inbox, 'cases', group.name, name), { recursive: true });
      cases++;
    }
  }
  return cases;
}

/** How many files the cases' expected.json files say end with `status`. */
function expectedFiles(status: string): number {
  const groups = readdirSync(INPUTS, { withFileTypes: true }).filter((d) => d.isDirectory());
  return groups.flatMap((group) => readdirSync(join(INPUTS, group.name)).flatMap((name) => {
    const expected = JSON.parse(readFileSync(join(INPUTS, group.name, name, 'expected.json'), 'utf8'));
    return (expected.files as { status: string }[]).filter((f) => f.status === status);
  })).length;
}

describe('xueji run over the demo inbox mixed with every input case', () => {
  it('exits 0 and the row equation holds for every loaded file', async () => {
    const dir = tempDir();
    expect(runCli(['fixtures', '--out', join(dir, 'demo')]).status).toBe(0);
    const inbox = join(dir, 'demo/inbox');
    expect(copyInputCases(inbox)).toBeGreaterThanOrEqual(12);

    const result = runCli(['run', '--inbox', inbox, '--db', join(dir, 'w.duckdb'), '--out', join(dir, 'out')]);
    expect(result.status).toBe(0);

    const warehouse = await Warehouse.open(join(dir, 'w.duckdb'));
    const files = await warehouse.all<{ status: string; n: number; broken: number }>(
      `SELECT status, count(*) AS n,
         count(*) FILTER (WHERE rows_read <> rows_loaded + rows_rejected + rows_skipped) AS broken
       FROM ingest_file GROUP BY status ORDER BY status`);
    warehouse.close();
    expect(files.map((f) => f.status)).toEqual(['duplicate', 'failed', 'loaded', 'unrecognised']);
    expect(files.find((f) => f.status === 'failed')?.n).toBe(expectedFiles('failed'));
    expect(files.find((f) => f.status === 'unrecognised')?.n).toBe(expectedFiles('unrecognised'));
    expect(files.find((f) => f.status === 'loaded')?.broken).toBe(0);
  });
});
