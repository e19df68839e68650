// A small hand-made warehouse for the report tests: schools in Henan (41) and Hainan (46) plus
// one school missing from the registry, rosters on two snapshot dates, transfers either side of
// 1 September, flags of every severity, and ingest files with quarantined rows. School B also has
// older snapshots (before its latest) holding a finished junior cohort for the graduation report.

import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Warehouse } from '../../pipelines/common/warehouse.js';
import { tempDir } from './temp.js';

type Values = Record<string, string | number | boolean | null>;

const A = '4101050001'; // Zhengzhou, senior, snapshots 2023-09-15 and 2024-03-01
const B = '4101020003'; // Zhengzhou, junior, snapshot 2023-09-15 only
const C = '4601060001'; // Haikou, senior, snapshots 2023-09-15 and 2024-03-01
const X = '9999999999'; // not in the school registry, snapshot 2024-02-01

const SCHOOLS: Values[] = [
  { school_code: A, school_name: '郑州市第一中学', region_code: '410105', province_code: '41' },
  { school_code: B, school_name: '郑州市第三中学', region_code: '410102', province_code: '41' },
  { school_code: C, school_name: '海口市第一中学', region_code: '460106', province_code: '46' },
];

// B's junior cohort of 2020 (entered grade 7 in 2020-2021; normal end 2023-08-31). J1, J2 and J9
// graduate on time (events), J6 transferred in to grade 8 and graduated (roster status), J3 died,
// J4 went abroad, J5 repeats, J7 graduates late (2023-09-10) and J8 withdrew.
const J = (n: number) => `G4101022008010${n}100${n}`;
const JUNIOR_2020: [string, string, number, string][] = [
  ['2020-09-15', J(1), 7, 'studying'],
  ['2020-09-15', J(2), 7, 'studying'],
  ['2022-09-15', J(2), 9, 'studying'],
  ['2020-09-15', J(3), 7, 'studying'],
  ['2020-09-15', J(4), 7, 'studying'],
  ['2021-09-15', J(4), 8, 'abroad'],
  ['2020-09-15', J(5), 7, 'studying'],
  ['2021-09-15', J(5), 7, 'studying'],
  ['2022-09-15', J(5), 8, 'studying'],
  ['2021-09-15', J(6), 8, 'studying'],
  ['2023-06-20', J(6), 9, 'graduated'],
  ['2020-09-15', J(7), 7, 'studying'],
  ['2020-09-15', J(8), 7, 'studying'],
  ['2021-09-15', J(8), 8, 'suspended'],
  ['2022-09-15', J(8), 9, 'withdrawn'],
  ['2020-09-15', J(9), 7, 'studying'],
  ['2022-09-15', J(9), 9, 'studying'],
];

function event(id: string, no: string, type: string, date: string, status: string): Values {
  return { event_id: id, student_no: no, school_code: B, event_type: type, event_date: date,
    status, is_inferred: false };
}

const EVENTS: Values[] = [
  event('e1', J(1), 'graduation', '2023-06-30', 'graduated'),
  event('e2', J(2), 'graduation', '2023-06-30', 'graduated'),
  event('e3', J(3), 'death', '2021-05-10', 'deceased'),
  event('e7', J(7), 'graduation', '2023-09-10', 'graduated'),
  event('e9', J(9), 'graduation', '2023-07-01', 'graduated'),
];

function roster(school: string, date: string, no: string, sex: string, grade: number,
  status: string): Values {
  return { school_code: school, snapshot_date: date, student_no: no, sex, grade, status };
}

const ROSTER: Values[] = [
  roster(A, '2023-09-15', 'G410105200701010011', 'M', 11, 'studying'),
  roster(A, '2023-09-15', 'G410105200701020022', 'F', 11, 'studying'),
  roster(A, '2023-09-15', 'G410105200701030033', 'F', 12, 'suspended'),
  roster(A, '2023-09-15', 'G410105200701040044', 'M', 12, 'withdrawn'),
  roster(A, '2024-03-01', 'G410105200701010011', 'M', 11, 'studying'),
  roster(A, '2024-03-01', 'G410105200701020022', 'F', 11, 'transferred_out'),
  roster(A, '2024-03-01', 'G410105200701030033', 'F', 12, 'resumed'),
  roster(A, '2024-03-01', 'G460106200701050055', 'M', 12, 'studying'),
  roster(A, '2024-03-01', 'G410105200701060066', 'F', 12, 'other'),
  roster(B, '2023-09-15', 'G410102201001010077', 'M', 7, 'studying'),
  roster(B, '2023-09-15', 'G410102201001020088', 'F', 7, 'studying'),
  roster(B, '2023-09-15', 'G410102201001030099', 'F', 8, 'studying'),
  roster(C, '2023-09-15', 'G460106200701050055', 'M', 12, 'studying'),
  roster(C, '2023-09-15', 'G460106200801060101', 'F', 11, 'studying'),
  roster(C, '2024-03-01', 'G460106200701050055', 'M', 12, 'transferred_out'),
  roster(C, '2024-03-01', 'G460106200801060101', 'F', 11, 'studying'),
  roster(C, '2024-03-01', 'G460106200801070112', 'M', 11, 'studying'),
  roster(X, '2024-02-01', 'L410105201501018888', 'F', 3, 'studying'),
  ...JUNIOR_2020.map(([date, no, grade, status]) => roster(B, date, no, 'F', grade, status)),
].map((row, index) => ({ file_id: 'f000', line_no: index + 2, name: '学生', ...row }));

