// Loads staged files into the raw layer with DuckDB's own CSV reader. Files that share a kind,
// a delimiter and a column layout are read in one `read_csv` call over the list of files, with
// the columns spelled out and no sniffing, so a thousand small files cost a handful of queries.
// Reading happens before the batch's transaction: a file DuckDB cannot read fails alone (its
// group is retried file by file) instead of aborting the batch; the transaction then only copies.

import type { Warehouse } from '../common/warehouse.js';
import type { PreparedFile } from './prepare.js';

const RAW_TABLE = { roster: 'raw_roster', changes: 'raw_change', schools: 'raw_school' } as const;

export interface ReadGroup {
  table: string;
  files: PreparedFile[];
}

export interface StagedReads {
  groups: ReadGroup[];
  unreadable: { file: PreparedFile; error: string }[];
}

/** Reads every prepared file into temp tables; parse errors land in temp table parse_reject. */
export async function readStaged(warehouse: Warehouse, files: PreparedFile[]): Promise<StagedReads> {
  await warehouse.run(`CREATE OR REPLACE TEMP TABLE parse_reject
    (file_id VARCHAR, line_no INTEGER, reason VARCHAR, detail VARCHAR, raw VARCHAR)`);
  const reads: StagedReads = { groups: [], unreadable: [] };
  for (const group of groupByLayout(files)) {
    if (await maybeReadGroup(warehouse, group, reads)) continue;
    for (const file of group) {
      const error = await maybeReadGroup(warehouse, [file], reads, true);
      if (error !== true) reads.unreadable.push({ file, error: String(error) });
    }
  }
  return reads;
}

/** Copies what `readStaged` read into the raw tables; runs inside the batch's transaction. */
export async function insertRaw(warehouse: Warehouse, reads: StagedReads): Promise<void> {
  for (const [n, group] of reads.groups.entries()) {
    await insertRawGroup(warehouse, `staged_read_${n}`, group.table, group.files);
  }
  await recordLineRejects(warehouse, reads.groups.flatMap((g) => g.files));
}

function groupByLayout(files: PreparedFile[]): PreparedFile[][] {
  const groups = new Map<string, PreparedFile[]>();
  for (const file of files) {
    const { kind, delimiter, columns } = file.layout;
    const key = JSON.stringify([kind, delimiter, columns]);
    groups.set(key, [...(groups.get(key) ?? []), file]);
  }
  return [...groups.values()];
}

// True when the group was read; otherwise the error (or false, for a group to retry per file).
async function maybeReadGroup(
  warehouse: Warehouse,
  group: PreparedFile[],
  reads: StagedReads,
  reportError = false,
): Promise<true | false | string> {
  const { kind, delimiter, columns } = group[0]!.layout;
  const table = `staged_read_${reads.groups.length}`;
  const cells = columns.map((_, i) => `c${i}`);
  const spec = ['line_no', ...cells].map((c, i) => `'${c}': '${i ? 'VARCHAR' : 'INTEGER'}'`);
  try {
    await warehouse.runWithFiles(
      `CREATE OR REPLACE TEMP TABLE ${table} AS SELECT * FROM read_csv($files,
        delim = $delimiter, quote = '"', escape = '"', header = false, auto_detect = false,
        columns = {${spec.join(', ')}}, filename = true, null_padding = false,
        strict_mode = true, ignore_errors = true, store_rejects = true)`,
      group.map((f) => f.stagedPath),
      { delimiter },
    );
  } catch (error) {
    await forgetRejects(warehouse);
    return reportError ? (error instanceof Error ? error.message : String(error)) : false;
  }
  await copyParseRejects(warehouse, delimiter);
  reads.groups.push({ table: RAW_TABLE[kind], files: group });
  return true;
}

