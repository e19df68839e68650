// The formats besides delimited text (fixtures/inputs/{xlsx,json,ndjson,parquet}/*): each case is
// ingested into its own warehouse and compared with its expected.json (one ingest_file row per
// file or sheet, every reject with its line and reason, every row that loaded); then workbooks
// seen again, a new workbook version, and the demo inbox with every case added to it.
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatNumber } from '../pipelines/ingest/formats/cells.js';
import { parseExactJson } from '../pipelines/ingest/formats/json.js';
import { query } from './support/query.js';
import { ROOT, runCli, tempDir, type CliResult } from './support/temp.js';

const FORMATS = ['xlsx', 'json', 'ndjson', 'parquet'] as const;
const CASES = FORMATS.flatMap((format) =>
  readdirSync(join(ROOT, 'fixtures/inputs', format)).sort().map((name) => join(format, name)));
const WORKBOOK = 'xlsx/01-sheets-of-one-workbook';
const WORKBOOK_FILE = '4101060001_学籍_2024-09-15.xlsx';

interface Outcome {
  files: Record<string, unknown>[];
  rejects: Record<string, unknown>[];
  roster: Record<string, unknown>[];
  changes: Record<string, unknown>[];
  schools: Record<string, unknown>[];
}

type Expected = Outcome & { about: string };

function readExpected(name: string): Expected {
  return JSON.parse(readFileSync(join(ROOT, 'fixtures/inputs', name, 'expected.json'), 'utf8'));
}

async function readOutcome(db: string, under = ''): Promise<Outcome> {
  const files = await query(db, `SELECT path, format, kind, encoding, delimiter, header_line,
    status, rows_read, rows_loaded, rows_rejected, rows_skipped, error
    FROM ingest_file ORDER BY path`);
  const rejects = await query(db, `SELECT f.path, q.line_no AS line, q.column_name AS column,
    q.reason, q.message_en FROM quarantine AS q JOIN ingest_file AS f USING (file_id)
    ORDER BY f.path, q.line_no`);
  const roster = await query(db, `SELECT f.path, r.line_no, r.school_code, r.snapshot_date,
    r.student_no, r.id_no, r.name, r.sex, r.birth_date, r.grade, r.status, r.class
    FROM roster_row AS r JOIN ingest_file AS f USING (file_id) ORDER BY f.path, r.line_no`);
  const changes = await query(db, `SELECT f.path, c.line_no, c.school_code, c.student_no, c.name,
    c.event_type, c.change_date, c.filed_date, c.from_school_code, c.to_school_code
    FROM change_row AS c JOIN ingest_file AS f USING (file_id) ORDER BY f.path, c.line_no`);
  const schools = await query(db, `SELECT school_code, school_name, region_code, school_level,
    line_no FROM school ORDER BY school_code`);
  const mine = (row: Record<string, unknown>) => String(row.path).startsWith(under);
  const strip = (row: Record<string, unknown>) => {
    const out: Record<string, unknown> = { ...row, path: String(row.path).slice(under.length) };
    if (typeof row.message_en === 'string') out.message_en = row.message_en.slice(under.length);
    return out;
  };
  const pick = (rows: Record<string, unknown>[]) => rows.filter(mine).map(strip);
  return {
    files: pick(files), rejects: pick(rejects), roster: pick(roster), changes: pick(changes), schools,
  };
}

function ingest(inbox: string, db: string): CliResult {
  return runCli(['ingest', '--inbox', inbox, '--db', db, '--log-format', 'json']);
}

describe('ingest of workbooks, JSON, NDJSON and Parquet files', () => {
  for (const name of CASES) {
    const expected = readExpected(name);
    it(`${name}: ${expected.about}`, async () => {
      const db = join(tempDir(), 'w.duckdb');
      expect(ingest(join(ROOT, 'fixtures/inputs', name, 'inbox'), db).status).toBe(0);
      const { about: _, ...outcome } = expected;
      expect(await readOutcome(db)).toEqual(outcome);
    });
  }
});

describe('a workbook seen again', () => {
  let db: string;
  let inbox: string;
  let before: Outcome;

  beforeAll(async () => {
    inbox = join(tempDir(), 'inbox');
    db = join(tempDir(), 'w.duckdb');
    cpSync(join(ROOT, 'fixtures/inputs', WORKBOOK, 'inbox'), inbox, { recursive: true });
    expect(ingest(inbox, db).status).toBe(0);
    before = await readOutcome(db);
  });

  it('is skipped by its sheets: the same bytes load nothing twice', async () => {
    expect(ingest(inbox, db).status).toBe(0);
    expect(await readOutcome(db)).toEqual(before);
  });

  it('is recorded as a duplicate when the same bytes come under another name', async () => {
    cpSync(join(inbox, WORKBOOK_FILE), join(inbox, 'copy.xlsx'));
    expect(ingest(inbox, db).status).toBe(0);
    const rows = await query(db, `SELECT d.path, d.status, o.path AS duplicate_of
      FROM ingest_file AS d JOIN ingest_file AS o ON o.file_id = d.duplicate_of`);
    // Which sheet's id is named does not matter: any part of the workbook holds those bytes.
    expect(rows).toEqual([{
      path: 'copy.xlsx',
      status: 'duplicate',
      duplicate_of: expect.stringMatching(`^${WORKBOOK_FILE}#`),
    }]);
  });
});

