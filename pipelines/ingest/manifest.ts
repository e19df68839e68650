// The ingest manifest (`ingest_file`): which file versions are known, which bytes were seen
// before under another name, and the per-file counts whose equation every run checks:
// rows read = rows loaded + rows rejected + rows skipped.

import type { Warehouse } from '../common/warehouse.js';
import { isPartPath, type InboxFile } from './inbox.js';
import type { FailedFile, PreparedFile } from './prepare.js';

export interface Classified {
  pending: InboxFile[];
  duplicates: { file: InboxFile; of: string }[];
}

/** Splits the inbox into new versions, known versions (dropped) and duplicates of known bytes. */
export async function classifyFiles(warehouse: Warehouse, files: InboxFile[]): Promise<Classified> {
  const known = await warehouse.all<{ file_id: string; path: string; sha256: string; status: string }>(
    'SELECT file_id, path, sha256, status FROM ingest_file',
  );
  const seenIds = new Set(known.map((k) => k.file_id));
  // A workbook is recorded as its sheets (`book.xlsx#Sheet1`), so its own id is never stored.
  const seenAsParts = (file: InboxFile) =>
    known.some((k) => k.sha256 === file.sha256 && isPartPath(k.path, file.path));
  const holder = new Map(known.filter((k) => k.status !== 'duplicate').map((k) => [k.sha256, k.file_id]));
  const result: Classified = { pending: [], duplicates: [] };
  for (const file of files) {
    if (seenIds.has(file.fileId) || seenAsParts(file)) continue;
    const of = holder.get(file.sha256);
    if (of) result.duplicates.push({ file, of });
    else result.pending.push(file);
    holder.set(file.sha256, of ?? file.fileId);
  }
  return result;
}

/** The batch's files as temp tables the normalising SQL joins against. */
export async function writeBatchTables(warehouse: Warehouse, files: PreparedFile[]): Promise<void> {
  const batch = files.map((f) => ({
    file_id: f.file.fileId,
    path: f.file.path,
    file_path: f.file.partOf ?? f.file.path,
    kind: f.layout.kind,
    school_code: f.schoolCode,
    snapshot_date: f.snapshotDate,
  }));
  const headers = files.flatMap((f) =>
    f.layout.columns.flatMap((column, i) =>
      column ? [{ file_id: f.file.fileId, column_name: column, header: f.layout.headers[i] }] : [],
    ),
  );
  await warehouse.run(
    `CREATE OR REPLACE TEMP TABLE ingest_batch AS SELECT unnest(json_transform($rows::JSON,
      '[{"file_id":"VARCHAR","path":"VARCHAR","file_path":"VARCHAR","kind":"VARCHAR",
         "school_code":"VARCHAR","snapshot_date":"DATE"}]'), recursive := true)`,
    { rows: JSON.stringify(batch) },
  );
  await warehouse.run(
    `CREATE OR REPLACE TEMP TABLE batch_header AS SELECT unnest(json_transform($rows::JSON,
      '[{"file_id":"VARCHAR","column_name":"VARCHAR","header":"VARCHAR"}]'), recursive := true)`,
    { rows: JSON.stringify(headers) },
  );
}

export async function recordPrepared(warehouse: Warehouse, files: PreparedFile[], runId: number) {
  const rows = files.map((f) => ({
    ...baseRow(f.file, runId),
    kind: f.layout.kind,
    encoding: f.encoding,
    delimiter: f.delimiter,
    header_line: f.headerLine,
    school_code: f.schoolCode,
    snapshot_date: f.snapshotDate,
    rows_read: f.staged.rowsRead,
    rows_skipped: f.staged.rowsSkipped,
    status: 'loaded',
  }));
  await insertFiles(warehouse, rows);
  await warehouse.run(readCountsSql());
}

export async function recordOthers(
  warehouse: Warehouse,
  failed: FailedFile[],
  duplicates: Classified['duplicates'],
  runId: number,
): Promise<void> {
  const rows = [
    ...failed.map((f) => ({ ...baseRow(f.file, runId), kind: f.kind, encoding: f.encoding, status: f.status, error: f.error })),
    ...duplicates.map((d) => ({ ...baseRow(d.file, runId), status: 'duplicate', duplicate_of: d.of, error: `same bytes as an earlier file` })),
  ];
  await insertFiles(warehouse, rows);
}

function baseRow(file: InboxFile, runId: number) {
  return { file_id: file.fileId, path: file.path, sha256: file.sha256, bytes: file.size, format: file.format, run_id: runId };
}

