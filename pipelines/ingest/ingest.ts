// The ingest stage: new file versions in the inbox become raw rows, model rows and quarantined
// rows. Every file of a batch lands in one transaction with the manifest rows that count it, so
// a crash leaves none of the batch behind and the next run loads it whole.

import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../common/logger.js';
import type { Settings } from '../common/settings.js';
import type { Warehouse } from '../common/warehouse.js';
import { readInbox, type InboxFile } from './inbox.js';
import { insertRaw, readStaged, type StagedReads } from './load.js';
import * as manifest from './manifest.js';
import { normalizeBatch } from './normalize.js';
import { isPrepared, prepareFile, type FailedFile, type PreparedFile } from './prepare.js';

export interface IngestOptions {
  inbox: string;
  /** Snapshot date for rosters that carry none, ISO; null = such files fail. */
  asOf: string | null;
  runId: number;
  settings: Settings;
}

export interface IngestSummary {
  filesLoaded: number;
  filesFailed: number;
  rowsLoaded: number;
  rowsRejected: number;
}

export async function runIngest(
  warehouse: Warehouse,
  options: IngestOptions,
  logger: Logger,
): Promise<IngestSummary> {
  const started = Date.now();
  const inbox = await readInbox(options.inbox);
  const { pending, duplicates } = await manifest.classifyFiles(warehouse, inbox);

  const stagingDir = await freshStagingDir(warehouse.path);
  try {
    const results = await prepareAll(pending, stagingDir, options.asOf);
    const reads = await readStaged(warehouse, results.filter(isPrepared));
    const prepared = reads.groups.flatMap((g) => g.files);
    const notPrepared = results.filter((r): r is FailedFile => !isPrepared(r));
    const failed = [...notPrepared, ...unreadable(reads)];

    logger.step('ingest load', { files: prepared.length, failed: failed.length });
    await warehouse.transaction(async () => {
      await loadBatch(warehouse, prepared, reads, options);
      await manifest.recordOthers(warehouse, failed, duplicates, options.runId);
    });

    return await summarize(warehouse, options.runId, logger, started);
  } finally {
    await rm(stagingDir, { recursive: true, force: true });
  }
}

// Staged copies hold personal data, so they live beside the warehouse, not in a shared temp
// folder, and a crashed run's copies are cleared by the next (the warehouse lock keeps runs apart).
async function freshStagingDir(db: string): Promise<string> {
  if (db === ':memory:') return mkdtemp(join(tmpdir(), 'xueji-stage-'));
  const dir = `${db}.staging`;
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true, mode: 0o700 });
  return dir;
}

async function prepareAll(files: InboxFile[], stagingDir: string, asOf: string | null) {
  const results: (PreparedFile | FailedFile)[] = [];
  for (const file of files) results.push(...(await prepareFile(file, stagingDir, asOf)));
  return results;
}

// DuckDB's reader gave up on these files (it said why); each fails alone, the batch goes on.
function unreadable(reads: StagedReads): FailedFile[] {
  return reads.unreadable.map(({ file, error }) => ({
    file: file.file,
    status: 'failed',
    encoding: file.encoding,
    kind: file.layout.kind,
    error: `the file could not be read as delimited text (${error.split('\n')[0]}); ` +
      'check its line endings and quotes, or save it again as CSV',
  }));
}

async function loadBatch(
  warehouse: Warehouse,
  prepared: PreparedFile[],
  reads: StagedReads,
  options: IngestOptions,
) {
  await manifest.writeBatchTables(warehouse, prepared);

  await insertRaw(warehouse, reads);

  await normalizeBatch(warehouse, options.settings);

  await manifest.recordPrepared(warehouse, prepared, options.runId);

  await manifest.enforceRowEquation(warehouse);

  await manifest.supersedeOlderVersions(warehouse);
}

interface FileOutcome {
  path: string;
  status: string;
  rows_loaded: number;
  rows_rejected: number;
  rows_skipped: number;
  error: string | null;
}

async function summarize(
  warehouse: Warehouse,
  runId: number,
  logger: Logger,
  started: number,
): Promise<IngestSummary> {
  const rows = await warehouse.all<FileOutcome>(
    `SELECT path, status, rows_loaded, rows_rejected, rows_skipped, error FROM ingest_file
     WHERE run_id = $runId ORDER BY path`,
    { runId },
  );
  for (const row of rows) logFile(logger, row);
  const loaded = rows.filter((r) => r.status === 'loaded');
  const summary: IngestSummary = {
    filesLoaded: loaded.length,
    filesFailed: rows.filter((r) => r.status === 'failed').length,
    rowsLoaded: loaded.reduce((n, r) => n + (r.rows_loaded ?? 0), 0),
    rowsRejected: loaded.reduce((n, r) => n + (r.rows_rejected ?? 0), 0),
  };
  logger.step('ingest', { ...summary, ms: Date.now() - started });
  return summary;
}

function logFile(logger: Logger, row: FileOutcome) {
  if (row.status === 'loaded') {
    const { rows_loaded: rows, rows_rejected: rejected, rows_skipped: skipped } = row;
    logger.step(`ingest ${row.path}`, { rows, rejected, skipped });
  } else {
    logger.warn(`ingest ${row.path} ${row.status}`, { reason: row.error });
  }
}
