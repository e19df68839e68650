import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../pipelines/common/warehouse.js';
import { changes, registry, roster, student, writeTree } from './support/inbox-builder.js';
import { runCli, tempDir } from './support/temp.js';

const HENAN = { code: '4101050001', name: '郑州一中', region: '410105', level: '高中' } as const;
const HENAN_2 = { code: '4113020003', name: '南阳一中', region: '411302', level: '高中' } as const;
const HAINAN = { code: '4601050002', name: '海口一中', region: '460105', level: '高中' } as const;

// Reinstatement cases, all in Henan senior high.
const refiled = student('甲一', '41010520070101001');
const unfiled = student('乙二', '41010520070202002');
const suspended = student('丙三', '41010520070303003');
const silent = student('丁四', '41010520070404004');
// Migrant cases, candidates of exam year 2025 (高三 in 2024-2025).
const lateHigh = student('戊五', '41010520070505005');
const lateMedium = student('己六', '41010520070606006');
const goingHome = student('庚七', '41010520070707007');
const withinProvince = student('辛八', '41010520070808008');

function inbox(): Record<string, string> {
  return {
    'schools.csv': registry([HENAN, HENAN_2, HAINAN]),
    [`${HENAN.code}_2023-09-15.csv`]: roster([
      [refiled, '高二', '在读'], [unfiled, '高二', '在读'], [suspended, '高二', '在读'],
      [silent, '高二', '在读'], [lateHigh, '高二', '在读'], [lateMedium, '高二', '在读'],
      [withinProvince, '高二', '在读'],
    ]),
    [`${HAINAN.code}_2023-09-15.csv`]: roster([[goingHome, '高二', '在读']]),
    [`${HENAN.code}_2024-03-15.csv`]: roster([
      [refiled, '高二', '退学'], [unfiled, '高二', '退学'], [suspended, '高二', '休学'],
      [silent, '高二', '退学'], [lateHigh, '高二', '在读'], [withinProvince, '高二', '在读'],
      [goingHome, '高二', '在读'],
    ]),
    [`${HAINAN.code}_2024-03-15.csv`]: roster([[lateMedium, '高二', '在读']]),
    [`${HENAN.code}_2024-09-15.csv`]: roster([
      [refiled, '高三', '在读'], [unfiled, '高三', '在读'], [suspended, '高三', '在读'],
      [silent, '高三', '在读'],
    ]),
    [`${HENAN_2.code}_2024-09-15.csv`]: roster([[withinProvince, '高三', '在读']]),
    [`${HAINAN.code}_2024-09-15.csv`]: roster([[lateMedium, '高三', '在读'], [lateHigh, '高三', '在读']]),
    [`${HENAN.code}_2025-03-15.csv`]: roster([[goingHome, '高三', '在读']]),
    [`学籍异动_${HENAN.code}_2024-08-31.csv`]: changes([
      [refiled, '退学', '2024-01-10', '2024-01-20'],
      [refiled, '恢复学籍', '2024-06-01'],
      [unfiled, '退学', '2024-01-10'],
      [unfiled, '恢复学籍', '2024-06-01'],
      [suspended, '休学', '2024-01-10'],
      [suspended, '复学', '2024-06-01'],
      [silent, '退学', '2024-01-10', '2024-01-20'],
      [lateMedium, '转学（转出）', '2023-11-01', '', '', HAINAN.code],
    ]),
    [`学籍异动_${HAINAN.code}_2024-08-31.csv`]: changes([
      [lateMedium, '转学（转入）', '2023-11-05', '', HENAN.code],
      [goingHome, '转学（转出）', '2024-02-01', '', '', HENAN.code],
    ]),
    [`学籍异动_${HENAN.code}_2025-08-31.csv`]: changes([
      [goingHome, '转学（转入）', '2024-02-03', '', HAINAN.code],
    ]),
  };
}

describe('the flag rules on hand-made cases', () => {
  let flags: Record<string, unknown>[];
  let evidence: Record<string, unknown>;

  beforeAll(async () => {
    const dir = tempDir();
    writeTree(join(dir, 'inbox'), inbox());
    const db = join(dir, 'w.duckdb');
    const result = runCli(['run', '--inbox', join(dir, 'inbox'), '--db', db, '--out', join(dir, 'out')]);
    expect(result.stderr).not.toContain('"level":"warn"');
    expect(result.status).toBe(0);
    const warehouse = await Warehouse.open(db);
    flags = await warehouse.all(`SELECT rule, severity, student_no, school_code, exam_year
      FROM flag ORDER BY rule, student_no`);
    const row = await warehouse.one<{ evidence: string }>(
      'SELECT evidence FROM flag WHERE student_no = $s', { s: 'G' + refiled.id });
    evidence = JSON.parse(row!.evidence);
    warehouse.close();
  });

  it('flags exactly the planted cases, with their severities', () => {
    expect(flags).toEqual([
      { rule: 'EXAM_MIGRANT_LATE_TRANSFER', severity: 'high', student_no: 'G' + lateHigh.id, school_code: HAINAN.code, exam_year: 2025 },
      { rule: 'EXAM_MIGRANT_LATE_TRANSFER', severity: 'medium', student_no: 'G' + lateMedium.id, school_code: HAINAN.code, exam_year: 2025 },
      { rule: 'INVALID_REINSTATEMENT', severity: 'high', student_no: 'G' + refiled.id, school_code: HENAN.code, exam_year: null },
      { rule: 'INVALID_REINSTATEMENT', severity: 'high', student_no: 'G' + silent.id, school_code: HENAN.code, exam_year: null },
      { rule: 'UNFILED_CANCELLATION_REVERSED', severity: 'info', student_no: 'G' + unfiled.id, school_code: HENAN.code, exam_year: null },
    ].sort((a, b) => (a.rule + a.student_no).localeCompare(b.rule + b.student_no)));
  });

  it('keeps the evidence of a reinstatement with its source files and lines', () => {
    expect(evidence).toEqual({
      cancellation: { change: 'withdraw', date: '2024-01-10', filed_date: '2024-01-20', school_code: HENAN.code, file: `学籍异动_${HENAN.code}_2024-08-31.csv`, line: 2 },
      restorations: [{ date: '2024-06-01', change: 'reinstate', school_code: HENAN.code, file: `学籍异动_${HENAN.code}_2024-08-31.csv`, line: 3 }],
      registered_after: [{ date: '2024-09-15', status: 'studying', school_code: HENAN.code, file: `${HENAN.code}_2024-09-15.csv`, line: 2 }],
      summary: {
        en: `withdrawal on 2024-01-10, filed 2024-01-20, yet restored on 2024-06-01; needs review`,
        zh: '2024-01-10 退学，已于 2024-01-20 备案，但于 2024-06-01 恢复；待核查',
      },
    });
  });
});
