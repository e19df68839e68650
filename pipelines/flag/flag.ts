// The flag stage: runs every rule query over the person model and replaces the `flag` table with
// what they return. A flag's id is a hash of its rule and subject, so the same finding keeps its
// id (and the run that first saw it) across runs; summaries are written here in both languages.

import type { Logger } from '../common/logger.js';
import { examRulesFor, type Settings } from '../common/settings.js';
import { readSql } from '../common/sql-files.js';
import type { Warehouse } from '../common/warehouse.js';


/** Shared inputs of the rules, materialised once per run as temp tables, in order. */
const PRELUDE = ['person_roster', 'senior_sighting', 'exam_candidate'] as const;

const RULE_QUERIES = [
  'flag_reinstatement',
  'flag_exam_migrant',
  'flag_phantom',
  'flag_multiple_registrations',
  'flag_transfer_cluster',
] as const;

export async function runFlag(
  warehouse: Warehouse,
  settings: Settings,
  runId: number,
  asOf: string | null,
  logger: Logger,
): Promise<{ flags: number }> {
  const started = Date.now();
  await warehouse.transaction(async () => {
    await collectFindings(warehouse, settings);

    await replaceFlags(warehouse, runId);
  });
  const counts = await warehouse.all<{ rule: string; n: number }>(
    'SELECT rule, count(*) AS n FROM flag GROUP BY rule ORDER BY rule',
  );
  const total = counts.reduce((sum, c) => sum + c.n, 0);
  const byRule = Object.fromEntries(counts.map((c) => [c.rule, c.n]));
  logger.step('flag', { flags: total, ...byRule, as_of: asOf, ms: Date.now() - started });
  return { flags: total };
}

async function collectFindings(warehouse: Warehouse, settings: Settings): Promise<void> {
  await warehouse.run(`CREATE OR REPLACE TEMP TABLE finding (rule VARCHAR, severity VARCHAR,
    student_no VARCHAR, school_code VARCHAR, exam_year INTEGER, subject VARCHAR, evidence JSON)`);
  const params = ruleParams(settings);
  for (const name of PRELUDE) {
    const sql = readSql(name);
    await warehouse.run(`CREATE OR REPLACE TEMP TABLE ${name} AS ${sql}`, usedParams(sql, params));
  }
  for (const query of RULE_QUERIES) {
    const sql = readSql(query);
    await warehouse.run(`INSERT INTO finding SELECT * FROM (\n${sql}\n)`, usedParams(sql, params));
  }
}

// DuckDB refuses parameters a statement does not name, so each query gets only its own.
function usedParams(sql: string, params: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(params).filter(([k]) => sql.includes(`$${k}`)));
}

function ruleParams(settings: Settings) {
  const [month, day] = settings.examCutoff.split('-').map(Number);
  const provinces = Object.keys(settings.provinces).map((province) => {
    const rules = examRulesFor(settings, province);
    return { province, required_years: rules.requiredSchoolYears, grace_days: rules.graceDays };
  });
  return {
    assume_filed_days: settings.assumeFiledAfterDays,
    cutoff_month: month,
    cutoff_day: day,
    required_years: settings.requiredSchoolYears,
    grace_days: settings.graceDays,
    province_rules: JSON.stringify(provinces),
    hukou_years: settings.hukouMoveYears,
    overlap_days: settings.overlapDays,
    cluster_min: settings.clusterMinTransfers,
    cluster_share: settings.clusterMinShare,
  };
}

async function replaceFlags(warehouse: Warehouse, runId: number): Promise<void> {
  await warehouse.run(readSql('flag_summary'));
  await warehouse.run(
    `CREATE OR REPLACE TEMP TABLE previous_flag AS SELECT flag_id, first_seen_run FROM flag`,
  );
  await warehouse.run('DELETE FROM flag');
  await warehouse.run(
    `INSERT INTO flag BY NAME
     WITH identified AS (
       SELECT *,
         md5(concat_ws('|', rule, student_no, school_code, exam_year, subject))[1:16] AS flag_id
       FROM finding
     )
     SELECT
       f.flag_id, f.rule, f.severity, f.student_no, f.school_code, f.exam_year,
       json_merge_patch(f.evidence, json_object('summary', json_object(
         'en', flag_summary_en(f.rule, f.evidence), 'zh', flag_summary_zh(f.rule, f.evidence))))
         AS evidence,
       coalesce(p.first_seen_run, $runId) AS first_seen_run
     FROM identified AS f
     LEFT JOIN previous_flag AS p USING (flag_id)
     ORDER BY flag_id`,
    { runId },
  );
}
