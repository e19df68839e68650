import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../pipelines/common/logger.js';
import type { Warehouse } from '../pipelines/common/warehouse.js';
import { runReport, type ReportOptions } from '../pipelines/report/report.js';
import { openFixtureWarehouse } from './support/report-warehouse.js';
import { tempDir } from './support/temp.js';

const GOLDEN = new URL('./golden/report/', import.meta.url);
const BOM = '\ufeff';
const CSV_FILES = ['enrollment.csv', 'graduation.csv', 'transfers.csv', 'flags.csv', 'data_quality.csv'];

let warehouse: Warehouse;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ warehouse, close } = await openFixtureWarehouse());
});

afterAll(async () => {
  await close();
});

async function report(options: Partial<ReportOptions> = {}) {
  const out = tempDir('xueji-report-out-');
  const result = await runReport(
    warehouse,
    { out, locale: 'zh-CN', unmask: false, ...options },
    memoryLogger(),
  );
  const read = (name: string) => readFileSync(join(out, name), 'utf8');
  return { out, result, read };
}

/** The CSV's lines after the BOM, header first. */
function lines(csv: string): string[] {
  return csv.slice(BOM.length).trimEnd().split('\n');
}

/** Set UPDATE_GOLDEN=1 to rewrite a golden file, then read the diff before committing it. */
function expectGolden(name: string, actual: string): void {
  const path = new URL(name, GOLDEN);
  if (process.env.UPDATE_GOLDEN) writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe('runReport', () => {
  it('writes the five CSVs exactly as the golden files', async () => {
    const { read } = await report();
    for (const name of CSV_FILES) {
      expectGolden(name, read(name));
    }
  });

  it('returns the files it wrote, index.html first, and leaves no temporary file', async () => {
    const { out, result } = await report();
    const names = ['index.html', ...CSV_FILES];
    expect(result.files).toEqual(names.map((name) => join(out, name)));
    expect(readdirSync(out).sort()).toEqual([...names].sort());
  });

  it('defaults the as-of date to the latest roster snapshot loaded', async () => {
    const { result } = await report();
    expect(result.asOf).toBe('2024-03-01');
  });

  it('creates the output folder when it is missing', async () => {
    const out = join(tempDir(), 'nested', 'out');
    await runReport(warehouse, { out, locale: 'en', unmask: false }, memoryLogger());
    expect(existsSync(join(out, 'index.html'))).toBe(true);
  });

  it('logs one line per CSV with its row count', async () => {
    const logger = memoryLogger();
    await runReport(warehouse, { out: tempDir(), locale: 'en', unmask: false }, logger);
    const steps = logger.lines.slice(0, 5).map((line) => JSON.parse(line));
    expect(steps).toEqual([
      { level: 'info', step: 'report enrollment.csv', rows: 9 },
      { level: 'info', step: 'report graduation.csv', rows: 7 },
      { level: 'info', step: 'report transfers.csv', rows: 5 },
      { level: 'info', step: 'report flags.csv', rows: 5 },
      { level: 'info', step: 'report data_quality.csv', rows: 5 },
    ]);
  });
});

describe('the report CSVs', () => {
  it('start with a byte order mark, then the header row of outputs.md §3', async () => {
    const { out } = await report();
    const starts = CSV_FILES.map(
      (name) => readFileSync(join(out, name)).toString('utf8').split('\n')[0],
    );
    expect(starts).toEqual([
      `${BOM}as_of,province_code,region_code,school_code,stage,grade,sex,students`,
      `${BOM}cohort_year,stage,province_code,school_code,cohort_size,graduated,rate`,
      `${BOM}school_year,from_province_code,to_province_code,scope,transfers`,
      `${BOM}flag_id,rule,severity,student_no,school_code,exam_year,summary`,
      `${BOM}school_code,file,rows_read,rows_loaded,rows_rejected,rows_skipped,top_reasons`,
    ]);
    expect([...readFileSync(join(out, 'flags.csv')).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('neutralise cells a spreadsheet would run as a formula', async () => {
    const { read } = await report();
    expect(lines(read('flags.csv'))[4]).toBe(
      "c3,MULTIPLE_ACTIVE_REGISTRATIONS,medium,G410102**********77,4101020003,,'=1+1 同一快照日期在两所学校在籍",
    );
    expect(lines(read('data_quality.csv'))[1]).toBe("4101020003,'-changes.csv,3,3,0,0,");
  });

  it('mask student numbers and IDs inside summaries by default', async () => {
    const { read } = await report();
    expect(lines(read('flags.csv')).slice(1, 3)).toEqual([
      'b2,EXAM_MIGRANT_LATE_TRANSFER,high,G460106**********55,4101050001,2024,'
        + '身份证件号 460106**********55 于 2024-02-20 从海南转入河南，晚于到达期限',
      'a0,INVALID_REINSTATEMENT,high,G460106**********55,4601060001,,'
        + '旧身份证件号 460106*******05 的注销备案后又恢复学籍',
    ]);
  });

  it('keep numbers whole when unmask is set', async () => {
    const { read } = await report({ unmask: true });
    expect(lines(read('flags.csv')).slice(1, 3)).toEqual([
      'b2,EXAM_MIGRANT_LATE_TRANSFER,high,G460106200701050055,4101050001,2024,'
        + '身份证件号 460106200701050055 于 2024-02-20 从海南转入河南，晚于到达期限',
      'a0,INVALID_REINSTATEMENT,high,G460106200701050055,4601060001,,'
        + '旧身份证件号 460106070105005 的注销备案后又恢复学籍',
    ]);
  });

  it('give summaries in English with the en locale, codes unchanged', async () => {
    const { read } = await report({ locale: 'en' });
    expect(lines(read('flags.csv')).slice(1)).toEqual([
      'b2,EXAM_MIGRANT_LATE_TRANSFER,high,G460106**********55,4101050001,2024,'
        + '"ID 460106**********55 arrived in Henan from Hainan on 2024-02-20, after the deadline"',
      'a0,INVALID_REINSTATEMENT,high,G460106**********55,4601060001,,'
        + 'Old ID 460106*******05 was reinstated after a filed cancellation',
      'a1,INVALID_REINSTATEMENT,high,G410105**********33,4101050001,,'
        + 'Cancellation filed 2023-10-01; the 2024-03-01 roster still shows G410105**********33',
      "c3,MULTIPLE_ACTIVE_REGISTRATIONS,medium,G410102**********77,4101020003,,"
        + "'=1+1 registered at two schools on one snapshot date",
      'd4,UNFILED_CANCELLATION_REVERSED,info,G460106**********01,4601060001,,'
        + 'Cancellation reversed before filing <b>unfiled</b>',
    ]);
    expect(read('enrollment.csv')).toBe(readFileSync(new URL('enrollment.csv', GOLDEN), 'utf8'));
  });
});

describe('the as-of date', () => {
  it("counts each school at its latest snapshot on or before it", async () => {
    const { read, result } = await report({ asOf: '2023-12-31' });
    expect(result.asOf).toBe('2023-12-31');
    expect(lines(read('enrollment.csv')).slice(1)).toEqual([
      '2023-12-31,41,410102,4101020003,junior,7,F,1',
      '2023-12-31,41,410102,4101020003,junior,7,M,1',
      '2023-12-31,41,410102,4101020003,junior,8,F,1',
      '2023-12-31,41,410105,4101050001,senior,11,F,1',
      '2023-12-31,41,410105,4101050001,senior,11,M,1',
      '2023-12-31,41,410105,4101050001,senior,12,F,1',
      '2023-12-31,46,460106,4601060001,senior,11,F,1',
      '2023-12-31,46,460106,4601060001,senior,12,M,1',
    ]);
  });

  it('leaves out transfers dated after it', async () => {
    const { read } = await report({ asOf: '2023-12-31' });
    expect(lines(read('transfers.csv')).slice(1)).toEqual([
      '2022-2023,41,41,same_prefecture,1',
      '2023-2024,41,41,same_prefecture,1',
      '2023-2024,41,46,cross_province,1',
    ]);
  });

  it('is refused when it is not a calendar date', async () => {
    await expect(report({ asOf: '2024-02-30' })).rejects.toMatchObject({
      exitCode: 2,
      message: '--as-of "2024-02-30" is not a date; give it as YYYY-MM-DD',
    });
  });
});

// The graduation rows by hand (golden/report/graduation.csv), as of 2024-03-01:
// - 2020 junior at B: J1–J9 entered (J6 joined in grade 8 in 2021-2022: 2021 − (8 − 7) = 2020).
//   J3 died and J4 went abroad, so 9 − 2 = 7 stay; J1, J2, J9 (events) and J6 (roster status)
//   graduated by 2023-08-31, J7 only on 2023-09-10; J5 (repeating) and J8 (suspended, then
//   withdrawn) stay in. 4 / 7 = 0.571428… → 0.5714.
// - 2021 senior at A: …0033 (suspended), …0044 (withdrawn) and …0066 (first seen 2024-03-01 in
//   grade 12, 2023 − 2); no exits, no graduates yet, normal end 2024-08-31 → rate empty.
// - 2021 senior at C: …0055, first seen at C in grade 12, left Hainan for Henan on 2024-02-20
//   (cross_province) → 0 in the denominator; he stays with C, not A, so A's count is 3 not 4.
// - 2022 senior at A: …0011, and …0022 who moved to Hainan on 2023-11-10 → 1.
// - 2022 senior at C: …0101 and …0112 (first seen 2024-03-01 in grade 11) → 2.
// - 2022 junior at B: …0099 (grade 8 in 2023-2024) → 1; 2023 junior at B: …0077, …0088 → 2.
describe('graduation.csv', () => {
  it('rates a cohort once its normal length ends on or before the as-of date', async () => {
    const ended = await report({ asOf: '2023-08-31' });
    expect(lines(ended.read('graduation.csv')).slice(1)).toEqual([
      '2020,junior,41,4101020003,7,4,0.5714',
    ]);
    const running = await report({ asOf: '2023-08-30' });
    expect(lines(running.read('graduation.csv')).slice(1)).toEqual([
      '2020,junior,41,4101020003,7,4,',
    ]);
  });

  it('counts only graduations on or before the as-of date', async () => {
    const { read } = await report({ asOf: '2023-06-30' });
    // J6's roster status (2023-06-20) and the events of 2023-06-30 count; J9's of 2023-07-01 not.
    expect(lines(read('graduation.csv')).slice(1)).toEqual(['2020,junior,41,4101020003,7,3,']);
  });

  it('keeps the schools of the region asked for', async () => {
    const hainan = await report({ region: '460000' });
    expect(lines(hainan.read('graduation.csv')).slice(1)).toEqual([
      '2021,senior,46,4601060001,0,0,',
      '2022,senior,46,4601060001,2,0,',
    ]);
    const county = await report({ region: '410102' });
    expect(lines(county.read('graduation.csv')).slice(1).map((l) => l.split(',')[3]))
      .toEqual(['4101020003', '4101020003', '4101020003']);
  });
});

describe('the region option', () => {
  const schoolsIn = (csv: string) => [...new Set(lines(csv).slice(1).map((l) => l.split(',')[3]))];

  it('keeps one province with a PP0000 code', async () => {
    const { read } = await report({ region: '460000' });
    expect(schoolsIn(read('enrollment.csv'))).toEqual(['4601060001']);
    expect(lines(read('transfers.csv')).slice(1)).toEqual([
      '2023-2024,41,46,cross_province,1',
      '2023-2024,46,41,cross_province,1',
    ]);
    const flagIds = lines(read('flags.csv')).slice(1).map((line) => line.split(',')[0]);
    expect(flagIds).toEqual(['a0', 'd4']);
    expect(lines(read('data_quality.csv')).slice(1)).toEqual([
      '4601060001,inbox/4601060001_2024-03-01.csv,,,,,',
    ]);
  });

  it('keeps one prefecture with a PPCC00 code', async () => {
    const { read } = await report({ region: '410100' });
    expect(schoolsIn(read('enrollment.csv'))).toEqual(['4101020003', '4101050001']);
  });

  it('keeps one county with any other code', async () => {
    const { read } = await report({ region: '410102' });
    expect(schoolsIn(read('enrollment.csv'))).toEqual(['4101020003']);
    expect(lines(read('transfers.csv')).slice(1)).toEqual([
      '2022-2023,41,41,same_prefecture,1',
      '2023-2024,41,41,same_prefecture,1',
    ]);
  });

  it('is refused when its province part is not a province', async () => {
    await expect(report({ region: '990000' })).rejects.toMatchObject({ exitCode: 2 });
  });
});

describe('index.html', () => {
  it('is one self-contained page: no script, no external link, no file to fetch', async () => {
    const page = (await report()).read('index.html');
    expect(page.match(/<script|<link|<img|<iframe|src=|url\(|https?:/gi)).toBeNull();
    expect(page.match(/href="[^"]*"/g)).toEqual([
      'href="enrollment.csv"', 'href="graduation.csv"', 'href="transfers.csv"', 'href="flags.csv"',
      'href="data_quality.csv"',
    ]);
  });

  it('draws four Plot charts as inline SVG, each in a figure beside a table', async () => {
    const page = (await report()).read('index.html');
    expect(page.match(/<svg class="plot-[0-9a-f]+"/g)).toHaveLength(4);
    const pairs = page.match(/<div class="pair"><figure class="chart">[\s\S]*?<\/figure>\n<table/g);
    expect(pairs).toHaveLength(4);
  });

  it('shows every cohort in the graduation table, a rate only for finished ones', async () => {
    const page = (await report()).read('index.html');
    const section = page.match(/<section id="graduation">[\s\S]*?<\/section>/)?.[0] ?? '';
    const rows = [...section.matchAll(/<tr><th scope="row">([^<]+)<\/th>(.*?)<\/tr>/g)]
      .map(([, name, cells]) => [name, ...[...(cells ?? '').matchAll(/<td[^>]*>([^<]*)<\/td>/g)]
        .map((match) => match[1])]);
    expect(rows).toEqual([
      ['初中 2020 级', '7', '4', '57.1%'],
      ['初中 2022 级', '1', '0', '未满年限'],
      ['初中 2023 级', '2', '0', '未满年限'],
      ['高中 2021 级', '3', '0', '未满年限'],
      ['高中 2022 级', '3', '0', '未满年限'],
    ]);
  });

  it('is written in Chinese by default, with CJK fonts first in the font stack', async () => {
    const page = (await report()).read('index.html');
    expect(page).toContain('<html lang="zh-CN">');
    expect(page).toContain('<h1>学籍数据报告</h1>');
    expect(page).toContain('font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif;');
  });

  it('calls flags leads that need review, never fraud', async () => {
    const zh = (await report()).read('index.html');
    const en = (await report({ locale: 'en' })).read('index.html');
    expect(zh.match(/<span class="review">待核查<\/span>/g)).toHaveLength(5);
    expect(en.match(/<span class="review">needs review<\/span>/g)).toHaveLength(5);
    expect(`${zh}${en}`.match(/fraud|舞弊|造假|欺诈/gi)).toBeNull();
  });

  it('escapes text from the warehouse', async () => {
    const page = (await report()).read('index.html');
    expect(page).toContain('Cancellation reversed before filing &lt;b&gt;unfiled&lt;/b&gt;');
    expect(page).not.toContain('<b>unfiled');
  });

  it('masks numbers as the CSVs do, and shows them whole with unmask', async () => {
    const masked = (await report()).read('index.html');
    const whole = (await report({ unmask: true })).read('index.html');
    const numbers = ['G460106200701050055', '460106200701050055', '460106070105005',
      'G410105200701030033', 'G410102201001010077', 'G460106200801060101'];
    expect(numbers.filter((number) => masked.includes(number))).toEqual([]);
    expect(masked).toContain('<code>G460106**********55</code>');
    expect(whole).toContain('<code>G460106200701050055</code>');
  });

  it('names the as-of date and the region in its header', async () => {
    const page = (await report({ region: '460000' })).read('index.html');
    expect(page).toContain('<span>截至 <strong>2024-03-01</strong></span>');
    expect(page).toContain('<span>地区 <strong>海南 (460000)</strong></span>');
  });
});
