// The reconcile stage: rebuilds the person model from every row loaded, one table at a time, in
// the order they depend on each other. It is a pure function of the loaded rows, so running it
// twice leaves the same tables, row for row.

import type { Logger } from '../common/logger.js';
import type { Settings } from '../common/settings.js';
import { readSql } from '../common/sql-files.js';
import type { Warehouse } from '../common/warehouse.js';

/** The person-model tables, in build order. */
export const MODEL_TABLES = ['person', 'person_alias', 'registration', 'status_event', 'transfer'] as const;

export async function runReconcile(
  warehouse: Warehouse,
  settings: Settings,
  logger: Logger,
): Promise<{ persons: number }> {
  const started = Date.now();
  await warehouse.transaction(async () => {
    for (const table of MODEL_TABLES) await buildTable(warehouse, table, settings);
  });
  const counts = await countRows(warehouse);
  logger.step('reconcile', { ...counts, ms: Date.now() - started });
  return { persons: counts.person ?? 0 };
}

async function buildTable(warehouse: Warehouse, table: string, settings: Settings): Promise<void> {
  const params = table === 'transfer' ? { pair_days: settings.transferPairDays } : undefined;
  await warehouse.run(`DELETE FROM ${table}`);
  await warehouse.run(`INSERT INTO ${table} BY NAME SELECT * FROM (\n${readSql(table)}\n)`, params);
}

async function countRows(warehouse: Warehouse): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of MODEL_TABLES) {
    const row = await warehouse.one<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
    counts[table] = row?.n ?? 0;
  }
  return counts;
}
