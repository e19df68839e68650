// The person model on hand-made cases (rules.md §1, §3, §4.3): one inbox, one case per person,
// each asserted as the exact rows of person, person_alias, registration, transfer, quarantine
// and dq_finding it must leave.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Warehouse, type Row } from '../pipelines/common/warehouse.js';
import { csv, registry, writeTree } from './support/inbox-builder.js';
import { residentId, runCli, tempDir } from './support/temp.js';

const A1 = { code: '4101050001', name: '郑州一中', region: '410105', level: '高中' } as const;
const A2 = { code: '4113020003', name: '南阳一中', region: '411302', level: '高中' } as const;
const A3 = { code: '4101030003', name: '二七高中', region: '410103', level: '高中' } as const;
const B = { code: '4601050002', name: '海口一中', region: '460105', level: '高中' } as const;
const C = { code: '5001030001', name: '重庆一中', region: '500103', level: '高中' } as const;
const J1 = { code: '4101020001', name: '中原初中', region: '410102', level: '初中' } as const;
const J2 = { code: '4101030002', name: '二七初中', region: '410103', level: '初中' } as const;

const ZHANG = residentId('41010520070301002'); // case 1: 张三 / 張三
const LI = residentId('41010520070402004'); // case 1: 李四 / 李思
const ZHAO = residentId('41010520070301013'); // case 2: birth dates disagree
const WANG = residentId('41010220100301011'); // case 3: L number, then G number
const PLACEHOLDER = residentId('11010111111111111'); // case 4: check character right, 1111-11-11
const OLD_ID = '410105990301011'; // case 5: 15 digits; widened 410105199903010117
const CHONGQING = residentId('51020220070505002'); // case 6: issued under Sichuan
const QIAN = residentId('41010520070707017'); // case 7: 转出 and 转入

const ROSTER = ['姓名', '性别', '出生日期', '身份证件号', '全国学籍号', '年级', '学籍状态'];
const CHANGES = ['全国学籍号', '异动类别', '异动日期', '备案日期', '原学校标识码', '转入学校标识码'];
const L_WANG = 'L410102201003011234';
const L_OTHER = 'L410103201003015678';

function inbox(): Record<string, string> {
  return {
    'schools.csv': registry([A1, A2, A3, B, C, J1, J2]),
    [`${A1.code}_2023-09-15.csv`]: csv(ROSTER, [
      ['张三', '女', '2007-03-01', ZHANG, `G${ZHANG}`, '高一', '在读'],
      ['李四', '女', '2007-04-02', LI, `G${LI}`, '高一', '在读'],
      ['赵六', '男', '2007-03-01', ZHAO, `G${ZHAO}`, '高一', '在读'],
      ['孙八', '男', '2007-01-01', PLACEHOLDER, '', '高一', '在读'],
      ['周九', '女', '2007-02-02', PLACEHOLDER, '', '高一', '在读'],
    ]),
    [`${A1.code}_2023-03-15.csv`]: csv(ROSTER, [['钱七', '男', '2007-07-07', QIAN, `G${QIAN}`, '高一', '在读']]),
    [`${A2.code}_2024-03-15.csv`]: csv(ROSTER, [
      ['張三', '女', '2007-03-01', ZHANG, `G${ZHANG}`, '高一', '在读'],
      ['李思', '女', '2007-04-02', LI, `G${LI}`, '高一', '在读'],
    ]),
    [`${B.code}_2024-03-15.csv`]: csv(ROSTER, [
      ['赵六', '男', '2007-01-03', ZHAO, `G${ZHAO}`, '高一', '在读'],
      ['钱七', '男', '2007-07-07', QIAN, `G${QIAN}`, '高二', '在读'],
    ]),
    [`学籍异动_${A1.code}_2024-08-31.csv`]: csv(CHANGES, [
      [`G${QIAN}`, '转学（转出）', '2023-09-05', '', '', B.code],
    ]),
    [`学籍异动_${B.code}_2024-08-31.csv`]: csv(CHANGES, [
      [`G${QIAN}`, '转学（转入）', '2023-09-08', '', A1.code, ''],
    ]),
    [`${J1.code}_2023-09-15.csv`]: csv(ROSTER, [['王小明', '男', '2010-03-01', '', L_WANG, '初一', '在读']]),
    [`${J1.code}_2024-03-15.csv`]: csv(ROSTER, [['王小明', '男', '2010-03-01', WANG, `G${WANG}`, '初一', '在读']]),
    [`${J2.code}_2023-09-15.csv`]: csv(ROSTER, [['王小明', '男', '2010-03-01', '', L_OTHER, '初一', '在读']]),
    [`${A3.code}_2016-09-15.csv`]: csv(ROSTER, [['吴十', '男', '1999-03-01', OLD_ID, '', '高三', '在读']]),
    [`${A3.code}_2017-03-15.csv`]: csv(ROSTER, [['吴十', '男', '1999-03-01', '410105199903010117', '', '高三', '在读']]),
    [`${C.code}_2023-09-15.csv`]: csv(ROSTER, [['郑十一', '女', '2007-05-05', CHONGQING, `G${CHONGQING}`, '高一', '在读']]),
  };
}

