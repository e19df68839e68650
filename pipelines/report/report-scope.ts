// What a report covers: the as-of date and the region, checked and resolved from the options.
// The as-of date defaults to the latest roster snapshot loaded, never the wall clock, so the
// same warehouse gives the same report on any day.

import { CliError, usageError } from '../common/errors.js';
import type { Warehouse } from '../common/warehouse.js';
import { isProvinceCode } from '../../reports/provinces.js';

export interface ReportScope {
  asOf: string;
  /** The region asked for, or null for all. */
  region: string | null;
  /** What region codes must start with: PP for PP0000, PPCC for PPCC00, else all 6 digits. */
  regionPrefix: string | null;
}

export async function readReportScope(
  warehouse: Warehouse,
  options: { asOf?: string; region?: string },
): Promise<ReportScope> {
  const asOf = options.asOf === undefined ? await readLatestSnapshot(warehouse) : options.asOf;
  parseAsOf(asOf);
  const region = options.region ?? null;
  return { asOf, region, regionPrefix: region === null ? null : parseRegionPrefix(region) };
}

async function readLatestSnapshot(warehouse: Warehouse): Promise<string> {
  const row = await warehouse.one<{ latest: string | null }>(
    'SELECT max(snapshot_date) AS latest FROM roster_row',
  );
  if (!row?.latest) {
    throw new CliError('report: no roster snapshot is loaded, so there is no default as-of date; '
      + 'ingest a roster first or pass --as-of YYYY-MM-DD');
  }
  return row.latest;
}

function parseAsOf(asOf: string): void {
  const time = Date.parse(`${asOf}T00:00:00Z`);
  // A day past the month's end (2024-02-30) parses, rolled over: the round trip catches it.
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(asOf) && !Number.isNaN(time)
    && new Date(time).toISOString().startsWith(asOf);
  if (!valid) throw usageError(`--as-of "${asOf}" is not a date; give it as YYYY-MM-DD`);
}

/** PP0000 → PP, PPCC00 → PPCC, any other 6-digit code → itself (rules.md §1.3). */
export function parseRegionPrefix(region: string): string {
  if (!/^\d{6}$/.test(region) || !isProvinceCode(region.slice(0, 2))) {
    throw usageError(
      `--region "${region}" is not a GB/T 2260 region code; give 6 digits starting with a `
        + 'province code, like 410000 (a province), 410100 (a prefecture) or 410105 (a county)',
    );
  }
  if (region.endsWith('0000')) return region.slice(0, 2);
  if (region.endsWith('00')) return region.slice(0, 4);
  return region;
}
