// Ingest throughput, measured against bare DuckDB in the same run: writes an inbox of many small
// roster exports, then times (a) `xueji ingest` end to end in-process and (b) one DuckDB
// `read_csv` over all the files into one table, and prints both with the ratio.
// Usage: npm run bench -- [--files 500] [--rows 2000]

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance, LIST, listValue, VARCHAR } from '@duckdb/node-api';
import { memoryLogger } from '../../pipelines/common/logger.js';
import { readSettings } from '../../pipelines/common/settings.js';
import { Warehouse } from '../../pipelines/common/warehouse.js';
import { runIngest } from '../../pipelines/ingest/ingest.js';
import { residentId, tempDir } from '../support/temp.js';

const { values } = parseArgs({
  options: { files: { type: 'string', default: '500' }, rows: { type: 'string', default: '2000' } },
});
const FILES = Number(values.files);
const ROWS = Number(values.rows);

function writeInbox(root: string): string[] {
  mkdirSync(root, { recursive: true });
  const paths: string[] = [];
  writeFileSync(join(root, 'schools.csv'), '学校标识码,学校名称,行政区划代码,学段\n' +
    Array.from({ length: FILES }, (_, f) => `${4101000000 + f},学校${f},410105,高中`).join('\n') + '\n');
  for (let f = 0; f < FILES; f++) {
    const lines = ['姓名,性别,出生日期,身份证件号,全国学籍号,年级,学籍状态'];
    for (let r = 0; r < ROWS; r++) lines.push(row(f * ROWS + r));
    const path = join(root, `${4101000000 + f}_花名册_2024-09-15.csv`);
    writeFileSync(path, lines.join('\n') + '\n');
    paths.push(path);
  }
  return paths;
}

// Distinct, valid IDs: the county and birth date vary with n, the sequence takes the rest.
function row(n: number): string {
  const county = 410100 + (Math.floor(n / 252_000) % 90);
  const birth = `2006-${String(1 + (n % 9)).padStart(2, '0')}-${String(1 + (Math.floor(n / 9) % 28)).padStart(2, '0')}`;
  const sequence = String(Math.floor(n / 252) % 1000).padStart(3, '0');
  const id = residentId(`${county}${birth.replaceAll('-', '')}${sequence}`);
  return `学生${n},${n % 2 ? '男' : '女'},${birth},${id},G${id},高${'一二三'[n % 3]},在读`;
}

async function timeXueji(inbox: string, db: string) {
  const warehouse = await Warehouse.open(db);
  const started = performance.now();
  const summary = await runIngest(warehouse, { inbox, asOf: null, runId: 1, settings: readSettings(undefined) }, memoryLogger());
  const seconds = (performance.now() - started) / 1000;
  warehouse.close();
  return { seconds, rows: summary.rowsLoaded + summary.rowsRejected };
}

async function timeBareDuckDB(paths: string[], db: string) {
  const instance = await DuckDBInstance.create(db);
  const connection = await instance.connect();
  const started = performance.now();
  await connection.run(
    'CREATE TABLE t AS SELECT * FROM read_csv($files, all_varchar = true, filename = true)',
    { files: listValue(paths) },
    { files: LIST(VARCHAR) },
  );
  const seconds = (performance.now() - started) / 1000;
  const reader = await connection.runAndReadAll('SELECT count(*) AS n FROM t');
  const rows = Number(reader.getRowObjects()[0]!.n);
  connection.closeSync();
  instance.closeSync();
  return { seconds, rows };
}

const dir = tempDir('xueji-bench-');
try {
  const paths = writeInbox(join(dir, 'inbox'));
  const bare = await timeBareDuckDB(paths, join(dir, 'bare.duckdb'));
  const ours = await timeXueji(join(dir, 'inbox'), join(dir, 'xueji.duckdb'));
  const format = (r: { seconds: number; rows: number }) =>
    `${r.rows.toLocaleString('en-US')} rows in ${r.seconds.toFixed(2)} s = ${Math.round(r.rows / r.seconds).toLocaleString('en-US')} rows/s`;
  console.log(`inbox: ${FILES} roster files × ${ROWS} rows`);
  console.log(`bare DuckDB read_csv (all files, one table): ${format(bare)}`);
  console.log(`xueji ingest (decode, stage, load, normalise, quarantine): ${format(ours)}`);
  console.log(`ratio xueji / bare: ${(ours.seconds / bare.seconds).toFixed(1)}× the time`);
  console.log(`peak RSS: ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
