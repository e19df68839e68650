// The headers schools use for each canonical column (inputs.md §4), and how a header row is
// matched: ignoring surrounding spaces, full-width forms, a BOM, case and a trailing `*`.
// The file's kind follows from which canonical columns its header holds.

export const HEADER_ALIASES: Record<string, string[]> = {
  school_code: ['学校标识码', '学校代码', 'xxdm', 'school_code'],
  school_name: ['学校名称', 'xxmc', 'school_name'],
  region_code: ['行政区划代码', '所在地行政区划代码', '学校所在地', 'region_code'],
  school_level: ['学段', '办学类型', 'school_level'],
  student_no: ['全国学籍号', '学籍号', '国家学籍号', 'qgxjh', 'student_no'],
  name: ['姓名', '学生姓名', 'xm', 'name'],
  sex: ['性别', '性别码', 'xbm', 'sex'],
  birth_date: ['出生日期', '出生年月', 'csrq', 'birth_date'],
  id_type: ['身份证件类型', '证件类型', 'sfzjlxm', 'id_type'],
  id_no: ['身份证件号', '身份证号', '身份证号码', '证件号码', 'sfzjh', 'id_no'],
  hukou_region: ['户口所在地行政区划', '户口所在地', '户籍所在地', 'hkqx', 'hukou_region'],
  entry_ym: ['入学年月', '入学年度', '入学日期', 'rxny', 'entry_ym'],
  grade: ['年级', '年级代码', 'njdm', 'grade'],
  class: ['班级', '班级名称', 'bj', 'class'],
  status: ['学籍状态', '学生当前状态', 'xsdqztm', 'status'],
  presence: ['在校状态', 'presence'],
  snapshot_date: ['导出日期', '统计日期', '快照日期', 'snapshot_date'],
  change_type: ['异动类别', '异动类型', '变动类型', 'ydlbm', 'change_type'],
  change_date: ['异动日期', '变动日期', 'ydrq', 'change_date'],
  change_reason: ['异动原因', '变动原因', 'change_reason'],
  from_school_code: ['原学校标识码', '转出学校标识码', 'from_school_code'],
  to_school_code: ['转入学校标识码', '目标学校标识码', 'to_school_code'],
  approval_no: ['审批文号', '批准文号', 'approval_no'],
  filed_date: ['备案日期', '上报备案日期', 'filed_date'],
};

export type Kind = 'roster' | 'changes' | 'schools';

const CANONICAL_BY_HEADER = new Map(
  Object.entries(HEADER_ALIASES).flatMap(([canonical, aliases]) =>
    aliases.map((alias) => [normalizeHeader(alias), canonical] as const),
  ),
);

/** Folds a header cell to the form aliases are compared in. */
export function normalizeHeader(cell: string): string {
  return foldWidth(cell)
    .replace(/^\uFEFF/, '')
    .replace(/^["']|["']$/g, '')
    .trim()
    .replace(/\*+$/, '')
    .trim()
    .toLowerCase();
}

/** Full-width ASCII forms (and the ideographic space) to their half-width twins. */
export function foldWidth(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

/** The canonical column of each header cell, or null where the header is not one we know. */
export function mapHeader(cells: string[]): (string | null)[] {
  const seen = new Set<string>();
  return cells.map((cell) => {
    const canonical = CANONICAL_BY_HEADER.get(normalizeHeader(cell)) ?? null;
    if (!canonical || seen.has(canonical)) return null;
    seen.add(canonical);
    return canonical;
  });
}

/** Which kind a header describes, from the canonical columns present (inputs.md §2). */
export function maybeKind(columns: Set<string>): Kind | null {
  const has = (c: string) => columns.has(c);
  const person = has('student_no') || has('id_no');
  if (person && has('change_type') && has('change_date')) return 'changes';
  if (person && has('name') && has('status')) return 'roster';
  if (has('school_code') && has('school_name') && has('region_code')) return 'schools';
  return null;
}