const tables: Record<string, Row[]> = {};

beforeAll(async () => {
  const dir = tempDir();
  writeTree(join(dir, 'inbox'), inbox());
  const db = join(dir, 'w.duckdb');
  const result = runCli(['run', '--inbox', join(dir, 'inbox'), '--db', db, '--out', join(dir, 'out')]);
  expect(result.status).toBe(0);
  const warehouse = await Warehouse.open(db);
  const queries: Record<string, string> = {
    person: 'SELECT * FROM person ORDER BY student_no',
    person_alias: 'SELECT student_no, alias_no, alias_kind, linked_by FROM person_alias ORDER BY ALL',
    registration: `SELECT student_no, school_code, start_date, end_date, end_status, start_change,
      start_inferred FROM registration ORDER BY student_no, start_date`,
    transfer: 'SELECT * EXCLUDE (out_event_id, in_event_id), out_event_id IS NOT NULL AS has_out, in_event_id IS NOT NULL AS has_in FROM transfer ORDER BY ALL',
    quarantine: 'SELECT path, line_no, column_name, reason FROM quarantine JOIN ingest_file USING (file_id) ORDER BY ALL',
    dq_finding: `SELECT d.school_code, d.student_no, d.finding, d.severity, f.path AS file, d.line_no,
      d.detail FROM dq_finding AS d LEFT JOIN ingest_file AS f USING (file_id) ORDER BY ALL`,
  };
  for (const [name, sql] of Object.entries(queries)) tables[name] = await warehouse.all(sql);
  warehouse.close();
});

const personOf = (studentNo: string) => tables.person!.filter((p) => p.student_no === studentNo);
const aliasesOf = (studentNo: string) => tables.person_alias!.filter((a) => a.student_no === studentNo);
const findingsOf = (studentNo: string) => tables.dq_finding!
  .filter((f) => f.student_no === studentNo)
  .map((f) => ({ ...f, detail: JSON.parse(String(f.detail)) }));

function person(studentNo: string, idNo: string | null, name: string, sex: string, birth: string,
  origin: string | null, school: string, grade: number, lastSeen: string): Row {
  return {
    student_no: studentNo, id_no: idNo, name, sex, birth_date: birth,
    origin_province_code: origin, current_school_code: school, current_status: 'studying',
    current_grade: grade, last_seen: lastSeen,
  };
}

