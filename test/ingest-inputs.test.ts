// The inputs that break naive importers (fixtures/inputs/text/*), each ingested into its own
// warehouse and compared with its expected.json: files, rejects with their lines, loaded rows.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeLargeRoster } from '../fixtures/inputs/large-roster.js';
import { Warehouse } from '../pipelines/common/warehouse.js';
import { ROOT, runCli, tempDir } from './support/temp.js';

const CASES = join(ROOT, 'fixtures/inputs/text');

interface Expected {
  about: string;
  files: Record<string, unknown>[];
  rejects: { line: number; reason: string }[];
  rows: Record<string, unknown>[];
  extra?: { line_no: number; extra: Record<string, string> }[];
  error?: string;
}

async function ingest(inbox: string) {
  const db = join(tempDir(), 'w.duckdb');
  const result = runCli(['ingest', '--inbox', inbox, '--db', db]);
  const warehouse = await Warehouse.open(db);
  try {
    return {
      status: result.status,
      files: await warehouse.all(`SELECT path, status, encoding, rows_read, rows_loaded,
        rows_rejected, rows_skipped FROM ingest_file ORDER BY path`),
      errors: await warehouse.all<{ error: string }>(`SELECT error FROM ingest_file WHERE status = 'failed'`),
      rejects: await warehouse.all('SELECT line_no AS line, reason FROM quarantine ORDER BY line_no'),
      rows: await warehouse.all(`SELECT line_no, name, sex, id_no, birth_date, entry_ym
        FROM roster_row ORDER BY file_id IN (SELECT file_id FROM ingest_file WHERE path LIKE '4101050002%'), line_no`),
      extra: await warehouse.all<{ line_no: number; extra: string }>(
        'SELECT line_no, extra FROM raw_roster WHERE extra IS NOT NULL ORDER BY line_no'),
    };
  } finally {
    warehouse.close();
  }
}

describe('ingest of the inputs that break naive importers', () => {
  for (const name of readdirSync(CASES).sort()) {
    const expected: Expected = JSON.parse(readFileSync(join(CASES, name, 'expected.json'), 'utf8'));
    it(`${name}: ${expected.about}`, async () => {
      const actual = await ingest(join(CASES, name, 'inbox'));
      expect(actual.status).toBe(0);
      expect(actual.files).toEqual(expected.files);
      expect(actual.rejects).toEqual(expected.rejects);
      expect(actual.rows).toEqual(expected.rows);
      expect(actual.extra.map((e) => ({ line_no: e.line_no, extra: JSON.parse(e.extra) }))).toEqual(expected.extra ?? []);
      expect(actual.errors.map((e) => e.error)).toEqual(expected.error ? [expected.error] : []);
    });
  }

  it('05-long-roster: the 30,001st ID keeps its X and no ID or class loses a character', async () => {
    const inbox = join(tempDir(), 'inbox');
    const ids = writeLargeRoster(inbox);
    const db = join(tempDir(), 'w.duckdb');
    expect(runCli(['ingest', '--inbox', inbox, '--db', db]).status).toBe(0);
    const warehouse = await Warehouse.open(db);
    const rows = await warehouse.all<{ line_no: number; id_no: string; class: string }>(
      'SELECT line_no, id_no, class FROM roster_row ORDER BY line_no');
    warehouse.close();
    expect(rows.length).toBe(30_001);
    expect(rows.at(-1)).toEqual({ line_no: 30_002, id_no: ids.at(-1), class: '0' + (1 + (30_000 % 9)) });
    expect(ids.at(-1)?.endsWith('X')).toBe(true);
    expect(rows.map((r) => r.id_no)).toEqual(ids);
    expect(rows.every((r, n) => r.class === `0${1 + (n % 9)}`)).toBe(true);
  });
});
