// Resident IDs and student numbers (rules.md §1): `xueji id`, the TypeScript rules and the SQL
// macros the ingest runs must agree, on one table of IDs covering every reason code.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hanVariantRows } from '../models/han-variants.js';
import { resolveRegion } from '../models/regions.js';
import { parseResidentId, PROVINCE_CODES } from '../models/resident-id.js';
import { parseStudentNo } from '../models/student-no.js';
import { Warehouse } from '../pipelines/common/warehouse.js';
import { residentId, runCli, tempDir } from './support/temp.js';

const AS_OF = '2025-06-30';

type Case = [input: string, normalized: string | null, reason: string | null,
  birth: string | null, sex: 'M' | 'F' | null];

/** Check characters computed with test/support's own residentId(); see the first test. */
const IDS: Case[] = [
  ['11010519491231002X', '11010519491231002X', null, '1949-12-31', 'F'],
  ['440304200802290012', '440304200802290012', null, '2008-02-29', 'M'],
  ['460105201001010002', '460105201001010002', null, '2010-01-01', 'F'],
  ['650102190001010032', '650102190001010032', null, '1900-01-01', 'M'],
  ['710000200001010010', '710000200001010010', null, '2000-01-01', 'M'],
  ['810000200505050028', '810000200505050028', null, '2005-05-05', 'F'],
  ['820000200505050046', '820000200505050046', null, '2005-05-05', 'F'],
  ['44030420080201005X', '44030420080201005X', null, '2008-02-01', 'M'],
  ['46010520100101007x', '46010520100101007X', null, '2010-01-01', 'M'],
  ['33010620010915000X', '33010620010915000X', null, '2001-09-15', 'F'],
  ['４１０１０５２００７０４０４００４４', '410105200704040044', null, '2007-04-04', 'F'],
  ['410105 2007 0404 0044', '410105200704040044', null, '2007-04-04', 'F'],
  ['="410105200704040044"', '410105200704040044', null, '2007-04-04', 'F'],
  ["'410105200704040044", '410105200704040044', null, '2007-04-04', 'F'],
  ['410105990301011', '410105199903010117', null, '1999-03-01', 'M'],
  ['110105491231002', '11010519491231002X', null, '1949-12-31', 'F'],
  ['110103198001010013', '110103198001010013', null, '1980-01-01', 'M'],
  ['510202200705050025', '510202200705050025', null, '2007-05-05', 'F'],
  ['410199200701010018', '410199200701010018', null, '2007-01-01', 'M'],
  ['410105202506300019', '410105202506300019', null, '2025-06-30', 'M'],
  ['410105200703010012', '410105200703010012', 'invalid_id_checksum', '2007-03-01', 'M'],
  ['410105200704040045', '410105200704040045', 'invalid_id_checksum', '2007-04-04', 'F'],
  ['440304200802290011', '440304200802290011', 'invalid_id_checksum', '2008-02-29', 'M'],
  ['110105194912310020', '110105194912310020', 'invalid_id_checksum', '1949-12-31', 'F'],
  ['110101111111111117', '110101111111111117', 'invalid_id_birth_date', '1111-11-11', 'M'],
  ['410105200702290015', '410105200702290015', 'invalid_id_birth_date', null, 'M'],
  ['410105200713010015', '410105200713010015', 'invalid_id_birth_date', null, 'M'],
  ['410105200701000012', '410105200701000012', 'invalid_id_birth_date', null, 'M'],
  ['410105189912310016', '410105189912310016', 'invalid_id_birth_date', '1899-12-31', 'M'],
  ['410105202507010013', '410105202507010013', 'invalid_id_birth_date', '2025-07-01', 'M'],
  ['410105990231011', '410105199902310118', 'invalid_id_birth_date', null, 'M'],
  ['990105200703010014', '990105200703010014', 'invalid_id_province', '2007-03-01', 'M'],
  ['000105200703010015', '000105200703010015', 'invalid_id_province', '2007-03-01', 'M'],
  ['720105200703010014', '720105200703010014', 'invalid_id_province', '2007-03-01', 'M'],
  ['190105200703010015', '190105200703010015', 'invalid_id_province', '2007-03-01', 'M'],
  ['41010520070404004', '41010520070404004', 'invalid_id_length', null, null],
  ['4101052007040400440', '4101052007040400440', 'invalid_id_length', null, null],
  ['4101052007040400Y4', '4101052007040400Y4', 'invalid_id_length', null, null],
  ['12345678901234', '12345678901234', 'invalid_id_length', null, null],
  ['ABC', 'ABC', 'invalid_id_length', null, null],
  ['4.10105E+17', '4.10105E+17', 'mangled_by_spreadsheet', null, null],
  ['4.10105e17', '4.10105E17', 'mangled_by_spreadsheet', null, null],
  ['410105200704040044.0', '410105200704040044.0', 'mangled_by_spreadsheet', null, null],
  ['410105200704040000', '410105200704040000', 'mangled_by_spreadsheet', '2007-04-04', 'F'],
];

