// The report CSVs: UTF-8 with a byte order mark (Excel on Chinese Windows reads them right), a
// header row, and formula neutralisation: a cell starting with = + - @, a tab or a carriage
// return gets a leading apostrophe, so a spreadsheet shows the text and never runs it.

import { stringify } from 'csv-stringify/sync';
import { writeOutputFile } from './output-file.js';

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function formatCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  return neutraliseFormula(String(value));
}

export function renderCsv<T extends object>(columns: readonly (keyof T & string)[], rows: T[]) {
  const records = rows.map((row) => columns.map((column) => formatCell(row[column])));
  return stringify(records, { bom: true, header: true, columns: [...columns] });
}

/** Writes the CSV through a temporary file, so a crash never leaves half of it. */
export async function writeCsv<T extends object>(
  path: string,
  columns: readonly (keyof T & string)[],
  rows: T[],
): Promise<void> {
  await writeOutputFile(path, renderCsv(columns, rows));
}
