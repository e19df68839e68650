import { describe, expect, it } from 'vitest';
import { parseRegionPrefix } from '../pipelines/report/report-scope.js';
import { neutraliseFormula, renderCsv } from '../reports/csv.js';
import { escapeHtml, html } from '../reports/html.js';
import { maskNumber, maskNumbersInText } from '../reports/masking.js';

describe('neutraliseFormula', () => {
  it('puts an apostrophe before every character a spreadsheet starts a formula with', () => {
    const cells = ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'];
    expect(cells.map(neutraliseFormula)).toEqual([
      "'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx", "'\rx",
    ]);
  });

  it('leaves other text alone, including those characters further in', () => {
    expect(['a=1', '1-2', '学籍', ''].map(neutraliseFormula)).toEqual(['a=1', '1-2', '学籍', '']);
  });
});

describe('renderCsv', () => {
  it('writes a BOM, the header, empty cells for nulls and quotes where CSV needs them', () => {
    const rows = [{ a: 'x,y', b: null }, { a: '-\r1', b: 2 }, { a: 'say "hi"', b: 0 }];
    expect(renderCsv(['a', 'b'], rows)).toBe('\ufeffa,b\n"x,y",\n"\'-\r1",2\n"say ""hi""",0\n');
  });
});

describe('maskNumber', () => {
  it('keeps the letter, the region code and the last two characters of a student number', () => {
    expect(maskNumber('G41010520070101001X')).toBe('G410105**********1X');
  });

  it('keeps the region code and the last two characters of a resident ID', () => {
    expect([maskNumber('41010520070101001X'), maskNumber('410105070101001')]).toEqual([
      '410105**********1X',
      '410105*******01',
    ]);
  });

  it('hides all but the last two characters of a number too short to carry a region', () => {
    expect(maskNumber('S0012')).toBe('***12');
  });
});

describe('maskNumbersInText', () => {
  it('masks IDs and student numbers between Chinese words, leaving dates and codes', () => {
    const text = '学籍号G41010520070101001X与身份证41010520070101001X，2024-02-20，学校4101050001';
    expect(maskNumbersInText(text)).toBe(
      '学籍号G410105**********1X与身份证410105**********1X，2024-02-20，学校4101050001',
    );
  });

  it('leaves runs of digits longer than an ID alone', () => {
    expect(maskNumbersInText('trace 12345678901234567890')).toBe('trace 12345678901234567890');
  });
});

describe('html', () => {
  it('escapes interpolated text but keeps interpolated Html', () => {
    const name = '<b>"O\'Neil" & co</b>';
    expect(html`<td>${name}</td>${html`<br>`}`.text).toBe(
      '<td>&lt;b&gt;&quot;O&#39;Neil&quot; &amp; co&lt;/b&gt;</td><br>',
    );
  });

  it('escapes the five characters that matter in HTML', () => {
    expect(escapeHtml(`<>&"'`)).toBe('&lt;&gt;&amp;&quot;&#39;');
  });
});

describe('parseRegionPrefix', () => {
  it('reads PP0000 as a province, PPCC00 as a prefecture and anything else as a county', () => {
    expect(['410000', '410100', '410105', '429004'].map(parseRegionPrefix)).toEqual([
      '41', '4101', '410105', '429004',
    ]);
  });

  it('refuses codes that are not six digits', () => {
    expect(() => parseRegionPrefix('4101')).toThrow(
      '--region "4101" is not a GB/T 2260 region code; give 6 digits starting with a province '
        + 'code, like 410000 (a province), 410100 (a prefecture) or 410105 (a county)',
    );
  });
});