interface Lookup {
  input: string;
  normalized: string | null;
  valid: boolean;
  reason: string | null;
  birth_date: string | null;
  sex: string | null;
  region_code: string | null;
  region_status: string | null;
  province_code: string | null;
  region_name: string | null;
}

/** The values as a one-column table `t(s)`, in order. */
const VALUES = `(SELECT v.s FROM (SELECT unnest(x) AS s, generate_subscripts(x, 1) AS i
  FROM (SELECT json_transform($values::JSON, '["VARCHAR"]') AS x)) AS v ORDER BY v.i) AS t`;

let lookups: Lookup[];
let text: string;
let warehouse: Warehouse;

beforeAll(async () => {
  const result = runCli(['id', '--json', '--as-of', AS_OF, ...IDS.map(([input]) => input)]);
  expect(result.status).toBe(0);
  lookups = result.stdout.trimEnd().split('\n').map((line) => JSON.parse(line));
  text = runCli(['id', '--as-of', AS_OF, '410105990301011', '510202200705050025']).stdout;
  warehouse = await Warehouse.open(join(tempDir(), 'w.duckdb'));
});

afterAll(() => warehouse.close());

describe('the table of IDs', () => {
  it('covers every reason code, and its check characters are those of GB 11643', () => {
    const reasons = new Set(IDS.map(([, , reason]) => reason));
    expect(reasons).toEqual(new Set([null, 'invalid_id_checksum', 'invalid_id_birth_date',
      'invalid_id_province', 'invalid_id_length', 'mangled_by_spreadsheet']));
    expect(IDS.length).toBeGreaterThanOrEqual(40);
    const right = IDS.filter(([, id, reason]) => reason !== 'invalid_id_checksum'
      && reason !== 'mangled_by_spreadsheet' && /^\d{17}[\dX]$/.test(id ?? ''));
    expect(right.filter(([, id]) => residentId(id!.slice(0, 17)) !== id)).toEqual([]);
  });
});

