// Inputs that once stopped a whole batch or slipped through: odd line ends, a header-less file,
// links, absurd values, control characters, and a staged file DuckDB cannot read.
import { rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Warehouse } from '../pipelines/common/warehouse.js';
import { readInbox } from '../pipelines/ingest/inbox.js';
import { readStaged } from '../pipelines/ingest/load.js';
import { isPrepared, prepareFile } from '../pipelines/ingest/prepare.js';
import { query } from './support/query.js';
import { residentId, runCli, tempDir, writeTree } from './support/temp.js';

const A = residentId('41010520050301001');
const B = residentId('41010520050302002');
const HEADER = '姓名,身份证件号,全国学籍号,年级,学籍状态';
const row = (name: string, id: string) => `${name},${id},G${id},高一,在读`;

async function ingest(files: Record<string, string>, links: Record<string, string> = {}) {
  const dir = tempDir();
  writeTree(join(dir, 'inbox'), files);
  for (const [link, target] of Object.entries(links)) symlinkSync(target, join(dir, 'inbox', link));
  const db = join(dir, 'w.duckdb');
  const result = runCli(['ingest', '--inbox', join(dir, 'inbox'), '--db', db, '--log-format', 'json']);
  return { result, db };
}

describe('ingest of damaged and unusual inputs', () => {
  it('reads CR CR LF and bare CR line ends as one line end each, with true line numbers', async () => {
    const { result, db } = await ingest({
      '4101050001_2024-09-15.csv': [HEADER, row('张三', A), row('李四', B)].join('\r\r\n') + '\r\r\n',
      '4101050002_2024-09-15.csv': [HEADER, row('王五', A), row('赵六', B)].join('\r') + '\r',
    });
    expect(result.status).toBe(0);
    expect(await query(db, `SELECT school_code, line_no, name FROM roster_row ORDER BY ALL`)).toEqual([
      { school_code: '4101050001', line_no: 2, name: '张三' }, { school_code: '4101050001', line_no: 3, name: '李四' },
      { school_code: '4101050002', line_no: 2, name: '王五' }, { school_code: '4101050002', line_no: 3, name: '赵六' },
    ]);
  });

  it('fails a file without a header row without writing its first record anywhere', async () => {
    const { result, db } = await ingest({ '4101050001_2024-09-15.csv': row('张三', A) + '\n' });
    expect(result.status).toBe(0);
    const [file] = await query<{ status: string; error: string }>(db, 'SELECT status, error FROM ingest_file');
    expect(file).toEqual({ status: 'failed', error: 'unknown kind: no header row found: the first line holds values (5 fields), not headers; add the header row (姓名, 全国学籍号, 学籍状态, …)' });
    expect(result.stderr).not.toContain(A);
    expect(result.stderr).not.toContain('张三');
  });

  it('records a symbolic link as not followed, and loads the rest', async () => {
    const { result, db } = await ingest(
      { 'real/4101050001_2024-09-15.csv': [HEADER, row('张三', A)].join('\n') + '\n' },
      { 'link.csv': 'real/4101050001_2024-09-15.csv' },
    );
    expect(result.status).toBe(0);
    expect(await query(db, 'SELECT path, status, error FROM ingest_file ORDER BY path')).toEqual([
      { path: 'link.csv', status: 'failed', error: 'a symbolic link, not followed: copy the export itself into the inbox' },
      { path: 'real/4101050001_2024-09-15.csv', status: 'loaded', error: null },
    ]);
  });

  it('rejects a name too long to be one and strips control characters from names', async () => {
    const { result, db } = await ingest({
      '4101050001_2024-09-15.csv': [HEADER, row('长'.repeat(200), A), row('李\u0000四\u001b[31m', B)].join('\n') + '\n',
    });
    expect(result.status).toBe(0);
    expect(await query(db, 'SELECT line_no, reason FROM quarantine')).toEqual([{ line_no: 2, reason: 'value_too_long' }]);
    expect(await query(db, 'SELECT name FROM roster_row')).toEqual([{ name: '李四[31m' }]);
  });
});

describe('readStaged', () => {
  it('reads a group file by file when one of its files cannot be read, failing only that one', async () => {
    const dir = tempDir();
    writeTree(join(dir, 'inbox'), {
      '4101050001_2024-09-15.csv': [HEADER, row('张三', A)].join('\n') + '\n',
      '4101050002_2024-09-15.csv': [HEADER, row('李四', B)].join('\n') + '\n',
    });
    const prepared = [];
    for (const file of await readInbox(join(dir, 'inbox'))) {
      prepared.push(...(await prepareFile(file, dir, null)).filter(isPrepared));
    }
    rmSync(prepared[0]!.stagedPath);
    const warehouse = await Warehouse.open(':memory:');
    const reads = await readStaged(warehouse, prepared);
    warehouse.close();
    expect(reads.groups.map((g) => g.files.map((f) => f.file.path))).toEqual([['4101050002_2024-09-15.csv']]);
    expect(reads.unreadable.map((u) => u.file.file.path)).toEqual(['4101050001_2024-09-15.csv']);
  });
});
