// The ingest stage: new file versions in the inbox become raw rows, model rows and quarantined
// rows. Every file of a batch lands in one transaction with the manifest rows that count it, so
// a crash leaves none of the batch behind and the next run loads it whole.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../common/logger.js';
import type { Settings } from '../common/settings.js';
import type { Warehouse } from '../common/warehouse.js';
import { readInbox, type InboxFile } from './inbox.js';
import { loadRaw } from './load.js';
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
  const { pending, duplicates } = await manifest.classifyFiles(warehouse, await readInbox(options.inbox));

  const stagingDir = await mkdtemp(join(tmpdir(), 'xueji-stage-'));
  try {
    const results = await prepareAll(pending, stagingDir, options.asOf);
    const prepared = results.filter(isPrepared);
    const failed = results.filter((r): r is FailedFile => !isPrepared(r));

    logger.step('ingest load', { files: prepared.length, failed: failed.length });
    await warehouse.transaction(async () => {
      await loadBatch(warehouse, prepared, options);
      await manifest.recordOthers(warehouse, failed, duplicates, options.runId);
    });

    return await summarize(warehouse, options.runId, logger, started);
  } finally {
    await rm(stagingDir, { recursive: true, force: true });
  }
}

async function prepareAll(files: InboxFile[], stagingDir: string, asOf: string | null) {
  const results: (PreparedFile | FailedFile)[] = [];
  for (const file of files) results.push(...(await prepareFile(file, stagingDir, asOf)));
  return results;
}

async function loadBatch(warehouse: Warehouse, prepared: PreparedFile[], options: IngestOptions) {
  await manifest.writeBatchTables(warehouse, prepared);

  await loadRaw(warehouse, prepared);

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
