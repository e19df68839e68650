// The DuckDB warehouse file: opening it (with the lock that keeps two runs apart), creating the
// tables from the DBML, and reading rows back. DuckDB values reach JS in one shape, decided here:
// BIGINT and DECIMAL become numbers, DATE an ISO 'YYYY-MM-DD' string, TIMESTAMP an ISO string.

import {
  DuckDBConnection,
  DuckDBInstance,
  LIST,
  listValue,
  VARCHAR,
  type DuckDBValue,
} from '@duckdb/node-api';
import { CHANGE_CODES, STATUS_CODES } from '../../models/codes.js';
import { schemaVersion } from '../../models/schema-version.js';
import { lockedError } from './errors.js';
import { readSql } from './sql-files.js';

export type Params = Record<string, unknown> | unknown[];
export type Row = Record<string, unknown>;

export class Warehouse {
  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
  ) {}

  /** Opens (creating if needed) the warehouse and makes sure every table exists. */
  static async open(path: string): Promise<Warehouse> {
    const instance = await createInstance(path);
    const warehouse = new Warehouse(path, instance, await instance.connect());
    await warehouse.createTables();
    await warehouse.run(readSql('macros'));
    await warehouse.run(readSql('person_macros'));
    return warehouse;
  }

  async run(sql: string, params?: Params): Promise<void> {
    await this.connection.run(sql, params as never);
  }

  /** Runs with a list of paths bound as `$files` (lists need their type spelled out). */
  async runWithFiles(sql: string, files: string[], params: Record<string, unknown> = {}) {
    await this.connection.run(sql, { ...params, files: listValue(files) } as never, {
      files: LIST(VARCHAR),
    });
  }

  async all<T = Row>(sql: string, params?: Params): Promise<T[]> {
    const reader = await this.connection.runAndReadAll(sql, params as never);
    return reader.getRowObjects().map((row) => convertRow(row) as T);
  }

  async one<T = Row>(sql: string, params?: Params): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  /** The columns of a warehouse table, in order. */
  async columnNames(table: string): Promise<string[]> {
    const rows = await this.all<{ column_name: string }>(
      `SELECT column_name FROM duckdb_columns() WHERE table_name = $table AND schema_name = 'main'
       AND database_name = current_database() ORDER BY column_index`,
      { table },
    );
    return rows.map((r) => r.column_name);
  }

  /** Runs `work` in one transaction: all of it lands, or none of it. */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    await this.run('BEGIN TRANSACTION');
    try {
      const result = await work();
      await this.run('COMMIT');
      return result;
    } catch (error) {
      await this.run('ROLLBACK');
      throw error;
    }
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }

  // The DBML parser and the reference data are large; they load only when the warehouse is new
  // or was built by another version of the schema.
  private async createTables(): Promise<void> {
    const version = schemaVersion();
    if ((await this.appliedVersion()) === version) return;
    const { readSchema, renderAddedColumns, renderTableDdl } = await import('../../models/schema.js');
    const existing = await this.existingColumns();
    for (const table of readSchema()) {
      const columns = existing.get(table.name);
      const statements = columns ? renderAddedColumns(table, columns) : renderTableDdl(table);
      for (const statement of statements) await this.run(statement);
    }
    await this.fillReferenceTables();
    await this.run(
      'INSERT OR REPLACE INTO schema_version VALUES ($version, current_localtimestamp())',
      { version },
    );
  }

  private async appliedVersion(): Promise<string | null> {
    try {
      const row = await this.one<{ version: string }>(
        'SELECT version FROM schema_version ORDER BY applied_at DESC LIMIT 1');
      return row?.version ?? null;
    } catch {
      return null;
    }
  }

  private async fillReferenceTables(): Promise<void> {
    const { hanVariantRows } = await import('../../models/han-variants.js');
    const { regionRows } = await import('../../models/regions.js');
    await this.fillCodeTable('status_code', STATUS_CODES);
    await this.fillCodeTable('change_code', CHANGE_CODES);
    await this.fillCodeTable('region', regionRows());
    await this.fillCodeTable('han_variant', hanVariantRows());
  }

  private async existingColumns(): Promise<Map<string, Set<string>>> {
    const rows = await this.all<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM duckdb_columns() WHERE database_name = current_database()
         AND schema_name = 'main'`,
    );
    const tables = new Map<string, Set<string>>();
    for (const row of rows) {
      tables.set(row.table_name, (tables.get(row.table_name) ?? new Set()).add(row.column_name));
    }
    return tables;
  }

  // The code lists and reference data live in TypeScript (and its packages); SQL joins against
  // these copies, refreshed whenever the schema version changes.
  private async fillCodeTable(table: string, rows: readonly object[]): Promise<void> {
    const { readSchema } = await import('../../models/schema.js');
    const columns = readSchema().find((t) => t.name === table)?.columns ?? [];
    const shape = Object.fromEntries(columns.map((c) => [c.name, c.type]));
    await this.run(`DELETE FROM ${table}`);
    await this.run(
      `INSERT INTO ${table} SELECT unnest(json_transform($rows::JSON, $shape), recursive := true)`,
      { rows: JSON.stringify(rows), shape: JSON.stringify([shape]) },
    );
  }
}

async function createInstance(path: string): Promise<DuckDBInstance> {
  try {
    return await DuckDBInstance.create(path);
  } catch (error) {
    if (/lock/i.test(String(error))) throw lockedError(path);
    throw error;
  }
}

function convertRow(row: Record<string, DuckDBValue>): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(row)) out[key] = convertValue(value);
  return out;
}

function convertValue(value: DuckDBValue): unknown {
  if (value === null || typeof value !== 'object') {
    return typeof value === 'bigint' ? Number(value) : value;
  }
  const name = value.constructor.name;
  if (name === 'DuckDBDecimalValue') return Number(value.toString());
  if (name === 'DuckDBDateValue') return value.toString();
  if (name.startsWith('DuckDBTimestamp')) return value.toString();
  if (name === 'DuckDBListValue') return (value as { items: DuckDBValue[] }).items.map(convertValue);
  return value.toString();
}
