// The rows behind the report files, one shape per CSV, and each CSV's column list in the order
// outputs.md §3 publishes it. These columns are a public contract: a change is a release note.
// Codes stay locale-independent here (sex M/F, stage primary/junior/senior); pages translate them.

export type Locale = 'zh-CN' | 'en';

export type Stage = 'primary' | 'junior' | 'senior';

export interface EnrollmentRow {
  as_of: string;
  province_code: string | null;
  region_code: string | null;
  school_code: string;
  stage: Stage | null;
  grade: number | null;
  sex: string | null;
  students: number;
}

export interface GraduationRow {
  cohort_year: number;
  stage: Exclude<Stage, 'primary'>;
  province_code: string | null;
  school_code: string;
  /** The rate's denominator: the cohort less transfers out of the region, deaths and abroad. */
  cohort_size: number;
  graduated: number;
  /** graduated / cohort_size to 4 decimals; null while the cohort's normal length runs. */
  rate: number | null;
}

export interface TransferRow {
  school_year: string;
  from_province_code: string | null;
  to_province_code: string | null;
  scope: string | null;
  transfers: number;
}

export interface FlagRow {
  flag_id: string;
  rule: string;
  severity: string;
  student_no: string | null;
  school_code: string | null;
  exam_year: number | null;
  summary: string | null;
}

export interface DataQualityRow {
  school_code: string | null;
  file: string;
  rows_read: number | null;
  rows_loaded: number | null;
  rows_rejected: number | null;
  rows_skipped: number | null;
  top_reasons: string | null;
}

/** The CSV files a report writes beside index.html. */
export const CSV_NAMES = {
  enrollment: 'enrollment.csv',
  graduation: 'graduation.csv',
  transfers: 'transfers.csv',
  flags: 'flags.csv',
  dataQuality: 'data_quality.csv',
} as const;

export const ENROLLMENT_COLUMNS = [
  'as_of', 'province_code', 'region_code', 'school_code', 'stage', 'grade', 'sex', 'students',
] as const satisfies readonly (keyof EnrollmentRow)[];

export const GRADUATION_COLUMNS = [
  'cohort_year', 'stage', 'province_code', 'school_code', 'cohort_size', 'graduated', 'rate',
] as const satisfies readonly (keyof GraduationRow)[];

export const TRANSFER_COLUMNS = [
  'school_year', 'from_province_code', 'to_province_code', 'scope', 'transfers',
] as const satisfies readonly (keyof TransferRow)[];

export const FLAG_COLUMNS = [
  'flag_id', 'rule', 'severity', 'student_no', 'school_code', 'exam_year', 'summary',
] as const satisfies readonly (keyof FlagRow)[];

export const DATA_QUALITY_COLUMNS = [
  'school_code', 'file', 'rows_read', 'rows_loaded', 'rows_rejected', 'rows_skipped',
  'top_reasons',
] as const satisfies readonly (keyof DataQualityRow)[];

/** Everything one report shows, already scoped to the as-of date and region. */
export interface ReportData {
  asOf: string;
  /** The region asked for (GB/T 2260), or null for every region loaded. */
  region: string | null;
  locale: Locale;
  /** Whether student and ID numbers in `flags` were masked (the default). */
  masked: boolean;
  enrollment: EnrollmentRow[];
  graduation: GraduationRow[];
  transfers: TransferRow[];
  flags: FlagRow[];
  dataQuality: DataQualityRow[];
  /** School names by school code, for the pages only (the CSVs carry codes). */
  schoolNames: Map<string, string>;
}
