// The scheduled job: ingest what is new in the inbox, rebuild the person model and the flags from
// everything loaded, and render the reports. Each step is its stage's own entry point; this file
// only chains them inside one recorded pipeline run.

import type { Logger } from '../common/logger.js';
import type { Settings } from '../common/settings.js';
import type { Warehouse } from '../common/warehouse.js';
import { runFlag } from '../flag/flag.js';
import { runIngest } from '../ingest/ingest.js';
import { runReconcile } from '../reconcile/reconcile.js';
import type { ReportOptions } from '../report/report.js';
import { beginRun, finishRun, latestSnapshotDate, type RunCounts } from './pipeline-run.js';

export interface RunOptions {
  inbox: string;
  asOf: string | null;
  settings: Settings;
  report: Omit<ReportOptions, 'asOf'>;
}

export async function runJob(warehouse: Warehouse, options: RunOptions, logger: Logger) {
  return withRun(warehouse, 'run', async (runId, counts) => {
    const ingest = await runIngest(warehouse, { ...options, runId }, logger);
    Object.assign(counts, ingestCounts(ingest));

    counts.persons = (await runReconcile(warehouse, options.settings, logger)).persons;

    counts.as_of = options.asOf ?? (await latestSnapshotDate(warehouse));
    counts.flags = (await runFlag(warehouse, options.settings, runId, counts.as_of, logger)).flags;

    const report = { ...options.report, ...(counts.as_of ? { asOf: counts.as_of } : {}) };
    const { runReport } = await import('../report/report.js');
    await runReport(warehouse, report, logger);
  });
}

/** Opens a pipeline_run row around `work`, closing it as succeeded or failed. */
export async function withRun(
  warehouse: Warehouse,
  command: string,
  work: (runId: number, counts: RunCounts) => Promise<void>,
): Promise<RunCounts> {
  const runId = await beginRun(warehouse, command);
  const counts: RunCounts = {};
  try {
    await work(runId, counts);
    await finishRun(warehouse, runId, 'succeeded', counts);
    return counts;
  } catch (error) {
    await finishRun(warehouse, runId, 'failed', counts);
    throw error;
  }
}

export function ingestCounts(summary: Awaited<ReturnType<typeof runIngest>>): RunCounts {
  return {
    files_loaded: summary.filesLoaded,
    files_failed: summary.filesFailed,
    rows_loaded: summary.rowsLoaded,
    rows_rejected: summary.rowsRejected,
  };
}
