// `xueji person`: one person's timeline across schools, found by any number they held, each line
// with its source; JSON for machines; exit 1 when nobody held the number or there is no warehouse.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { changes, csv, registry, roster, student, writeTree } from './support/inbox-builder.js';
import { runCli, tempDir, type CliResult } from './support/temp.js';

const HENAN = { code: '4101050001', name: '郑州一中', region: '410105', level: '高中' } as const;
const JUNIOR = { code: '4101020001', name: '中原初中', region: '410102', level: '初中' } as const;

const refiled = student('甲一', '41010520070101001');
const WANG = 'G410102201003010112';
const L_WANG = 'L410102201003011234';
const ROSTER = ['姓名', '性别', '出生日期', '身份证件号', '全国学籍号', '年级', '学籍状态'];

function inbox(): Record<string, string> {
  return {
    'schools.csv': registry([HENAN, JUNIOR]),
    [`${HENAN.code}_2023-09-15.csv`]: roster([[refiled, '高二', '在读']]),
    [`${HENAN.code}_2024-03-15.csv`]: roster([[refiled, '高二', '退学']]),
    [`${HENAN.code}_2024-09-15.csv`]: roster([[refiled, '高三', '在读']]),
    [`学籍异动_${HENAN.code}_2024-08-31.csv`]: changes([
      [refiled, '退学', '2024-01-10', '2024-01-20'],
      [refiled, '恢复学籍', '2024-06-01'],
    ]),
    [`${JUNIOR.code}_2023-09-15.csv`]: csv(ROSTER, [['王小明', '男', '2010-03-01', '', L_WANG, '初一', '在读']]),
    [`${JUNIOR.code}_2024-03-15.csv`]: csv(ROSTER, [['王小明', '男', '2010-03-01', WANG.slice(1), WANG, '初一', '在读']]),
    [`${HENAN.code}_2016-09-15.csv`]: csv(ROSTER, [['吴十', '男', '1999-03-01', '410105990301011', '', '高三', '在读']]),
  };
}

const CHANGES_FILE = `学籍异动_${HENAN.code}_2024-08-31.csv`;

let db: string;
let byNumber: CliResult;

beforeAll(() => {
  const dir = tempDir();
  writeTree(join(dir, 'inbox'), inbox());
  db = join(dir, 'w.duckdb');
  expect(runCli(['run', '--inbox', join(dir, 'inbox'), '--db', db, '--out', join(dir, 'out')]).status).toBe(0);
  byNumber = runCli(['person', `G${refiled.id}`, '--db', db]);
});

describe('xueji person', () => {
  it('prints the whole timeline in date order, each line with its source', () => {
    expect(byNumber.status).toBe(0);
    expect(byNumber.stdout).toBe([
      `G${refiled.id}  甲一  男 M  born 2007-01-01  origin province 41`,
      `  latest snapshot: ${HENAN.code} 郑州一中, grade 12, 在读 studying, last seen 2024-09-15`,
      `  numbers: ${refiled.id}  id_no  (listed with, 2023-09-15 – 2024-09-15)`,
      `           G${refiled.id}  student_no  (own, 2023-09-15 – 2024-09-15)`,
      'stays',
      `  2023-09-15 – 2024-01-10  ${HENAN.code} 郑州一中  senior  grade 11  began 招生 admission (inferred)  ended 退学 withdrawn`,
      `  2024-06-01 – 2024-09-15  ${HENAN.code} 郑州一中  senior  grade 12  began 恢复学籍 reinstate  ended 在读 studying`,
      'timeline',
      `  2023-09-15  snapshot  ${HENAN.code}  grade 11, 在读 studying  ← ${HENAN.code}_2023-09-15.csv:2`,
      `  2023-09-15  inferred  ${HENAN.code}  招生 admission → 在读 studying  ← ${HENAN.code}_2023-09-15.csv:2`,
      `  2024-01-10  change    ${HENAN.code}  退学 withdraw → 退学 withdrawn, filed 2024-01-20  ← ${CHANGES_FILE}:2`,
      `  2024-01-20  filed     ${HENAN.code}  退学 withdraw of 2024-01-10 filed with the bureau (备案)  ← ${CHANGES_FILE}:2`,
      `  2024-03-15  snapshot  ${HENAN.code}  grade 11, 退学 withdrawn  ← ${HENAN.code}_2024-03-15.csv:2`,
      `  2024-06-01  change    ${HENAN.code}  恢复学籍 reinstate → 在读 studying  ← ${CHANGES_FILE}:3`,
      `  2024-09-15  snapshot  ${HENAN.code}  grade 12, 在读 studying  ← ${HENAN.code}_2024-09-15.csv:2`,
      'flags',
      `  INVALID_REINSTATEMENT  high  ${HENAN.code}  withdrawal on 2024-01-10, filed 2024-01-20, yet restored on 2024-06-01; needs review`,
      `    evidence: ${CHANGES_FILE}:2, ${CHANGES_FILE}:3, ${HENAN.code}_2024-09-15.csv:2`,
      '',
    ].join('\n'));
  });

  it('finds the same person by resident ID, as typed by a clerk', () => {
    const byId = runCli(['person', ` ${refiled.id.toLowerCase()} `, '--db', db]);
    expect([byId.status, byId.stdout]).toEqual([0, byNumber.stdout]);
  });

  it('finds a person by the temporary L number a G number replaced, and by an old 15-digit ID', () => {
    const first = (r: CliResult) => [r.status, r.stdout.split('\n')[0]];
    expect(first(runCli(['person', L_WANG, '--db', db])))
      .toEqual([0, `${WANG}  王小明  男 M  born 2010-03-01  origin province 41`]);
    expect(first(runCli(['person', '410105990301011', '--db', db])))
      .toEqual([0, 'G410105199903010117  吴十  男 M  born 1999-03-01  origin province 41']);
  });

  it('gives machines the same record as JSON, evidence and details parsed', () => {
    const result = runCli(['person', `G${refiled.id}`, '--db', db, '--json']);
    const record = JSON.parse(result.stdout);
    expect(Object.keys(record)).toEqual(['person', 'aliases', 'stays', 'timeline', 'flags', 'findings']);
    expect(record.timeline.map((l: { date: string; kind: string; change: string | null }) =>
      [l.date, l.kind, l.change])).toEqual([
      ['2023-09-15', 'snapshot', null], ['2023-09-15', 'inferred', 'admission'],
      ['2024-01-10', 'change', 'withdraw'], ['2024-01-20', 'filed', 'withdraw'],
      ['2024-03-15', 'snapshot', null], ['2024-06-01', 'change', 'reinstate'],
      ['2024-09-15', 'snapshot', null],
    ]);
    expect(record.flags[0].evidence.cancellation.filed_date).toBe('2024-01-20');
  });

  it('exits 1 with a clear message when nobody held the number', () => {
    const result = runCli(['person', 'G410105200101010011', '--db', db]);
    expect([result.status, result.stdout]).toEqual([1, '']);
    expect(result.stderr).toBe(`xueji: no person in ${db} has held the student number or ID `
      + '"G410105200101010011"; check the number, or run xueji reconcile after loading new files\n');
  });

  it('exits 1 without creating a warehouse when the file does not exist', () => {
    const missing = join(tempDir(), 'none.duckdb');
    const result = runCli(['person', `G${refiled.id}`, '--db', missing]);
    expect([result.status, result.stderr])
      .toEqual([1, `xueji: ${missing} does not exist; give the warehouse with --db FILE\n`]);
  });
});