function transfer(no: string, from: string, to: string, date: string, scope: string): Values {
  return { student_no: no, from_school_code: from, to_school_code: to, transfer_date: date,
    scope, is_inferred: false };
}

const TRANSFERS: Values[] = [
  transfer('G460106200701050055', C, A, '2024-02-20', 'cross_province'),
  transfer('G410105200701020022', A, C, '2023-11-10', 'cross_province'),
  transfer('G410102200801010123', B, A, '2023-08-31', 'same_prefecture'),
  transfer('G410105200801020134', A, B, '2023-09-01', 'same_prefecture'),
  transfer('G500101200801030145', X, A, '2024-01-05', 'unknown'),
  transfer('G460106200801040156', C, A, '2024-05-01', 'cross_province'),
];

function flag(id: string, rule: string, severity: string, no: string, school: string,
  examYear: number | null, summary: Record<string, string>): Values {
  return { flag_id: id, rule, severity, student_no: no, school_code: school, exam_year: examYear,
    evidence: JSON.stringify({ summary, events: [] }) };
}

const FLAGS: Values[] = [
  flag('a1', 'INVALID_REINSTATEMENT', 'high', 'G410105200701030033', A, null, {
    zh: '注销已于 2023-10-01 备案，2024-03-01 花名册仍显示 G410105200701030033 在籍',
    en: 'Cancellation filed 2023-10-01; the 2024-03-01 roster still shows G410105200701030033',
  }),
  flag('b2', 'EXAM_MIGRANT_LATE_TRANSFER', 'high', 'G460106200701050055', A, 2024, {
    zh: '身份证件号 460106200701050055 于 2024-02-20 从海南转入河南，晚于到达期限',
    en: 'ID 460106200701050055 arrived in Henan from Hainan on 2024-02-20, after the deadline',
  }),
  flag('c3', 'MULTIPLE_ACTIVE_REGISTRATIONS', 'medium', 'G410102201001010077', B, null, {
    zh: '=1+1 同一快照日期在两所学校在籍',
    en: '=1+1 registered at two schools on one snapshot date',
  }),
  flag('d4', 'UNFILED_CANCELLATION_REVERSED', 'info', 'G460106200801060101', C, null, {
    en: 'Cancellation reversed before filing <b>unfiled</b>',
  }),
  flag('a0', 'INVALID_REINSTATEMENT', 'high', 'G460106200701050055', C, null, {
    zh: '旧身份证件号 460106070105005 的注销备案后又恢复学籍',
    en: 'Old ID 460106070105005 was reinstated after a filed cancellation',
  }),
];

function file(id: string, path: string, kind: string | null, school: string | null,
  counts: (number | null)[], status: string): Values {
  const [read = null, loaded = null, rejected = null, skipped = null] = counts;
  return { file_id: id, path, sha256: id.repeat(16), kind, school_code: school, rows_read: read,
    rows_loaded: loaded, rows_rejected: rejected, rows_skipped: skipped, status };
}

const FILES: Values[] = [
  file('f100', 'inbox/4101050001_2024-03-01.csv', 'roster', A, [11, 6, 5, 0], 'loaded'),
  file('f050', 'inbox/4101050001_2023-09-15.csv', 'roster', A, [8, 8, 0, 0], 'loaded'),
  file('f200', '-changes.csv', 'changes', B, [3, 3, 0, 0], 'loaded'),
  file('f300', 'inbox/schools.csv', 'schools', null, [5, 4, 1, 0], 'loaded'),
  file('f400', 'inbox/notes.txt', null, null, [null, null, null, null], 'unrecognised'),
  file('f500', 'inbox/4601060001_2024-03-01.csv', 'roster', C, [null, null, null, null],
    'failed'),
];

const QUARANTINE: Values[] = [
  ['f100', 'mangled_by_spreadsheet'], ['f100', 'ragged_row'], ['f100', 'mangled_by_spreadsheet'],
  ['f100', 'invalid_id_checksum'], ['f100', 'bad_date'], ['f300', 'missing_school_code'],
].map(([fileId, reason], index) => ({ file_id: fileId ?? '', line_no: index + 2,
  column_name: null, reason: reason ?? '', message: `${reason}：本行有误`,
  message_en: `${reason} on this line`, raw: 'x,y' }));

export async function insertRows(warehouse: Warehouse, table: string, rows: Values[]) {
  for (const row of rows) {
    const columns = Object.keys(row);
    const sql = `INSERT INTO ${table} (${columns.join(', ')}) `
      + `VALUES (${columns.map((column) => `$${column}`).join(', ')})`;
    await warehouse.run(sql, row);
  }
}

/** A warehouse in a new temporary folder, filled with the rows above. */
export async function openFixtureWarehouse() {
  const folder = tempDir('xueji-report-');
  const warehouse = await Warehouse.open(join(folder, 'warehouse.duckdb'));
  await insertRows(warehouse, 'school', SCHOOLS);
  await insertRows(warehouse, 'roster_row', ROSTER);
  await insertRows(warehouse, 'transfer', TRANSFERS);
  await insertRows(warehouse, 'status_event', EVENTS);
  await insertRows(warehouse, 'flag', FLAGS);
  await insertRows(warehouse, 'ingest_file', FILES);
  await insertRows(warehouse, 'quarantine', QUARANTINE);
  const close = async () => {
    warehouse.close();
    await rm(folder, { recursive: true, force: true });
  };
  return { warehouse, folder, close };
}
