// File versions and per-file decisions: a re-exported file supersedes the earlier version of the
// same school, kind and date; grade numbers are read as plain grades or national codes per file.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { query } from './support/query.js';
import { registry, roster, student } from './support/inbox-builder.js';
import { runCli, tempDir, writeTree } from './support/temp.js';

const SENIOR = { code: '4101050001', name: '郑州一中', region: '410105', level: '高中' } as const;
const a = student('张三', '41010520070101001');
const b = student('李四', '41010520070202002');
const ROSTER = `${SENIOR.code}_花名册_2024-09-15.csv`;


describe('a new version of a file', () => {
  it('supersedes the earlier version, whose rows stop counting', async () => {
    const dir = tempDir();
    const inbox = join(dir, 'inbox');
    const db = join(dir, 'w.duckdb');
    writeTree(inbox, { 'schools.csv': registry([SENIOR]), [ROSTER]: roster([[a, '高一', '在读']]) });
    expect(runCli(['ingest', '--inbox', inbox, '--db', db]).status).toBe(0);

    writeTree(inbox, { [ROSTER]: roster([[a, '高一', '在读'], [b, '高一', '在读']]) });
    expect(runCli(['ingest', '--inbox', inbox, '--db', db]).status).toBe(0);

    expect(await query(db, `SELECT path, status, rows_loaded FROM ingest_file
      WHERE kind = 'roster' ORDER BY run_id`)).toEqual([
      { path: ROSTER, status: 'superseded', rows_loaded: 1 },
      { path: ROSTER, status: 'loaded', rows_loaded: 2 },
    ]);
    expect(await query(db, 'SELECT name FROM roster_row ORDER BY line_no')).toEqual([{ name: '张三' }, { name: '李四' }]);
  });
});

describe('grade numbers', () => {
  const grades = (values: string[]) =>
    ['姓名,身份证件号,年级,学籍状态', ...values.map((g, i) => `${['甲', '乙', '丙'][i]},${[a.id, b.id, student('丙', '41010520070303003').id][i]},${g},在读`)].join('\n') + '\n';

  it('are plain grades in a file holding any of 1–10, codes in a file of codes, and ambiguous otherwise', async () => {
    const dir = tempDir();
    const inbox = join(dir, 'inbox');
    const db = join(dir, 'w.duckdb');
    writeTree(inbox, {
      'schools.csv': registry([SENIOR]) + '4101050009,无学段学校,410105,\n',
      [`${SENIOR.code}_plain_2024-09-15.csv`]: grades(['10', '11', '12']),
      [`${SENIOR.code}_codes_2024-09-16.csv`]: grades(['31', '32', '33']),
      [`${SENIOR.code}_senior-11-12_2024-09-17.csv`]: grades(['11', '12', '12']),
      ['4101050009_unknown-level_2024-09-18.csv']: grades(['11', '12', '11']),
    });
    expect(runCli(['ingest', '--inbox', inbox, '--db', db]).status).toBe(0);
    expect(await query(db, `SELECT strftime(snapshot_date, '%d') AS day, list(grade ORDER BY line_no) AS grades
      FROM roster_row GROUP BY ALL ORDER BY day`)).toEqual([
      { day: '15', grades: [10, 11, 12] },
      { day: '16', grades: [10, 11, 12] },
      { day: '17', grades: [11, 12, 12] },
    ]);
    expect(await query(db, `SELECT line_no, reason FROM quarantine ORDER BY line_no`)).toEqual([
      { line_no: 2, reason: 'ambiguous_grade_codes' },
      { line_no: 3, reason: 'ambiguous_grade_codes' },
      { line_no: 4, reason: 'ambiguous_grade_codes' },
    ]);
  });
});
