// The data-quality findings of rules.md §4.3 on hand-made cases, each with its look-alike that
// must not fire: the exact rows of dq_finding, with the values and sources in `detail`.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../pipelines/common/warehouse.js';
import { changes, csv, registry, roster, student, writeTree } from './support/inbox-builder.js';
import { runCli, tempDir } from './support/temp.js';

const A = { code: '4101050001', name: '郑州一中', region: '410105', level: '高中' } as const;
const B = { code: '4601050002', name: '海口一中', region: '460105', level: '高中' } as const;

const old = student('年长', '41010520000101001'); // born 2000, in 高一 in 2022
const resting = student('休一', '41010520070301011'); // 休学 for 17 months, still 休学
const restingLong = student('休二', '41010520070302012'); // 休学 for 29 months
const resumed = student('休三', '41010520070303013'); // 休学, then 复学 after 8 months
const gap = student('缺四', '41010520070304014'); // left out of one snapshot
const rejected = student('缺五', '41010520070305015'); // one row rejected: not a gap
const leaving = student('转八', '41010520070308018'); // 转出 to a school of the region, no 转入
const leavingRegion = student('转九', '41010520070306016'); // 转出 to a school outside the region
const sexTypo = student('性七', '41010520070309019'); // ID says male
const NEW_ID = student('新号', '41010520070311011').id; // ID after a change
const OLD_NO = `G${student('旧号', '41010520070310010').id}`; // student number from the old ID

const ROSTER = ['姓名', '身份证件号', '全国学籍号', '年级', '学籍状态'];
const CHANGES_FILE = `学籍异动_${A.code}_2023-08-31.csv`;

function inbox(): Record<string, string> {
  return {
    'schools.csv': registry([A, B]),
    [`${A.code}_2022-09-15.csv`]: roster([
      [old, '高一', '在读'], [resting, '高一', '在读'], [restingLong, '高一', '在读'],
      [resumed, '高一', '在读'], [gap, '高一', '在读'], [rejected, '高一', '在读'],
      [leaving, '高一', '在读'], [leavingRegion, '高一', '在读'],
    ]),
    [`${A.code}_2023-03-15.csv`]: csv(ROSTER, [
      [resting.name, resting.id, `G${resting.id}`, '高一', '休学'],
      [restingLong.name, restingLong.id, `G${restingLong.id}`, '高一', '休学'],
      [resumed.name, resumed.id, `G${resumed.id}`, '高一', '休学'],
      [rejected.name, '4.10105E+17', `G${rejected.id}`, '高一', '在读'],
      [leaving.name, leaving.id, `G${leaving.id}`, '高一', '在读'],
      [leavingRegion.name, leavingRegion.id, `G${leavingRegion.id}`, '高一', '在读'],
    ]),
    [`${A.code}_2024-03-15.csv`]: roster([
      [resting, '高二', '休学'], [restingLong, '高二', '休学'], [resumed, '高二', '在读'],
      [gap, '高二', '在读'], [rejected, '高二', '在读'],
    ]),
    [`${A.code}_2025-03-15.csv`]: roster([[restingLong, '高三', '休学']]),
    [CHANGES_FILE]: changes([
      [resting, '休学', '2022-10-10'], [restingLong, '休学', '2022-10-11'],
      [resumed, '休学', '2022-10-12'], [resumed, '复学', '2023-06-01'],
      [leaving, '转学（转出）', '2023-04-10', '', '', B.code],
      [leavingRegion, '转学（转出）', '2023-04-11', '', '', '9999999999'],
    ]),
    [`${B.code}_2024-03-15.csv`]: csv(['姓名', '性别', '身份证件号', '全国学籍号', '年级', '学籍状态'], [
      [sexTypo.name, '女', sexTypo.id, `G${sexTypo.id}`, '高一', '在读'],
      ['旧号', '男', NEW_ID, OLD_NO, '高一', '在读'],
    ]),
  };
}

type Finding = { school_code: string; student_no: string; finding: string; severity: string;
  file: string; line_no: number; detail: Record<string, unknown> };

let findings: Finding[];
let db: string;

beforeAll(async () => {
  const dir = tempDir();
  writeTree(join(dir, 'inbox'), inbox());
  db = join(dir, 'w.duckdb');
  expect(runCli(['run', '--inbox', join(dir, 'inbox'), '--db', db, '--out', join(dir, 'out')]).status).toBe(0);
  const warehouse = await Warehouse.open(db);
  const rows = await warehouse.all<Finding & { detail: string }>(`SELECT d.school_code, d.student_no,
    d.finding, d.severity, f.path AS file, d.line_no, d.detail FROM dq_finding AS d
    LEFT JOIN ingest_file AS f USING (file_id) ORDER BY d.finding, d.student_no`);
  findings = rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) }));
  warehouse.close();
});

