// Builds small hand-made inboxes for tests: a registry, roster snapshots and change logs written
// as UTF-8 CSV with the headers most exports use, from a few lines of test data.

import { residentId, writeTree } from './temp.js';

export interface TestStudent {
  name: string;
  id: string;
}

export function student(name: string, first17: string): TestStudent {
  return { name, id: residentId(first17) };
}

export interface TestSchool {
  code: string;
  name: string;
  region: string;
  level: '初中' | '高中';
}

export function registry(schools: TestSchool[]): string {
  const rows = schools.map((s) => [s.code, s.name, s.region, s.level].join(','));
  return ['学校标识码,学校名称,行政区划代码,学段', ...rows].join('\n') + '\n';
}

/** One roster row: [student, grade name, status name, presence?]. */
export type RosterEntry = [TestStudent, string, string, string?];

export function roster(entries: RosterEntry[]): string {
  const rows = entries.map(([s, grade, status, presence]) =>
    [s.name, s.id, 'G' + s.id, grade, status, presence ?? '0'].join(','));
  return ['姓名,身份证件号,全国学籍号,年级,学籍状态,在校状态', ...rows].join('\n') + '\n';
}

/** One change row: [student, change type name, date, filed date?, from school?, to school?]. */
export type ChangeEntry = [TestStudent, string, string, string?, string?, string?];

export function changes(entries: ChangeEntry[]): string {
  const rows = entries.map(([s, type, date, filed, from, to]) =>
    ['G' + s.id, type, date, filed ?? '', from ?? '', to ?? ''].join(','));
  return ['全国学籍号,异动类别,异动日期,备案日期,原学校标识码,转入学校标识码', ...rows].join('\n') + '\n';
}

export { writeTree };

/** Any export as UTF-8 CSV: a header row and rows of cells, as a clerk's file would hold them. */
export function csv(header: string[], rows: string[][]): string {
  return [header, ...rows].map((cells) => cells.join(',')).join('\n') + '\n';
}