describe('a new version of a workbook', () => {
  it('supersedes every sheet of the old version, a renamed sheet too', async () => {
    const inbox = join(tempDir(), 'inbox');
    const db = join(tempDir(), 'w.duckdb');
    cpSync(join(ROOT, 'fixtures/inputs', WORKBOOK, 'inbox'), inbox, { recursive: true });
    expect(ingest(inbox, db).status).toBe(0);
    await renameSheet(join(inbox, WORKBOOK_FILE), '花名册', '学生名单');
    expect(ingest(inbox, db).status).toBe(0);

    const files = await query(db,
      'SELECT path, status, rows_loaded FROM ingest_file ORDER BY run_id, path');
    expect(files).toEqual([
      { path: `${WORKBOOK_FILE}#填表说明`, status: 'unrecognised', rows_loaded: null },
      { path: `${WORKBOOK_FILE}#异动`, status: 'superseded', rows_loaded: 3 },
      { path: `${WORKBOOK_FILE}#花名册`, status: 'superseded', rows_loaded: 3 },
      { path: `${WORKBOOK_FILE}#填表说明`, status: 'unrecognised', rows_loaded: null },
      { path: `${WORKBOOK_FILE}#学生名单`, status: 'loaded', rows_loaded: 3 },
      { path: `${WORKBOOK_FILE}#异动`, status: 'loaded', rows_loaded: 3 },
    ]);
    const rows = await query(db, `SELECT f.path, count(*) AS n FROM roster_row JOIN ingest_file AS f
      USING (file_id) GROUP BY ALL UNION ALL SELECT f.path, count(*) FROM change_row
      JOIN ingest_file AS f USING (file_id) GROUP BY ALL ORDER BY 1`);
    expect(rows).toEqual([
      { path: `${WORKBOOK_FILE}#学生名单`, n: 3 },
      { path: `${WORKBOOK_FILE}#异动`, n: 3 },
    ]);
  });
});

async function renameSheet(path: string, from: string, to: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  workbook.getWorksheet(from)!.name = to;
  await workbook.xlsx.writeFile(path);
}

describe('xueji run on the demo inbox with every format case added', () => {
  let dir: string;
  let run: CliResult;

  beforeAll(() => {
    dir = tempDir();
    expect(runCli(['fixtures', '--out', join(dir, 'demo'), '--seed', '42']).status).toBe(0);
    for (const name of CASES) {
      const target = join(dir, 'demo/inbox/formats', name);
      cpSync(join(ROOT, 'fixtures/inputs', name, 'inbox'), target, { recursive: true });
    }
    run = runCli(['run', '--inbox', join(dir, 'demo/inbox'), '--db', join(dir, 'w.duckdb'),
      '--out', join(dir, 'out')]);
  });

  it('exits 0', () => {
    expect(run.status).toBe(0);
  });

  it('reads each case exactly as it is read alone', async () => {
    for (const name of CASES) {
      const outcome = await readOutcome(join(dir, 'w.duckdb'), `formats/${name}/`);
      const { files, rejects, roster, changes } = outcome;
      const expected = readExpected(name);
      expect({ files, rejects, roster, changes }).toEqual({
        files: expected.files, rejects: expected.rejects, roster: expected.roster,
        changes: expected.changes,
      });
    }
  });
});

describe('formatNumber', () => {
  it('writes integers a double holds exactly as digits, larger ones in scientific notation', () => {
    expect([38412, 4101060001, 410106860910003, 2 ** 53 - 1, 2 ** 53].map(formatNumber)).toEqual([
      '38412', '4101060001', '410106860910003', '9007199254740991', '9.007199254740992E+15',
    ]);
  });

  it('never writes the made-up trailing digits of an 18-digit ID typed into a number cell', () => {
    expect(formatNumber(410105200503010017)).toBe('4.1010520050301005E+17');
  });

  it('writes fractions as JavaScript does, with a capital E', () => {
    expect([12.5, -0.25, 1e-7].map(formatNumber)).toEqual(['12.5', '-0.25', '1E-7']);
  });
});

describe('parseExactJson', () => {
  it('keeps every number as the text the file wrote, and strings as they are', () => {
    const text = '[{"id": 410106200605030023, "x": 4.10105E+17, "s": "a 1 \\" 2", "n": -0.50}]';
    expect(parseExactJson(text)).toEqual([
      { id: '410106200605030023', x: '4.10105E+17', s: 'a 1 " 2', n: '-0.50' },
    ]);
  });

  it('fails text that is not JSON with the line and column where it stops being JSON', () => {
    expect(() => parseExactJson('[\n  {"a": 1 "b": 2}\n]')).toThrow('not valid JSON: ' +
      'at line 2, column 11; check the brackets, quotes and commas there and export again');
  });
});
