// Parquet exports (.parquet), read by DuckDB in a private in-memory instance (there is no Parquet
// reader in JS here, and DuckDB keeps every type exact). DuckDB turns each value into text:
// integers and decimals keep every digit, so an INT64 ID is accepted as written; dates become ISO.
// Floating-point columns come back as numbers and are written as xlsx numbers are (cells.ts), so
// an ID stored as a DOUBLE is rejected as mangled. A row's line number is its 1-based position in
// the file; line 0 is the header of column names.

import { DuckDBInstance } from '@duckdb/node-api';
import { formatNumber } from './cells.js';
import { partFromTable, UnreadableFile, type Part } from './part.js';

export interface ParquetTable {
  columns: string[];
  /** Values in file order: text, or a number for floating-point columns. */
  rows: (string | number | null)[][];
}

const FLOATING_POINT = new Set(['FLOAT', 'DOUBLE']);

export async function readParquet(path: string): Promise<Part[]> {
  return parseParquet(await readParquetTable(path));
}

export function parseParquet(table: ParquetTable): Part[] {
  if (table.columns.length === 0) throw new UnreadableFile('the Parquet file has no columns');
  const rows = table.rows.map((values, i) => ({
    line: i + 1,
    cells: values.map((value) => (typeof value === 'number' ? formatNumber(value) : (value ?? ''))),
  }));
  return [partFromTable(table.columns, rows, rows.length, { encoding: null })];
}

async function readParquetTable(path: string): Promise<ParquetTable> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const described = await connection.runAndReadAll(
      'DESCRIBE SELECT * FROM read_parquet($path)', { path });
    const columns = described.getRowObjects().map((c) =>
      ({ name: String(c.column_name), type: String(c.column_type) }));
    const select = columns.map(({ name, type }) =>
      FLOATING_POINT.has(type) ? quoteName(name) : `CAST(${quoteName(name)} AS VARCHAR)`);
    const result = await connection.runAndReadAll(
      `SELECT ${select.join(', ')} FROM read_parquet($path, file_row_number = true)
       ORDER BY file_row_number`,
      { path },
    );
    return { columns: columns.map((c) => c.name), rows: result.getRows() as ParquetTable['rows'] };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new UnreadableFile(`not a Parquet file that can be read (${reason})`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

// Column names come from the file; an identifier cannot be bound as a parameter, so it is quoted.
function quoteName(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