async function insertRawGroup(
  warehouse: Warehouse,
  source: string,
  table: string,
  group: PreparedFile[],
): Promise<void> {
  const { columns, headers, delimiter } = group[0]!.layout;
  const wanted = new Set(await warehouse.columnNames(table));
  const mapped = columns.flatMap((c, i) => (c && wanted.has(c) ? [[c, `c${i}`] as const] : []));
  const extras = columns.flatMap((c, i) => (c && wanted.has(c) ? [] : [i]));
  const cells = columns.map((_, i) => `coalesce(c${i}, '')`).join(', ');
  const extra = extras.length
    ? `json_object(${extras.map((i, k) => `$h${k}, c${i}`).join(', ')})`
    : 'NULL';
  const names = Object.fromEntries(extras.map((i, k) => [`h${k}`, headers[i] || `column ${i + 1}`]));
  await warehouse.runWithFiles(
    `INSERT INTO ${table} (file_id, line_no, ${mapped.map(([c]) => c).join(', ')}, extra, raw)
     SELECT f.file_id, line_no, ${mapped.map(([, cell]) => cell).join(', ')}, ${extra},
       concat_ws($delimiter, ${cells})
     FROM ${source} AS staged_read JOIN (SELECT unnest($files) AS path,
       unnest(string_split($ids, chr(1))) AS file_id) f ON f.path = staged_read.filename`,
    group.map((f) => f.stagedPath),
    { delimiter, ids: group.map((f) => f.file.fileId).join('\u0001'), ...names },
  );
}

// DuckDB numbers rejected rows by record, not by line, so after a quoted line break its count
// runs behind; the line number the staging wrote at the start of each record is the true one.
async function copyParseRejects(warehouse: Warehouse, delimiter: string): Promise<void> {
  await warehouse.run(
    `INSERT INTO parse_reject
     SELECT DISTINCT ON (file_id, line_no) * FROM (
       SELECT
         regexp_extract(s.file_path, '([0-9a-f]{16})\\.csv$', 1) AS file_id,
         coalesce(try_cast(regexp_extract(record, '^(\\d+)', 1) AS INTEGER), e.line) AS line_no,
         CASE WHEN e.error_type IN ('TOO MANY COLUMNS', 'MISSING COLUMNS') THEN 'ragged_row'
              ELSE 'unbalanced_quote' END AS reason,
         e.error_message AS detail,
         regexp_replace(record, '^\\d+' || $delimiter, '') AS raw
       FROM (SELECT *, ltrim(csv_line, chr(10) || chr(13)) AS record FROM reject_errors) AS e
       JOIN reject_scans AS s USING (scan_id, file_id))
     ORDER BY file_id, line_no`,
    { delimiter: escapeRegex(delimiter) },
  );
  await forgetRejects(warehouse);
}

// DuckDB keeps adding to its reject tables across scans; each group's errors are copied once.
async function forgetRejects(warehouse: Warehouse): Promise<void> {
  try {
    await warehouse.run('DELETE FROM reject_errors');
    await warehouse.run('DELETE FROM reject_scans');
  } catch {
    // No scan has stored rejects yet: there is nothing to forget.
  }
}

async function recordLineRejects(warehouse: Warehouse, files: PreparedFile[]): Promise<void> {
  const rejects = files.flatMap((f) =>
    f.staged.rejects.map((r) => ({ file_id: f.file.fileId, line_no: r.line, reason: r.reason, raw: r.raw })),
  );
  if (rejects.length === 0) return;
  await warehouse.run(
    `INSERT INTO parse_reject SELECT r.file_id, r.line_no, r.reason, NULL, r.raw
     FROM (SELECT unnest(json_transform($rows::JSON,
       '[{"file_id":"VARCHAR","line_no":"INTEGER","reason":"VARCHAR","raw":"VARCHAR"}]'),
       recursive := true)) r`,
    { rows: JSON.stringify(rejects) },
  );
}

function escapeRegex(text: string): string {
  return text.replace(/[|\\^$.*+?()[\]{}]/g, '\\$&');
}
