// The value normalisations of inputs.md §5, one SQL macro each, with exact inputs and outputs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../pipelines/common/warehouse.js';

let warehouse: Warehouse;
beforeAll(async () => {
  warehouse = await Warehouse.open(':memory:');
});
afterAll(() => warehouse.close());

async function apply(macro: string, inputs: (string | null)[]): Promise<unknown[]> {
  const rows = await warehouse.all<{ v: unknown }>(
    `SELECT ${macro}(s) AS v FROM (SELECT unnest(l) AS s, generate_subscripts(l, 1) AS i
       FROM (SELECT from_json($inputs, '["VARCHAR"]') AS l)) ORDER BY i`,
    { inputs: JSON.stringify(inputs) },
  );
  return rows.map((r) => r.v);
}

describe('normalize_ident', () => {
  it('strips decorations and folds full-width characters to one canonical form', async () => {
    expect(await apply('normalize_ident', [
      '410105200503010017', ' 4101052005 03010017\t', '41010520\u200b0503010017', '\ufeff410105200503010017',
      '４１０１０５２００５０３０１００１７', "'410105200503010017", '="410105200503010017"',
      '41010520050301001x', '', null,
    ])).toEqual([
      '410105200503010017', '410105200503010017', '410105200503010017', '410105200503010017',
      '410105200503010017', '410105200503010017', '410105200503010017',
      '41010520050301001X', null, null,
    ]);
  });
});

describe('normalize_text', () => {
  it('trims ASCII and ideographic spaces and turns empty text into null', async () => {
    expect(await apply('normalize_text', ['　张三　', ' 李 四 ', '', '  ', null])).toEqual(['张三', '李 四', null, null, null]);
  });
});

describe('parse_cn_date', () => {
  it('reads every date form clerks type and rejects the ambiguous ones', async () => {
    expect(await apply('parse_cn_date', [
      '2005-03-01', '2005/3/1', '2005.03.01', '20050301', '2005年3月1日', '38412', '2005-03-01 00:00:00',
      '2005-3-1T08:30', '03/04/2005', '05-03-01', '2005-02-30', '20050230', 'unknown', null,
    ])).toEqual([
      '2005-03-01', '2005-03-01', '2005-03-01', '2005-03-01', '2005-03-01', '2005-03-01', '2005-03-01',
      '2005-03-01', null, null, null, null, null, null,
    ]);
  });
});

describe('parse_year_month', () => {
  it('reads year-months in every form and full dates as their month', async () => {
    expect(await apply('parse_year_month', ['2005-03', '200503', '2005年3月', '2005.3', '2022.9', '2022-09-01', '2022年9月1日', '22.9', null]))
      .toEqual(['2005-03', '2005-03', '2005-03', '2005-03', '2022-09', '2022-09', '2022-09', null, null]);
  });
});

describe('parse_sex', () => {
  it('reads 男/女, the GB/T 2261.1 codes and M/F', async () => {
    expect(await apply('parse_sex', ['男', '女', '1', '2', 'm', 'F', ' 男 ', '9', null]))
      .toEqual(['M', 'F', 'M', 'F', 'M', 'F', 'M', null, null]);
  });
});

describe('parse_grade_name and grade_from_code', () => {
  it('maps grade names to 1–12', async () => {
    expect(await apply('parse_grade_name', ['一年级', '六年级', '七年级', '初一', '初三', '高一', '高 三', '高中二年级', '12']))
      .toEqual([1, 6, 7, 7, 9, 10, 12, 11, null]);
  });

  it('maps national grade codes to 1–12', async () => {
    const rows = await warehouse.all<{ g: number | null }>(
      'SELECT grade_from_code(n) AS g FROM unnest([11, 16, 21, 23, 24, 31, 33, 17, 1]) AS t(n)');
    expect(rows.map((r) => r.g)).toEqual([1, 6, 7, 9, 9, 10, 12, null, null]);
  });
});

describe('id_problem', () => {
  it('names the reason a resident ID is invalid, or null when it is valid', async () => {
    const ids = [
      '410105200503010017', '11010519491231002X', '4.10105E+17', '410105200503010000',
      '410105200503010017.0', '410105200503010018', '410105200502300016', '410105111111110016',
      '990105200503010017', '41010520050301001', '440106201107298000',
    ];
    const rows = await warehouse.all<{ p: string | null }>(
      `SELECT id_problem(s, DATE '2025-09-01') AS p FROM (SELECT unnest(l) AS s,
         generate_subscripts(l, 1) AS i FROM (SELECT from_json($ids, '["VARCHAR"]') AS l)) ORDER BY i`,
      { ids: JSON.stringify(ids) });
    expect(rows.map((r) => r.p)).toEqual([
      null, null, 'mangled_by_spreadsheet', 'mangled_by_spreadsheet',
      'mangled_by_spreadsheet', 'invalid_id_checksum', 'invalid_id_birth_date', 'invalid_id_birth_date',
      'invalid_id_province', 'invalid_id_length', null,
    ]);
  });

  it('widens a 15-digit ID to 18 with its check character', async () => {
    expect(await apply('widen_id', ['410105050301001', '410105200503010017'])).toEqual(['410105190503010010', '410105200503010017']);
  });
});

describe('transfer_scope', () => {
  it('classifies moves by county, prefecture and province, with PP90CC as its own prefecture', async () => {
    const rows = await warehouse.all<{ s: string }>(`SELECT transfer_scope(a, b) AS s FROM (VALUES
      ('410105', '410105', 1), ('410105', '410102', 2), ('410105', '411302', 3), ('410105', '460105', 4),
      ('469001', '469002', 5), ('410105', NULL, 6)) t(a, b, i) ORDER BY i`);
    expect(rows.map((r) => r.s)).toEqual(['same_county', 'same_prefecture', 'same_province', 'cross_province', 'same_province', 'unknown']);
  });
});
