// The reconcile stage: rebuilds the person model from every row loaded, one table at a time, in
// the order they depend on each other: who is who (names folded, numbers linked), the persons,
// their stays, changes and moves, then the data-quality findings about them. It is a pure
// function of the loaded rows, so running it twice leaves the same tables, row for row.

import type { Logger } from '../common/logger.js';
import type { Settings } from '../common/settings.js';
import { readSql } from '../common/sql-files.js';
import type { Params, Warehouse } from '../common/warehouse.js';

/** The person-model tables, in build order; each is rebuilt by the SQL files listed. */
export const MODEL_TABLES = {
  person_alias: ['person_alias'],
  person: ['person'],
  registration: ['registration'],
  status_event: ['status_event'],
  transfer: ['transfer'],
  dq_finding: ['dq_finding_identity', 'dq_finding_history'],
} as const;

export async function runReconcile(
  warehouse: Warehouse,
  settings: Settings,
  logger: Logger,
): Promise<{ persons: number }> {
  const started = Date.now();
  await warehouse.transaction(async () => {
    await warehouse.run(`CREATE OR REPLACE TEMP TABLE name_key AS\n${readSql('name_key')}`);

    for (const [table, queries] of Object.entries(MODEL_TABLES)) {
      await rebuildTable(warehouse, table, queries, modelParams(settings));
    }
  });
  const counts = await countRows(warehouse);
  logger.step('reconcile', { ...counts, ms: Date.now() - started });
  return { persons: counts.person ?? 0 };
}

/** The settings the model's SQL reads, by parameter name. */
function modelParams(settings: Settings): Record<string, unknown> {
  return {
    pair_days: settings.transferPairDays,
    age_tolerance: settings.ageToleranceYears,
    suspension_years: settings.suspensionYears,
    suspension_extensions: settings.suspensionExtensions,
  };
}

async function rebuildTable(
  warehouse: Warehouse,
  table: string,
  queries: readonly string[],
  params: Record<string, unknown>,
): Promise<void> {
  await warehouse.run(`DELETE FROM ${table}`);
  for (const query of queries) {
    const sql = readSql(query);
    const insert = `INSERT INTO ${table} BY NAME SELECT * FROM (\n${sql}\n)`;
    await warehouse.run(insert, usedParams(sql, params));
  }
}

// DuckDB refuses parameters a statement does not use, so each query gets only its own.
function usedParams(sql: string, params: Record<string, unknown>): Params | undefined {
  const used = Object.entries(params).filter(([name]) => new RegExp(`\\$${name}\\b`).test(sql));
  return used.length > 0 ? Object.fromEntries(used) : undefined;
}

async function countRows(warehouse: Warehouse): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of Object.keys(MODEL_TABLES)) {
    const row = await warehouse.one<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
    counts[table] = row?.n ?? 0;
  }
  return counts;
}