describe('case 1: 张三 and 張三 with one student number at two schools', () => {
  it('is one person, named as the latest snapshot names them', () => {
    expect(personOf(`G${ZHANG}`)).toEqual([
      person(`G${ZHANG}`, ZHANG, '張三', 'F', '2007-03-01', '41', A2.code, 10, '2024-03-15'),
    ]);
  });

  it('raises no conflict, since the names are one once traditional forms are folded', () => {
    expect(findingsOf(`G${ZHANG}`)).toEqual([]);
  });

  it('raises a conflict, with both names and both sources, when the names really differ', () => {
    expect(findingsOf(`G${LI}`)).toEqual([{
      school_code: A1.code, student_no: `G${LI}`, finding: 'conflicting_attributes', severity: 'info',
      file: `${A1.code}_2023-09-15.csv`, line_no: 3,
      detail: {
        attribute: 'name', value: '李四', source: { file: `${A1.code}_2023-09-15.csv`, line: 3 },
        other_value: '李思', other_from: 'name',
        other_source: { file: `${A2.code}_2024-03-15.csv`, line: 3 }, records: 1,
      },
    }]);
  });
});

describe('case 2: one student number with birth dates 2007-03-01 and 2007-01-03', () => {
  it('is one person whose birth date comes from the ID', () => {
    expect(personOf(`G${ZHAO}`)).toEqual([
      person(`G${ZHAO}`, ZHAO, '赵六', 'M', '2007-03-01', '41', B.code, 10, '2024-03-15'),
    ]);
  });

  it('names the file and line that disagree with the ID', () => {
    expect(findingsOf(`G${ZHAO}`)).toEqual([{
      school_code: B.code, student_no: `G${ZHAO}`, finding: 'id_birth_date_mismatch', severity: 'info',
      file: `${B.code}_2024-03-15.csv`, line_no: 2,
      detail: {
        attribute: 'birth_date', value: '2007-01-03', source: { file: `${B.code}_2024-03-15.csv`, line: 2 },
        other_value: '2007-03-01', other_from: 'id_no',
        other_source: { file: `${B.code}_2024-03-15.csv`, line: 2 }, records: 1,
      },
    }]);
  });
});

describe('case 3: an L number replaced by a G number at the same school', () => {
  it('is one person under the G number, holding both numbers and the ID', () => {
    expect(personOf(`G${WANG}`)).toEqual([
      person(`G${WANG}`, WANG, '王小明', 'M', '2010-03-01', '41', J1.code, 7, '2024-03-15'),
    ]);
    expect(aliasesOf(`G${WANG}`)).toEqual([
      { student_no: `G${WANG}`, alias_no: WANG, alias_kind: 'id_no', linked_by: 'listed_with' },
      { student_no: `G${WANG}`, alias_no: `G${WANG}`, alias_kind: 'student_no', linked_by: 'own' },
      { student_no: `G${WANG}`, alias_no: L_WANG, alias_kind: 'temporary_no', linked_by: 'temporary_replaced' },
    ]);
  });

  it('keeps one stay, from the L number\'s first snapshot', () => {
    expect(tables.registration!.filter((r) => r.student_no === `G${WANG}`)).toEqual([{
      student_no: `G${WANG}`, school_code: J1.code, start_date: '2023-09-15', end_date: '2024-03-15',
      end_status: 'studying', start_change: 'admission', start_inferred: true,
    }]);
  });

  it('keeps the child of the same name and birth date at another school a person of their own', () => {
    expect(personOf(L_OTHER)).toEqual([
      person(L_OTHER, null, '王小明', 'M', '2010-03-01', null, J2.code, 7, '2023-09-15'),
    ]);
    expect(aliasesOf(L_OTHER)).toEqual([
      { student_no: L_OTHER, alias_no: L_OTHER, alias_kind: 'temporary_no', linked_by: 'own' },
    ]);
  });
});

