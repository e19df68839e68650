// `xueji status`: what the warehouse holds, for the person on call: the last runs, files by
// status (loaded, failed, duplicate, …) with the failures' reasons, and row counts per table.
// It only reads; the text goes to stdout (it is the command's data), `--json` for machines.

import type { Warehouse } from '../common/warehouse.js';

export interface StatusReport {
  runs: Record<string, unknown>[];
  files: { status: string; files: number }[];
  failed: { path: string; error: string }[];
  tables: Record<string, number>;
}

const COUNTED_TABLES = [
  'roster_row', 'change_row', 'quarantine', 'school', 'person', 'registration', 'status_event',
  'transfer', 'flag',
] as const;

export async function readStatus(warehouse: Warehouse): Promise<StatusReport> {
  const runs = await warehouse.all(
    `SELECT run_id, command, status, strftime(started_at, '%Y-%m-%d %H:%M:%S') AS started_at,
       round(epoch(finished_at - started_at), 1) AS seconds, files_loaded, files_failed,
       rows_loaded, rows_rejected, persons, flags
     FROM pipeline_run ORDER BY run_id DESC LIMIT 5`,
  );
  const files = await warehouse.all<{ status: string; files: number }>(
    'SELECT status, count(*) AS files FROM ingest_file GROUP BY status ORDER BY status',
  );
  const failed = await warehouse.all<{ path: string; error: string }>(
    `SELECT path, error FROM ingest_file WHERE status = 'failed' ORDER BY path LIMIT 20`,
  );
  const tables: Record<string, number> = {};
  for (const table of COUNTED_TABLES) {
    tables[table] = (await warehouse.one<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))?.n ?? 0;
  }
  return { runs, files, failed, tables };
}

export function formatStatus(report: StatusReport): string {
  const lines = ['Last runs:'];
  for (const run of report.runs) {
    lines.push(`  #${run.run_id} ${run.command} ${run.status} at ${run.started_at}` +
      ` (${run.seconds ?? '?'} s): files ${run.files_loaded ?? '-'} loaded, ` +
      `${run.files_failed ?? '-'} failed; persons ${run.persons ?? '-'}; flags ${run.flags ?? '-'}`);
  }
  lines.push('Files:', ...report.files.map((f) => `  ${f.status}: ${f.files}`));
  if (report.failed.length) {
    lines.push('Failed files:', ...report.failed.map((f) => `  ${f.path}: ${f.error}`));
  }
  lines.push('Rows:', ...Object.entries(report.tables).map(([t, n]) => `  ${t}: ${n}`));
  return lines.join('\n') + '\n';
}
