// The `pipeline_run` history: every command that changes the warehouse opens a run, and closes it
// as succeeded or failed with its counts, so `xueji status` and analysts can see what happened.

import type { Warehouse } from '../common/warehouse.js';

export interface RunCounts {
  files_loaded?: number;
  files_failed?: number;
  rows_loaded?: number;
  rows_rejected?: number;
  persons?: number;
  flags?: number;
  as_of?: string | null;
}

export async function beginRun(warehouse: Warehouse, command: string): Promise<number> {
  // This process holds the warehouse lock, so a run still marked running was killed.
  await warehouse.run(`UPDATE pipeline_run SET status = 'abandoned' WHERE status = 'running'`);
  const row = await warehouse.one<{ run_id: number }>(
    `INSERT INTO pipeline_run (run_id, command, started_at, status)
     SELECT coalesce(max(run_id), 0) + 1, $command, current_localtimestamp(), 'running'
     FROM pipeline_run RETURNING run_id`,
    { command },
  );
  return row!.run_id;
}

export async function finishRun(
  warehouse: Warehouse,
  runId: number,
  status: 'succeeded' | 'failed',
  counts: RunCounts,
): Promise<void> {
  await warehouse.run(
    `UPDATE pipeline_run SET finished_at = current_localtimestamp(), status = $status,
       files_loaded = $files_loaded, files_failed = $files_failed, rows_loaded = $rows_loaded,
       rows_rejected = $rows_rejected, persons = $persons, flags = $flags, as_of = $as_of::DATE
     WHERE run_id = $runId`,
    {
      runId,
      status,
      files_loaded: counts.files_loaded ?? null,
      files_failed: counts.files_failed ?? null,
      rows_loaded: counts.rows_loaded ?? null,
      rows_rejected: counts.rows_rejected ?? null,
      persons: counts.persons ?? null,
      flags: counts.flags ?? null,
      as_of: counts.as_of ?? null,
    },
  );
}

/** The default as-of date: the latest snapshot loaded, never the wall clock. */
export async function latestSnapshotDate(warehouse: Warehouse): Promise<string | null> {
  const row = await warehouse.one<{ d: string | null }>('SELECT max(snapshot_date) AS d FROM roster_row');
  return row?.d ?? null;
}