const at = (file: string, line: number) => ({ file, line });
const of = (name: string) => findings.filter((f) => f.finding === name);

describe('the data-quality findings', () => {
  it('are exactly the planted cases, none of their look-alikes', () => {
    expect(findings.map((f) => [f.finding, f.student_no, f.severity])).toEqual([
      ['id_sex_mismatch', `G${sexTypo.id}`, 'info'],
      ['implausible_age_for_grade', `G${old.id}`, 'warning'],
      ['student_no_id_mismatch', OLD_NO, 'warning'],
      ['suspension_overdue', `G${resting.id}`, 'info'],
      ['suspension_overdue', `G${restingLong.id}`, 'warning'],
      ['timeline_gap', `G${gap.id}`, 'warning'],
      ['transfer_unpaired', `G${leaving.id}`, 'warning'],
    ]);
  });

  it('give an age more than 2 years off the grade, with the usual birth dates', () => {
    expect(of('implausible_age_for_grade')).toEqual([{
      school_code: A.code, student_no: `G${old.id}`, finding: 'implausible_age_for_grade',
      severity: 'warning', file: `${A.code}_2022-09-15.csv`, line_no: 2,
      detail: { grade: 10, snapshot_date: '2022-09-15', birth_date: '2000-01-01',
        usual_birth_dates: ['2006-09-01', '2007-08-31'], tolerance_years: 2,
        source: at(`${A.code}_2022-09-15.csv`, 2) },
    }]);
  });

  it('give a 休学 past one year as info, past its one extension as a warning', () => {
    expect(of('suspension_overdue').map((f) => [f.file, f.line_no, f.detail])).toEqual([
      [CHANGES_FILE, 2, { suspended_on: '2022-10-10', ended_on: null, still_suspended_on: '2024-03-15',
        days: 522, limit_years: 1, extensions: 1, source: at(CHANGES_FILE, 2) }],
      [CHANGES_FILE, 3, { suspended_on: '2022-10-11', ended_on: null, still_suspended_on: '2025-03-15',
        days: 886, limit_years: 1, extensions: 1, source: at(CHANGES_FILE, 3) }],
    ]);
  });

  it('give the snapshot that left a person out, unless their row there was rejected', () => {
    expect(of('timeline_gap')).toEqual([{
      school_code: A.code, student_no: `G${gap.id}`, finding: 'timeline_gap', severity: 'warning',
      file: `${A.code}_2022-09-15.csv`, line_no: 6,
      detail: { last_seen: '2022-09-15', missing_snapshots: ['2023-03-15'],
        seen_again: { date: '2024-03-15', school_code: A.code, file: `${A.code}_2024-03-15.csv`, line: 5 },
        source: at(`${A.code}_2022-09-15.csv`, 6) },
    }]);
  });

  it('give a 转出 no 转入 answers within 60 days, unless it leaves the region', () => {
    expect(of('transfer_unpaired')).toEqual([{
      school_code: A.code, student_no: `G${leaving.id}`, finding: 'transfer_unpaired',
      severity: 'warning', file: CHANGES_FILE, line_no: 6,
      detail: { change: 'transfer_out', date: '2023-04-10', counterpart_school_code: B.code,
        pair_days: 60, source: at(CHANGES_FILE, 6) },
    }]);
  });

  it('give the typed sex against the ID, and a G number whose body is not the ID beside it', () => {
    const file = `${B.code}_2024-03-15.csv`;
    expect([...of('id_sex_mismatch'), ...of('student_no_id_mismatch')]).toEqual([
      { school_code: B.code, student_no: `G${sexTypo.id}`, finding: 'id_sex_mismatch', severity: 'info',
        file, line_no: 2, detail: { attribute: 'sex', value: 'F', source: at(file, 2), other_value: 'M',
          other_from: 'id_no', other_source: at(file, 2), records: 1 } },
      { school_code: B.code, student_no: OLD_NO, finding: 'student_no_id_mismatch', severity: 'warning',
        file, line_no: 3, detail: { attribute: 'student_no', value: OLD_NO, source: at(file, 3),
          other_value: NEW_ID, other_from: 'id_no', other_source: at(file, 3), records: 1 } },
    ]);
  });

  it('are listed, said plainly, by xueji person', () => {
    const lines = (no: string) => runCli(['person', no, '--db', db]).stdout.trimEnd().split('\n');
    expect(lines(`G${gap.id}`).slice(-2)).toEqual(['data quality',
      `  timeline_gap  warning  ${A.code}  left out of 2023-03-15 between 2022-09-15 and 2024-03-15`
        + `  ← ${A.code}_2022-09-15.csv:6`]);
    expect(lines(`G${restingLong.id}`).slice(-1)).toEqual([
      `  suspension_overdue  warning  ${A.code}  休学 since 2022-10-11, 886 days`
        + ` (still 休学 on 2025-03-15)  ← ${CHANGES_FILE}:3`]);
  });
});
