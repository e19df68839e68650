import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { readSchema } from '../models/schema.js';
import { Warehouse } from '../pipelines/common/warehouse.js';
import { tempDir } from './support/temp.js';

describe('the warehouse schema', () => {
  it('creates every DBML table with its grain as the table comment', async () => {
    const warehouse = await Warehouse.open(':memory:');
    const tables = await warehouse.all<{ table_name: string; comment: string }>(
      `SELECT table_name, comment FROM duckdb_tables() WHERE NOT temporary ORDER BY table_name`);
    warehouse.close();
    const expected = readSchema().map((t) => ({ table_name: t.name, comment: t.grain }));
    expect(tables).toEqual(expected.sort((a, b) => a.table_name.localeCompare(b.table_name)));
    expect(expected.every((t) => t.comment.startsWith('one row per'))).toBe(true);
  });

  it('adds the columns a newer schema has to a warehouse made by an older one', async () => {
    const db = join(tempDir(), 'old.duckdb');
    const instance = await DuckDBInstance.create(db);
    const connection = await instance.connect();
    await connection.run('CREATE TABLE raw_school (file_id VARCHAR, line_no INTEGER, raw VARCHAR)');
    await connection.run(`INSERT INTO raw_school VALUES ('f', 2, 'a,b')`);
    connection.closeSync();
    instance.closeSync();

    const warehouse = await Warehouse.open(db);
    const rows = await warehouse.all('SELECT file_id, line_no, raw, school_code, extra FROM raw_school');
    warehouse.close();
    expect(rows).toEqual([{ file_id: 'f', line_no: 2, raw: 'a,b', school_code: null, extra: null }]);
  });
});
