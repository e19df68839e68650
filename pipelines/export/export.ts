// `xueji export`: the marts (the person model, the flags and the findings) written out for other
// tools, one file per table. Parquet and CSV are written by DuckDB itself (COPY) with its types;
// Arrow IPC files by apache-arrow from the rows, so their types are inferred (numbers as Float64,
// text as dictionaries). Exports are for data engineers and, like the warehouse, unmasked.

import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tableFromJSON, tableToIPC } from 'apache-arrow';
import type { Logger } from '../common/logger.js';
import type { Warehouse } from '../common/warehouse.js';

export type ExportFormat = 'parquet' | 'arrow' | 'csv';

/** The tables exported, in the order a reader meets them. */
export const MART_TABLES = [
  'school', 'person', 'person_alias', 'registration', 'status_event', 'transfer', 'flag', 'dq_finding',
] as const;

export async function runExport(
  warehouse: Warehouse,
  options: { out: string; format: ExportFormat },
  logger: Logger,
): Promise<string[]> {
  await mkdir(options.out, { recursive: true });
  const files: string[] = [];
  for (const table of MART_TABLES) {
    const started = Date.now();
    const path = join(options.out, `${table}.${options.format}`);
    const rows = await writeTable(warehouse, table, path, options.format);
    logger.step(`export ${table}.${options.format}`, { rows, ms: Date.now() - started });
    files.push(path);
  }
  return files;
}

// Written to a temporary name and renamed, so a reader never sees half a file.
async function writeTable(warehouse: Warehouse, table: string, path: string, format: ExportFormat) {
  const partial = `${path}.partial`;
  if (format === 'arrow') {
    const rows = await warehouse.all<Record<string, unknown>>(`SELECT * FROM ${table}`);
    await writeFile(partial, tableToIPC(tableFromJSON(rows), 'file'));
  } else {
    const options = format === 'parquet' ? '(FORMAT parquet)' : '(FORMAT csv, HEADER true)';
    await warehouse.run(`COPY (SELECT * FROM ${table}) TO $path ${options}`, { path: partial });
  }
  await rename(partial, path);
  const row = await warehouse.one<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
  return row?.n ?? 0;
}
