// Every word the report page shows, in both locales, so a page never mixes languages.
// Flags are leads for an analyst: the wording is "needs review" / "待核查", never a verdict.

import type { Locale } from './report-rows.js';

export interface Labels {
  title: string;
  asOf: string;
  region: string;
  allRegions: string;
  unknown: string;
  total: string;
  noData: string;
  dataFiles: string;
  province: string;
  students: string;
  schools: string;
  female: string;
  enrollment: string;
  enrollmentLead: string;
  enrollmentChart: string;
  graduation: string;
  graduationLead: string;
  graduationChart: string;
  graduationRate: string;
  cohort: string;
  cohortSize: string;
  graduated: string;
  inProgress: string;
  stageNames: Record<string, string>;
  /** A cohort by its stage and entry year: 初中 2020 级, Junior 2020. */
  cohortName: (stage: string, year: number) => string;
  transfers: string;
  transfersLead: string;
  transfersChart: string;
  fromProvince: string;
  toProvince: string;
  schoolYears: string;
  flags: string;
  flagsLead: string;
  flagsChart: string;
  flagCount: string;
  flagList: string;
  needsReview: string;
  rule: string;
  severity: string;
  studentNo: string;
  school: string;
  examYear: string;
  summary: string;
  status: string;
  maskedNote: string;
  dataQuality: string;
  dataQualityLead: string;
  noRejects: string;
  file: string;
  rowsRead: string;
  rowsLoaded: string;
  rowsRejected: string;
  rowsSkipped: string;
  topReasons: string;
  filesWithRejects: string;
  gradeNames: readonly string[];
  severityNames: Record<string, string>;
  ruleNames: Record<string, string>;
  /** "Showing the first 200 of 1,234 flags". */
  listLimited: (shown: string, total: string) => string;
}

const ZH_STAGES: Record<string, string> = { junior: '初中', senior: '高中' };
const EN_STAGES: Record<string, string> = { junior: 'Junior', senior: 'Senior' };

const ZH: Labels = {
  title: '学籍数据报告',
  asOf: '截至',
  region: '地区',
  allRegions: '全部地区',
  unknown: '未知',
  total: '合计',
  noData: '无数据',
  dataFiles: '数据文件（CSV）',
  province: '省份',
  students: '在籍学生',
  schools: '学校',
  female: '其中：女',
  enrollment: '在籍学生',
  enrollmentLead: '各校截至日期前最近一次花名册中计为在籍的学生（含休学等在籍不在校），按省份和年级。',
  enrollmentChart: '颜色区分年级：蓝色为小学，绿色为初中，橙色为高中',
  graduation: '毕业',
  graduationLead:
    '按入学届别（初一或高一入学学年，转入学生计入其原应属届别）和学段，在修业年限（3 年）内毕业的比例。'
    + '分母为届别人数减去转出本省、死亡和出国的学生；休学、留级、退学的学生仍计入分母。',
  graduationChart: '各届毕业率（已满修业年限的届别）',
  graduationRate: '毕业率',
  cohort: '届别',
  cohortSize: '应毕业人数',
  graduated: '按期毕业',
  inProgress: '未满年限',
  stageNames: ZH_STAGES,
  cohortName: (stage, year) => `${ZH_STAGES[stage] ?? stage} ${year} 级`,
  transfers: '转学',
  transfersLead: '截至日期前的转学人次，按转出省份和转入省份；对角线为省内转学。',
  transfersChart: '行为转出省份，列为转入省份',
  fromProvince: '转出省份',
  toProvince: '转入省份',
  schoolYears: '学年',
  flags: '待核查线索',
  flagsLead: '规则检出的情况，按规则和级别。线索只说明需要核查，不是结论。',
  flagsChart: '按规则和级别的线索条数',
  flagCount: '线索条数',
  flagList: '线索清单',
  needsReview: '待核查',
  rule: '规则',
  severity: '级别',
  studentNo: '学籍号',
  school: '学校',
  examYear: '高考年份',
  summary: '说明',
  status: '状态',
  maskedNote: '学籍号和身份证件号已部分隐去。',
  dataQuality: '数据质量',
  dataQualityLead: '有拒收行的文件。拒收行未入库，请学校修正后重新导出。',
  noRejects: '没有文件有拒收行。',
  file: '文件',
  rowsRead: '读取',
  rowsLoaded: '入库',
  rowsRejected: '拒收',
  rowsSkipped: '跳过',
  topReasons: '主要原因',
  filesWithRejects: '有拒收行的文件',
  gradeNames: [
    '一年级', '二年级', '三年级', '四年级', '五年级', '六年级',
    '初一', '初二', '初三', '高一', '高二', '高三',
  ],
  severityNames: { high: '高', medium: '中', info: '提示' },
  ruleNames: {
    INVALID_REINSTATEMENT: '备案注销后恢复学籍',
    UNFILED_CANCELLATION_REVERSED: '未备案的注销被撤回',
    EVENT_AFTER_DEATH: '死亡后仍有学籍记录',
    EXAM_MIGRANT_LATE_TRANSFER: '高考前跨省转入过晚',
    EXAM_MIGRANT_HUKOU_MOVE: '高考前户籍迁入',
    MULTIPLE_ACTIVE_REGISTRATIONS: '一人多籍',
    PHANTOM_REGISTRATION: '人籍分离',
    SCHOOL_LATE_TRANSFER_CLUSTER: '学校高三跨省转入集中',
  },
  listLimited: (shown, total) => `仅列出前 ${shown} 条，共 ${total} 条；完整清单见 flags.csv。`,
};

