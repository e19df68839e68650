import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { MART_TABLES } from '../pipelines/export/export.js';
import { query } from './support/query.js';
import { registry, roster, student, writeTree } from './support/inbox-builder.js';
import { runCli, tempDir } from './support/temp.js';

const SCHOOL = { code: '4101050001', name: '郑州一中', region: '410105', level: '高中' } as const;
const a = student('张三', '41010520070101001');
const b = student('李四', '41010520070202002');

describe('xueji export', () => {
  let dir: string;
  let db: string;

  beforeAll(() => {
    dir = tempDir();
    db = join(dir, 'w.duckdb');
    writeTree(join(dir, 'inbox'), {
      'schools.csv': registry([SCHOOL]),
      [`${SCHOOL.code}_2024-09-15.csv`]: roster([[a, '高一', '在读'], [b, '高一', '在读']]),
    });
    expect(runCli(['run', '--inbox', join(dir, 'inbox'), '--db', db, '--out', join(dir, 'out')]).status).toBe(0);
  });

  for (const format of ['parquet', 'csv', 'arrow'] as const) {
    it(`writes every mart as ${format} with all its rows`, async () => {
      const out = join(dir, format);
      expect(runCli(['export', '--db', db, '--out', out, '--format', format]).status).toBe(0);
      for (const table of MART_TABLES) {
        const [{ n }] = await query<{ n: number }>(db, `SELECT count(*) AS n FROM ${table}`) as [{ n: number }];
        expect([table, await countRows(join(out, `${table}.${format}`), format, db)]).toEqual([table, n]);
      }
    });
  }

  it('keeps the student numbers exactly, as text', async () => {
    const path = join(dir, 'parquet', 'person.parquet');
    const rows = await query(db, `SELECT student_no, typeof(student_no) AS type FROM read_parquet('${path}') ORDER BY 1`);
    expect(rows).toEqual([{ student_no: 'G' + a.id, type: 'VARCHAR' }, { student_no: 'G' + b.id, type: 'VARCHAR' }]);
    const arrow = tableFromIPC(readFileSync(join(dir, 'arrow', 'person.arrow')));
    expect(arrow.getChild('student_no')?.toArray().map(String).sort()).toEqual(['G' + a.id, 'G' + b.id]);
  });
});

async function countRows(path: string, format: 'parquet' | 'csv' | 'arrow', db: string): Promise<number> {
  if (format === 'arrow') return tableFromIPC(readFileSync(path)).numRows;
  const reader = format === 'parquet' ? 'read_parquet' : 'read_csv';
  const [{ n }] = await query<{ n: number }>(db, `SELECT count(*) AS n FROM ${reader}('${path}')`) as [{ n: number }];
  return n;
}
