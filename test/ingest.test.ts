import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { query } from './support/query.js';
import { residentId, runCli, tempDir, writeTree, type CliResult } from './support/temp.js';

const A = residentId('41010520060301017');
const B = residentId('41010520060402022');
const HEADER = '姓名,性别,出生日期,身份证件号,全国学籍号,年级,学籍状态';

function smokeInbox(root: string): void {
  writeTree(root, {
    'schools.csv': '学校标识码,学校名称,行政区划代码,学段\n4101050001,郑州一中,410105,高中\n4601050002,海口一中,460105,高中\n',
    'z/schools again.csv': '学校标识码,学校名称,行政区划代码,学段\n4101050001,郑州一中,410105,高中\n4601050002,海口一中,460105,高中\n',
    '4101050001_花名册_2024-09-15.csv': [
      '某某中学2024年秋季学生花名册',
      HEADER,
      `张三,男,2006-03-01,${A},G${A},高三,在读`,
      `李四,女,2006/4/2,${B},,高二,在读`,
      '王五,女,20060101,4.10105E+17,,高二,在读',
      '',
      HEADER,
      '赵六,男',
      '合计,3人',
      '',
    ].join('\n'),
    'notes.md': 'not an export',
  });
  // Excel's "Unicode text": UTF-16 LE with a BOM, tab-separated, saved with an .xls name.
  const text = `\ufeffxm\txbm\tcsrq\tsfzjh\tqgxjh\tnjdm\txsdqztm\n张三\t1\t20060301\t${A}\tG${A}\t33\t01\n`;
  writeTree(root, { 'sub/4601050002_花名册_20250315.xls': Buffer.from(text, 'utf16le') });
}

describe('xueji ingest on a small messy inbox', () => {
  let db: string;
  let first: CliResult;
  let second: CliResult;

  beforeAll(() => {
    const dir = tempDir();
    smokeInbox(join(dir, 'inbox'));
    db = join(dir, 'w.duckdb');
    first = runCli(['ingest', '--inbox', join(dir, 'inbox'), '--db', db, '--log-format', 'json']);
    second = runCli(['ingest', '--inbox', join(dir, 'inbox'), '--db', db, '--log-format', 'json']);
  });

  it('exits 0 both times', () => {
    expect([first.status, second.status]).toEqual([0, 0]);
  });

  it('records every file with its status and counts', async () => {
    const rows = await query(db, `SELECT path, kind, status, rows_read, rows_loaded, rows_rejected,
      rows_skipped FROM ingest_file ORDER BY path`);
    expect(rows).toEqual([
      { path: '4101050001_花名册_2024-09-15.csv', kind: 'roster', status: 'loaded', rows_read: 8, rows_loaded: 2, rows_rejected: 2, rows_skipped: 4 },
      { path: 'notes.md', kind: null, status: 'unrecognised', rows_read: null, rows_loaded: null, rows_rejected: null, rows_skipped: null },
      { path: 'schools.csv', kind: 'schools', status: 'loaded', rows_read: 2, rows_loaded: 2, rows_rejected: 0, rows_skipped: 0 },
      { path: 'sub/4601050002_花名册_20250315.xls', kind: 'roster', status: 'loaded', rows_read: 1, rows_loaded: 1, rows_rejected: 0, rows_skipped: 0 },
      { path: 'z/schools again.csv', kind: null, status: 'duplicate', rows_read: null, rows_loaded: null, rows_rejected: null, rows_skipped: null },
    ]);
  });

  it('quarantines the mangled ID and the ragged row with their lines', async () => {
    const rows = await query(db, 'SELECT line_no, column_name, reason, message_en FROM quarantine ORDER BY line_no');
    expect(rows).toEqual([
      { line_no: 5, column_name: 'id_no', reason: 'mangled_by_spreadsheet', message_en: '4101050001_花名册_2024-09-15.csv line 5: 身份证件号 "4.10105E+17" was turned into a number by a spreadsheet; re-export the column as text' },
      { line_no: 8, column_name: null, reason: 'ragged_row', message_en: '4101050001_花名册_2024-09-15.csv line 8: the row has a different number of fields from the header; check for extra or missing delimiters' },
    ]);
  });

  it('normalises the loaded rows and derives the G number from the ID', async () => {
    const rows = await query(db, `SELECT line_no, school_code, snapshot_date, student_no, name, sex,
      birth_date, grade, status FROM roster_row ORDER BY snapshot_date, line_no`);
    expect(rows).toEqual([
      { line_no: 3, school_code: '4101050001', snapshot_date: '2024-09-15', student_no: `G${A}`, name: '张三', sex: 'M', birth_date: '2006-03-01', grade: 12, status: 'studying' },
      { line_no: 4, school_code: '4101050001', snapshot_date: '2024-09-15', student_no: `G${B}`, name: '李四', sex: 'F', birth_date: '2006-04-02', grade: 11, status: 'studying' },
      { line_no: 2, school_code: '4601050002', snapshot_date: '2025-03-15', student_no: `G${A}`, name: '张三', sex: 'M', birth_date: '2006-03-01', grade: 12, status: 'studying' },
    ]);
  });

  it('loads nothing twice on the second run', async () => {
    const [counts] = await query(db, `SELECT (SELECT count(*) FROM roster_row) AS roster,
      (SELECT count(*) FROM quarantine) AS rejected, (SELECT count(*) FROM ingest_file) AS files`);
    expect(counts).toEqual({ roster: 3, rejected: 2, files: 5 });
  });
});

