// The report stage: reads the scoped rows from the warehouse, writes the five CSVs of
// outputs.md §3 and the index.html page beside them. Every file goes through a temporary name,
// so a failed run leaves the previous report whole; the page is written last.

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../common/logger.js';
import type { Warehouse } from '../common/warehouse.js';
import { writeCsv } from '../../reports/csv.js';
import { writeOutputFile } from '../../reports/output-file.js';
import { renderPage } from '../../reports/page.js';
import {
  CSV_NAMES, DATA_QUALITY_COLUMNS, ENROLLMENT_COLUMNS, FLAG_COLUMNS, GRADUATION_COLUMNS,
  TRANSFER_COLUMNS,
  type Locale, type ReportData,
} from '../../reports/report-rows.js';
import { readReportData } from './report-queries.js';
import { readReportScope } from './report-scope.js';

export interface ReportOptions {
  /** Folder the files are written into; created when missing. */
  out: string;
  /** ISO date; default: the latest roster snapshot_date loaded, never the wall clock. */
  asOf?: string;
  /** GB/T 2260 code; PP0000 → that province, PPCC00 → that prefecture, else the county. */
  region?: string;
  locale: Locale;
  /** Publish student and ID numbers in full; default false (masked). */
  unmask: boolean;
}

export async function runReport(
  warehouse: Warehouse,
  options: ReportOptions,
  logger: Logger,
): Promise<{ files: string[]; asOf: string }> {
  const started = Date.now();
  const scope = await readReportScope(warehouse, options);
  const data = await readReportData(warehouse, { scope, ...options });

  await mkdir(options.out, { recursive: true });
  const csvFiles = await writeCsvFiles(options.out, data, logger);

  const page = join(options.out, 'index.html');
  await writeOutputFile(page, renderPage(data));

  logger.step('report', {
    out: options.out, as_of: scope.asOf, region: scope.region ?? 'all', ms: Date.now() - started,
  });
  return { files: [page, ...csvFiles], asOf: scope.asOf };
}

async function writeCsvFiles(out: string, data: ReportData, logger: Logger): Promise<string[]> {
  const write = async <T extends object>(name: string, columns: readonly (keyof T & string)[],
    rows: T[]) => {
    const path = join(out, name);
    await writeCsv(path, columns, rows);
    logger.step(`report ${name}`, { rows: rows.length });
    return path;
  };
  return [
    await write(CSV_NAMES.enrollment, ENROLLMENT_COLUMNS, data.enrollment),
    await write(CSV_NAMES.graduation, GRADUATION_COLUMNS, data.graduation),
    await write(CSV_NAMES.transfers, TRANSFER_COLUMNS, data.transfers),
    await write(CSV_NAMES.flags, FLAG_COLUMNS, data.flags),
    await write(CSV_NAMES.dataQuality, DATA_QUALITY_COLUMNS, data.dataQuality),
  ];
}
