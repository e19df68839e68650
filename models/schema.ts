// Reads the DBML schema and turns it into DuckDB DDL, so the tables exist in exactly one written
// form (models/warehouse.dbml). Each table's note, its grain, becomes the table's comment.

import { Parser } from '@dbml/core';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface ColumnSchema {
  name: string;
  type: string;
  primaryKey: boolean;
  notNull: boolean;
  note: string | null;
}

export interface TableSchema {
  name: string;
  grain: string;
  columns: ColumnSchema[];
}

const DBML_PATH = fileURLToPath(new URL('./warehouse.dbml', import.meta.url));

let cached: TableSchema[] | undefined;

/** Every table of the warehouse, in the order the DBML lists them. */
export function readSchema(): TableSchema[] {
  cached ??= parseSchema(readFileSync(DBML_PATH, 'utf8'));
  return cached;
}

export function parseSchema(dbml: string): TableSchema[] {
  const database = Parser.parse(dbml, 'dbml');
  const tables = database.schemas.flatMap((schema) => schema.tables);
  return tables.map((table) => ({
    name: table.name,
    grain: table.note ?? '',
    columns: table.fields.map((field) => ({
      name: field.name,
      type: field.type.type_name.toUpperCase(),
      primaryKey: Boolean(field.pk),
      notNull: Boolean(field.not_null),
      note: field.note || null,
    })),
  }));
}

/** `create table if not exists` plus comments, for one table. */
export function renderTableDdl(table: TableSchema): string[] {
  const columns = table.columns.map(renderColumn).join(',\n  ');
  const statements = [`CREATE TABLE IF NOT EXISTS ${table.name} (\n  ${columns}\n)`];
  statements.push(`COMMENT ON TABLE ${table.name} IS ${quoteLiteral(table.grain)}`);
  for (const column of table.columns.filter((c) => c.note)) {
    statements.push(
      `COMMENT ON COLUMN ${table.name}.${column.name} IS ${quoteLiteral(column.note ?? '')}`,
    );
  }
  return statements;
}

/** A warehouse made by an older schema gets the columns added since (new columns are nullable). */
export function renderAddedColumns(table: TableSchema, existing: Set<string>): string[] {
  return table.columns
    .filter((column) => !existing.has(column.name))
    .map((column) => `ALTER TABLE ${table.name} ADD COLUMN ${column.name} ${column.type}`);
}

function renderColumn(column: ColumnSchema): string {
  const constraints = [column.primaryKey ? 'PRIMARY KEY' : '', column.notNull ? 'NOT NULL' : ''];
  return [column.name, column.type, ...constraints].filter(Boolean).join(' ');
}

// DDL comments cannot be bound as parameters; the text is our own schema's, quoted here.
function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
