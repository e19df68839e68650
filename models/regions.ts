// GB/T 2260 region codes from the dated `gb2260` data set (revisions 2002–2016): one row per code
// ever listed, named by the newest revision that lists it. Address codes inside resident IDs are
// never re-issued, so a code retired since is still looked up in the older revisions, and the few
// areas that changed province before 2002 (the data set's first year) are added by hand below.

import { createRequire } from 'node:module';

export type RegionStatus = 'current' | 'retired' | 'historical';

/** One row of the `region` table. */
export interface RegionRow {
  region_code: string;
  name: string;
  /** Province, prefecture and county names, placeholders such as 市辖区 left out. */
  full_name: string;
  /** The province the code belongs to today. */
  province_code: string;
  prefecture_code: string | null;
  /** The newest gb2260 revision listing the code (YYYYMM), or 'pre-2002'. */
  revision: string;
  status: RegionStatus;
}

interface Division {
  code: string;
  name: string;
}

interface Gb2260Module {
  revisions(): string[];
  register(revision: string, data: Record<string, string>): void;
  GB2260: new (revision: string) => { codes(): string[]; get(code: string): Division | null };
}

/**
 * Codes of areas that moved to another province before 2002, which the data set cannot know.
 * Only moves checked against the published code history are listed: Chongqing's codes issued
 * while it was a city of Sichuan (5102…), which belong to Chongqing (50) since 1997.
 */
const PROVINCE_MOVES: readonly RegionRow[] = [
  {
    region_code: '510200', name: '重庆市', full_name: '重庆市（1997 年前属四川省）',
    province_code: '50', prefecture_code: '510200', revision: 'pre-2002', status: 'historical',
  },
];

/** Prefecture-level names that only group counties; a full name leaves them out. */
const PLACEHOLDERS = new Set([
  '市辖区', '县', '省直辖县级行政区划', '省直辖县级行政单位', '自治区直辖县级行政区划',
  '自治区直辖县级行政单位', '省直辖行政单位',
]);

let cached: { rows: RegionRow[]; byCode: Map<string, RegionRow> } | undefined;

function loadRegions() {
  const require = createRequire(import.meta.url);
  const gb2260 = require('gb2260') as Gb2260Module;
  const revisions = gb2260.revisions();
  for (const revision of revisions) {
    gb2260.register(revision, require(`gb2260/lib/${revision}.json`) as Record<string, string>);
  }
  const byCode = new Map<string, RegionRow>();
  revisions.forEach((revision, index) => {
    const data = new gb2260.GB2260(revision);
    for (const code of data.codes()) {
      if (byCode.has(code)) continue;
      const name = (n: string) => data.get(n)?.name ?? null;
      byCode.set(code, regionRow(code, revision, index === 0 ? 'current' : 'retired', name));
    }
  });
  for (const row of PROVINCE_MOVES) byCode.set(row.region_code, row);
  const rows = [...byCode.values()].sort((a, b) => (a.region_code < b.region_code ? -1 : 1));
  return { rows, byCode };
}

function regionRow(
  code: string, revision: string, status: RegionStatus, nameOf: (code: string) => string | null,
): RegionRow {
  const province = `${code.slice(0, 2)}0000`;
  const prefecture = `${code.slice(0, 4)}00`;
  const levels = code === province ? [province]
    : code === prefecture ? [province, prefecture] : [province, prefecture, code];
  const names = levels.map(nameOf).filter((n): n is string => n !== null && !PLACEHOLDERS.has(n));
  return {
    region_code: code, name: nameOf(code) ?? code, full_name: names.join(' '),
    province_code: code.slice(0, 2), prefecture_code: code === province ? null : prefecture,
    revision, status,
  };
}

/** Every row of the `region` table, by code. */
export function regionRows(): RegionRow[] {
  cached ??= loadRegions();
  return cached.rows;
}

export function maybeRegion(code: string): RegionRow | null {
  cached ??= loadRegions();
  return cached.byCode.get(code) ?? null;
}

/** What an address code resolves to: the code itself, else its prefecture, else its province. */
export interface RegionMatch {
  code: string;
  /** `unknown_region` when the code itself is in no revision (it is kept, never rejected). */
  status: RegionStatus | 'unknown_region';
  /** The row the code resolved to: its own, its prefecture's or its province's. */
  matched: RegionRow | null;
  provinceCode: string | null;
  provinceName: string | null;
}

export function resolveRegion(code: string): RegionMatch {
  const own = maybeRegion(code);
  const matched = own
    ?? maybeRegion(`${code.slice(0, 4)}00`) ?? maybeRegion(`${code.slice(0, 2)}0000`);
  const provinceCode = matched?.province_code ?? null;
  return {
    code,
    status: own?.status ?? 'unknown_region',
    matched,
    provinceCode,
    provinceName: provinceCode ? maybeRegion(`${provinceCode}0000`)?.name ?? null : null,
  };
}