describe('xueji id', () => {
  it('gives the normalised form, reason, birth date and sex of every ID in the table', () => {
    const got = lookups.map((l) => [l.input, l.normalized, l.reason, l.birth_date, l.sex]);
    expect(got).toEqual(IDS);
    expect(lookups.map((l) => l.valid)).toEqual(IDS.map(([, , reason]) => reason === null));
  });

  it('agrees with the TypeScript rules the rest of the code uses', () => {
    const parsed = IDS.map(([input]) => parseResidentId(input, AS_OF))
      .map((p) => [p.input, p.idNo, p.reason, p.birthDate, p.sex]);
    expect(parsed).toEqual(IDS);
  });

  it('agrees with the SQL macros the ingest rejects rows with', async () => {
    const rows = await warehouse.all<{ id: string; reason: string | null }>(
      `SELECT id, id_problem(id, $as_of::DATE) AS reason
       FROM (SELECT id_no_of(s, NULL) AS id FROM ${VALUES})`,
      { values: JSON.stringify(IDS.map(([input]) => input)), as_of: AS_OF });
    expect(rows.map((r) => [r.id, r.reason])).toEqual(IDS.map(([, id, reason]) => [id, reason]));
  });

  it('reads sex and birth date in SQL as it does in TypeScript', async () => {
    const valid = IDS.filter(([, , reason]) => reason === null).map(([, id]) => id!);
    const rows = await warehouse.all<{ birth: string; sex: string }>(
      `SELECT id_birth_date(s)::VARCHAR AS birth, id_sex(s) AS sex FROM ${VALUES}`,
      { values: JSON.stringify(valid) });
    const expected = IDS.filter(([, , reason]) => reason === null).map(([, , , birth, sex]) => ({ birth, sex }));
    expect(rows).toEqual(expected);
  });

  it('resolves current, retired and unknown county codes, and 5102… to Chongqing', () => {
    const pick = (input: string) => {
      const l = lookups.find((x) => x.input === input)!;
      return [l.region_code, l.region_status, l.province_code, l.region_name];
    };
    expect(pick('440304200802290012')).toEqual(['440304', 'current', '44', '广东省 深圳市 福田区']);
    expect(pick('110103198001010013')).toEqual(['110103', 'retired', '11', '北京市 崇文区']);
    expect(pick('410199200701010018')).toEqual(['410199', 'unknown_region', '41', '河南省 郑州市']);
    expect(pick('510202200705050025')).toEqual(['510202', 'unknown_region', '50', '重庆市（1997 年前属四川省）']);
    expect(pick('710000200001010010')).toEqual(['710000', 'current', '71', '台湾省']);
  });

  it('prints one readable line per ID', () => {
    expect(text).toBe([
      '410105199903010117 (widened from 410105990301011)  valid  born 1999-03-01  male  region 410105 current 河南省 郑州市 金水区  province 41 河南省',
      '510202200705050025  valid  born 2007-05-05  female  region 510202 unknown_region (within 510200 重庆市（1997 年前属四川省）)  province 50 重庆市',
      '',
    ].join('\n'));
  });

  it('exits 0 on an invalid ID and 2 with no ID at all', () => {
    expect(runCli(['id', '410105200703010012']).status).toBe(0);
    const none = runCli(['id']);
    expect(none.status).toBe(2);
    expect(none.stdout).toBe('');
  });
});

describe('student numbers', () => {
  const NUMBERS: [string, boolean][] = [
    ['G410105200704040044', true],
    ['g410105200704040044', true],
    ['G410105200704040045', false],
    ['G410105200702290015', false],
    ['J41010520070301001X', false],
    ['J410105200703010012', false],
    ['J410105200704040044', true],
    ['L410102201003011234', true],
    ['L410102201002301234', false],
    ['L990102201003011234', false],
    ['L41010220100301123', false],
    ['L41010220100301123X', false],
    ['K410105200704040044', false],
  ];

  it('are checked for their kind the same way in TypeScript and in SQL', async () => {
    const rows = await warehouse.all<{ ok: boolean }>(
      `SELECT coalesce(is_student_no(normalize_ident(s)), false) AS ok FROM ${VALUES}`,
      { values: JSON.stringify(NUMBERS.map(([n]) => n)) });
    expect(rows.map((r) => r.ok)).toEqual(NUMBERS.map(([, ok]) => ok));
    expect(NUMBERS.map(([n]) => parseStudentNo(n).valid)).toEqual(NUMBERS.map(([, ok]) => ok));
  });

  it('read the school region and birth date out of an L number, with no sex', () => {
    const [l] = runCli(['id', '--json', '--as-of', AS_OF, 'L410102201003011234']).stdout.split('\n');
    expect(JSON.parse(l!)).toMatchObject({ kind: 'student_no_L', valid: true, birth_date: '2010-03-01',
      sex: null, region_code: '410102', province_code: '41' });
  });
});

describe('the reference data', () => {
  it('knows exactly the province codes of rules.md §1.3 as provinces', () => {
    const require = createRequire(import.meta.url);
    const current = require('gb2260/lib/201607.json') as Record<string, string>;
    const provinces = Object.keys(current).filter((c) => c.endsWith('0000')).map((c) => c.slice(0, 2));
    expect(new Set(provinces)).toEqual(PROVINCE_CODES);
  });

  it('keeps a retired code under its newest name and today\'s province', () => {
    expect(resolveRegion('110104')).toMatchObject({ status: 'retired', provinceCode: '11',
      matched: { name: '宣武区', revision: '200912' } });
  });

  it('folds traditional and variant characters to one simplified form, at a fixed point', () => {
    const folds = new Map(hanVariantRows().map((r) => [r.variant, r.simplified]));
    expect(['張', '蕭', '鐘', '於', '錢'].map((c) => folds.get(c))).toEqual(['张', '萧', '钟', '于', '钱']);
    expect([...folds.values()].filter((s) => folds.has(s))).toEqual([]);
  });
});