describe('case 4: a placeholder ID whose check character is right but whose date is 1111-11-11', () => {
  it('rejects both rows as invalid_id_birth_date', () => {
    expect(tables.quarantine).toEqual([
      { path: `${A1.code}_2023-09-15.csv`, line_no: 5, column_name: 'id_no', reason: 'invalid_id_birth_date' },
      { path: `${A1.code}_2023-09-15.csv`, line_no: 6, column_name: 'id_no', reason: 'invalid_id_birth_date' },
    ]);
  });

  it('makes no person of either, so they never merge', () => {
    expect(tables.person_alias!.filter((a) => String(a.alias_no).includes(PLACEHOLDER))).toEqual([]);
    expect(tables.person!.map((p) => p.name)).not.toContain('孙八');
  });
});

describe('case 5: an old 15-digit ID in one file, its 18-digit form in another', () => {
  it('is one person under G + the widened ID, keeping the 15-digit original', () => {
    expect(personOf('G410105199903010117')).toEqual([
      person('G410105199903010117', '410105199903010117', '吴十', 'M', '1999-03-01', '41', A3.code, 12, '2017-03-15'),
    ]);
    expect(aliasesOf('G410105199903010117')).toEqual([
      { student_no: 'G410105199903010117', alias_no: '410105199903010117', alias_kind: 'id_no', linked_by: 'listed_with' },
      { student_no: 'G410105199903010117', alias_no: OLD_ID, alias_kind: 'old_id_no', linked_by: 'listed_with' },
      { student_no: 'G410105199903010117', alias_no: 'G410105199903010117', alias_kind: 'student_no', linked_by: 'own' },
    ]);
  });
});

describe('case 6: an ID issued in Chongqing while it was part of Sichuan (5102…)', () => {
  it('is valid, and its origin resolves to Chongqing (50)', () => {
    expect(personOf(`G${CHONGQING}`)).toEqual([
      person(`G${CHONGQING}`, CHONGQING, '郑十一', 'F', '2007-05-05', '50', C.code, 10, '2023-09-15'),
    ]);
  });

  it('marks the county code unknown_region, resolved as far as the prefecture', () => {
    expect(findingsOf(`G${CHONGQING}`)).toEqual([{
      school_code: C.code, student_no: `G${CHONGQING}`, finding: 'unknown_region', severity: 'info',
      file: `${C.code}_2023-09-15.csv`, line_no: 2,
      detail: {
        attribute: 'id_no', value: '510202', source: { file: `${C.code}_2023-09-15.csv`, line: 2 },
        other_value: '510200', other_from: 'region', other_source: null, records: 1,
      },
    }]);
  });
});

describe('case 7: a 转出 at school A on 2023-09-05 and a 转入 at school B on 2023-09-08', () => {
  it('is one transfer dated by the 转入, cross-province, pairing both records', () => {
    expect(tables.transfer!.filter((t) => t.student_no === `G${QIAN}`)).toEqual([{
      student_no: `G${QIAN}`, from_school_code: A1.code, to_school_code: B.code,
      transfer_date: '2023-09-08', scope: 'cross_province', is_inferred: false, has_out: true, has_in: true,
    }]);
  });

  it('ends the stay at A with the 转出 and starts the one at B with the 转入', () => {
    expect(tables.registration!.filter((r) => r.student_no === `G${QIAN}`)).toEqual([
      { student_no: `G${QIAN}`, school_code: A1.code, start_date: '2023-03-15', end_date: '2023-09-05', end_status: 'transferred_out', start_change: 'admission', start_inferred: true },
      { student_no: `G${QIAN}`, school_code: B.code, start_date: '2023-09-08', end_date: '2024-03-15', end_status: 'studying', start_change: 'transfer_in', start_inferred: false },
    ]);
  });
});

describe('the whole inbox', () => {
  it('raises exactly the findings of the cases above, and no others', () => {
    expect(tables.dq_finding!.map((f) => [f.finding, f.student_no])).toEqual([
      ['conflicting_attributes', `G${LI}`],
      ['id_birth_date_mismatch', `G${ZHAO}`],
      ['unknown_region', `G${CHONGQING}`],
    ]);
  });
});