async function insertFiles(warehouse: Warehouse, rows: object[]): Promise<void> {
  if (rows.length === 0) return;
  await warehouse.run(
    `INSERT INTO ingest_file BY NAME
     SELECT *, current_localtimestamp() AS loaded_at FROM (SELECT unnest(json_transform($rows::JSON,
       '[{"file_id":"VARCHAR","path":"VARCHAR","sha256":"VARCHAR","bytes":"BIGINT","format":"VARCHAR",
          "kind":"VARCHAR","school_code":"VARCHAR","snapshot_date":"DATE","encoding":"VARCHAR",
          "delimiter":"VARCHAR","header_line":"INTEGER","rows_read":"INTEGER",
          "rows_skipped":"INTEGER","status":"VARCHAR","error":"VARCHAR","duplicate_of":"VARCHAR",
          "run_id":"INTEGER"}]'), recursive := true))`,
    { rows: JSON.stringify(rows) },
  );
}

// Counts come from the rows themselves; a file whose equation does not hold is failed and its
// rows are taken back out, so nothing half-counted reaches the model.
function readCountsSql(): string {
  return `
    UPDATE ingest_file AS f SET
      rows_loaded = c.loaded, rows_rejected = c.rejected,
      school_code = coalesce(f.school_code, c.school_code),
      snapshot_date = coalesce(f.snapshot_date, c.snapshot_date)
    FROM (
      SELECT b.file_id,
        (SELECT count(*) FROM roster_checked r WHERE r.file_id = b.file_id AND r.reason IS NULL)
        + (SELECT count(*) FROM change_checked r WHERE r.file_id = b.file_id AND r.reason IS NULL)
        + (SELECT count(*) FROM school_checked r WHERE r.file_id = b.file_id AND r.reason IS NULL) AS loaded,
        (SELECT count(*) FROM quarantine q WHERE q.file_id = b.file_id) AS rejected,
        coalesce(
          (SELECT mode(school_code) FROM roster_checked r WHERE r.file_id = b.file_id),
          (SELECT mode(school_code) FROM change_checked r WHERE r.file_id = b.file_id)) AS school_code,
        coalesce(
          (SELECT mode(snapshot_date) FROM roster_checked r WHERE r.file_id = b.file_id AND r.reason IS NULL),
          (SELECT max(change_date) FROM change_checked r WHERE r.file_id = b.file_id AND r.reason IS NULL)) AS snapshot_date
      FROM ingest_batch b
    ) AS c
    WHERE f.file_id = c.file_id`;
}

/** Fails every batch file whose counts do not add up, removing its rows; returns their ids. */
export async function enforceRowEquation(warehouse: Warehouse): Promise<string[]> {
  const broken = await warehouse.all<{ file_id: string }>(
    `SELECT file_id FROM ingest_file JOIN ingest_batch USING (file_id)
     WHERE rows_read <> rows_loaded + rows_rejected + rows_skipped`,
  );
  for (const { file_id } of broken) {
    for (const table of ['roster_row', 'change_row', 'quarantine']) {
      await warehouse.run(`DELETE FROM ${table} WHERE file_id = $id`, { id: file_id });
    }
    await warehouse.run(
      `UPDATE ingest_file SET status = 'failed', error = 'rows read ' || rows_read ||
         ' do not equal loaded ' || rows_loaded || ' + rejected ' || rows_rejected ||
         ' + skipped ' || rows_skipped || '; the file could not be read reliably'
       WHERE file_id = $id`,
      { id: file_id },
    );
  }
  return broken.map((b) => b.file_id);
}

/**
 * A new version of a file (same path, other bytes) replaces the older one's rows. For a workbook
 * the path is the file's, so a sheet renamed between versions still replaces the old sheet.
 */
export async function supersedeOlderVersions(warehouse: Warehouse): Promise<number> {
  const older = await warehouse.all<{ file_id: string }>(
    `SELECT DISTINCT o.file_id FROM ingest_batch AS b
     JOIN ingest_file AS n ON n.file_id = b.file_id
     JOIN ingest_file AS o ON (o.path = b.file_path OR starts_with(o.path, b.file_path || '#'))
       AND n.kind = o.kind
       AND n.school_code IS NOT DISTINCT FROM o.school_code
       AND n.snapshot_date IS NOT DISTINCT FROM o.snapshot_date
     WHERE o.status = 'loaded' AND n.status = 'loaded' AND o.sha256 <> n.sha256
       AND o.file_id NOT IN (SELECT file_id FROM ingest_batch)`,
  );
  for (const { file_id } of older) {
    await warehouse.run('DELETE FROM roster_row WHERE file_id = $id', { id: file_id });
    await warehouse.run('DELETE FROM change_row WHERE file_id = $id', { id: file_id });
    await warehouse.run(`UPDATE ingest_file SET status = 'superseded' WHERE file_id = $id`, { id: file_id });
  }
  return older.length;
}