const EN: Labels = {
  title: 'Student status report',
  asOf: 'As of',
  region: 'Region',
  allRegions: 'All regions',
  unknown: 'Unknown',
  total: 'Total',
  noData: 'No data',
  dataFiles: 'Data files (CSV)',
  province: 'Province',
  students: 'Registered students',
  schools: 'Schools',
  female: 'Of which female',
  enrollment: 'Enrollment',
  enrollmentLead:
    "Students counted as registered (suspended ones included) in each school's latest " +
    'roster on or before the as-of date, by province and grade.',
  graduation: 'Graduation',
  graduationLead:
    'Share of each cohort (the school year it entered grade 7 or 10; students who transferred in '
    + 'join the cohort they would have belonged to) that graduated within the normal 3 years. The '
    + 'denominator leaves out students who moved out of the province, died or went abroad; '
    + 'suspended, repeating and withdrawn students stay in it.',
  graduationChart: 'Graduation rate by cohort (cohorts whose normal length has ended)',
  graduationRate: 'Graduation rate',
  cohort: 'Cohort',
  cohortSize: 'Cohort (net)',
  graduated: 'Graduated on time',
  inProgress: 'In progress',
  stageNames: EN_STAGES,
  cohortName: (stage, year) => `${EN_STAGES[stage] ?? stage} ${year}`,
  transfers: 'Transfers',
  transfersLead:
    'Moves between schools up to the as-of date, by sending and receiving province; the ' +
    'diagonal holds moves within a province.',
  enrollmentChart: 'Colours tell the grades apart: blues primary, greens junior, oranges senior',
  transfersChart: 'Rows are sending provinces, columns receiving ones',
  flagsChart: 'Flags by rule and severity',
  flagCount: 'Flags',
  fromProvince: 'From province',
  toProvince: 'To province',
  schoolYears: 'School years',
  flags: 'Flags for review',
  flagsLead:
    'What the rules found, by rule and severity. A flag means a case needs review; it is not ' +
    'a finding of fact.',
  flagList: 'Flag list',
  needsReview: 'needs review',
  rule: 'Rule',
  severity: 'Severity',
  studentNo: 'Student no.',
  school: 'School',
  examYear: 'Exam year',
  summary: 'Summary',
  status: 'Status',
  maskedNote: 'Student and ID numbers are partly hidden.',
  dataQuality: 'Data quality',
  dataQualityLead:
    'Files with rejected rows. Rejected rows were not loaded; the school should fix and ' +
    're-export them.',
  noRejects: 'No file had rejected rows.',
  file: 'File',
  rowsRead: 'Read',
  rowsLoaded: 'Loaded',
  rowsRejected: 'Rejected',
  rowsSkipped: 'Skipped',
  topReasons: 'Top reasons',
  filesWithRejects: 'Files with rejects',
  gradeNames: [
    'Grade 1', 'Grade 2', 'Grade 3', 'Grade 4', 'Grade 5', 'Grade 6',
    'Grade 7', 'Grade 8', 'Grade 9', 'Grade 10', 'Grade 11', 'Grade 12',
  ],
  severityNames: { high: 'High', medium: 'Medium', info: 'Info' },
  ruleNames: {
    INVALID_REINSTATEMENT: 'Reinstated after a filed cancellation',
    UNFILED_CANCELLATION_REVERSED: 'Unfiled cancellation reversed',
    EVENT_AFTER_DEATH: 'Record after death',
    EXAM_MIGRANT_LATE_TRANSFER: 'Late cross-province arrival before the exam',
    EXAM_MIGRANT_HUKOU_MOVE: 'Household moved in before the exam',
    MULTIPLE_ACTIVE_REGISTRATIONS: 'Registered at several schools',
    PHANTOM_REGISTRATION: 'Registered but not attending',
    SCHOOL_LATE_TRANSFER_CLUSTER: 'School with many late grade-12 arrivals',
  },
  listLimited: (shown, total) =>
    `Showing the first ${shown} of ${total} flags; the full list is in flags.csv.`,
};

const DICTIONARY: Record<Locale, Labels> = { 'zh-CN': ZH, en: EN };

export function labelsFor(locale: Locale): Labels {
  return DICTIONARY[locale];
}

/** A grade 1–12 by its name in the locale (高三, Grade 12); unknown grades read "Unknown". */
export function formatGrade(grade: number | null, labels: Labels): string {
  return (grade !== null && labels.gradeNames[grade - 1]) || labels.unknown;
}

/** A rule by its name in the locale, or its code when the dictionary does not know it. */
export function formatRule(rule: string, labels: Labels): string {
  return labels.ruleNames[rule] ?? rule;
}

export function formatSeverity(severity: string, labels: Labels): string {
  return labels.severityNames[severity] ?? severity;
}
