// Reads the rows behind the report files from the warehouse: one sql/report_*.sql per CSV, with
// the scope bound as parameters. Each query is given only the parameters it names, because
// DuckDB refuses a value for a parameter a statement does not have.

import { readSql } from '../common/sql-files.js';
import type { Warehouse } from '../common/warehouse.js';
import { maskFlag } from '../../reports/masking.js';
import type {
  DataQualityRow, EnrollmentRow, FlagRow, GraduationRow, Locale, ReportData, TransferRow,
} from '../../reports/report-rows.js';
import type { ReportScope } from './report-scope.js';

export interface ReadReportSpec {
  scope: ReportScope;
  locale: Locale;
  unmask: boolean;
}

export async function readReportData(warehouse: Warehouse, spec: ReadReportSpec) {
  const { scope, locale, unmask } = spec;
  const params = {
    as_of: scope.asOf,
    region_prefix: scope.regionPrefix,
    summary_lang: locale === 'en' ? 'en' : 'zh',
  };
  const flags = await readQuery<FlagRow>(warehouse, 'report_flags', params);
  const data: ReportData = {
    asOf: scope.asOf,
    region: scope.region,
    locale,
    masked: !unmask,
    enrollment: await readQuery<EnrollmentRow>(warehouse, 'report_enrollment', params),
    graduation: await readQuery<GraduationRow>(warehouse, 'report_graduation', params),
    transfers: await readQuery<TransferRow>(warehouse, 'report_transfers', params),
    flags: unmask ? flags : flags.map(maskFlag),
    dataQuality: await readQuery<DataQualityRow>(warehouse, 'report_data_quality', params),
    schoolNames: await readSchoolNames(warehouse),
  };
  return data;
}

async function readQuery<T extends object>(
  warehouse: Warehouse,
  name: string,
  params: Record<string, unknown>,
): Promise<T[]> {
  const sql = readSql(name);
  const named = new Set([...sql.matchAll(/\$([a-z_]+)/g)].map((match) => match[1]));
  const bound = Object.fromEntries(Object.entries(params).filter(([key]) => named.has(key)));
  return (await warehouse.all(sql, bound)) as T[];
}

async function readSchoolNames(warehouse: Warehouse): Promise<Map<string, string>> {
  const rows = await warehouse.all<{ school_code: string; school_name: string }>(
    'SELECT school_code, school_name FROM school WHERE school_name IS NOT NULL',
  );
  return new Map(rows.map((row) => [row.school_code, row.school_name]));
}
