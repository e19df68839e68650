// What each reject reason tells the school clerk, in Chinese and English: the column as the file
// named it, the value, and the fix. `{header}` and `{value}` are filled in per row, in SQL.

export interface ReasonText {
  zh: string;
  en: string;
}

export const REASONS: Record<string, ReasonText> = {
  mangled_by_spreadsheet: {
    zh: '{header} "{value}" 已被电子表格转换成数字，末尾数字丢失；请将该列设为文本格式后重新导出',
    en: '{header} "{value}" was turned into a number by a spreadsheet; re-export the column as text',
  },
  invalid_id_checksum: {
    zh: '{header} "{value}" 校验码不正确；请核对证件号码后重新导出',
    en: '{header} "{value}" fails its check character; check the ID number and re-export',
  },
  invalid_id_birth_date: {
    zh: '{header} "{value}" 中的出生日期不存在或晚于导出日期；请核对证件号码',
    en: '{header} "{value}" holds a birth date that does not exist or is after the export; check the ID',
  },
  invalid_id_province: {
    zh: '{header} "{value}" 前两位不是有效的省级行政区划代码；请核对证件号码',
    en: '{header} "{value}" does not start with a province code; check the ID number',
  },
  invalid_id_length: {
    zh: '{header} "{value}" 不是18位（或15位）身份证号码；请核对证件号码或证件类型',
    en: '{header} "{value}" is not an 18- (or 15-) character resident ID; check the number or the ID type',
  },
  invalid_student_no: {
    zh: '{header} "{value}" 不是有效的全国学籍号（G/J + 18位，或 L + 18位）',
    en: '{header} "{value}" is not a national student number (G/J + 18 characters, or L + 18 digits)',
  },
  invalid_school_code: {
    zh: '{header} "{value}" 不是10位学校标识码',
    en: '{header} "{value}" is not a 10-digit school identification code',
  },
  invalid_date: {
    zh: '{header} "{value}" 无法识别为日期；请使用 2005-03-01 格式（不接受两位年份或日/月顺序不明的写法）',
    en: '{header} "{value}" is not a date we can read unambiguously; write it as 2005-03-01',
  },
  missing_required: {
    zh: '必填列 {header} 为空；请补全后重新导出',
    en: 'required column {header} is empty; fill it in and re-export',
  },
  value_too_long: {
    zh: '{header} "{value}" 过长，不像是一个姓名；请检查该列是否与其他列错位后重新导出',
    en: '{header} "{value}" is far too long for a name; check that the columns are not shifted and re-export',
  },
  unknown_code: {
    zh: '{header} "{value}" 不是已知的代码或名称；请使用标准代码或名称',
    en: '{header} "{value}" is not a known code or name; use the standard code or name',
  },
  ambiguous_grade_codes: {
    zh: '{header} "{value}" 无法判断是年级还是年级代码；请改用“高一”“七年级”等名称',
    en: '{header} "{value}" could be a grade or a national grade code; write grade names such as 高一',
  },
  ragged_row: {
    zh: '该行的列数与表头不一致；请检查是否有多余或缺少的分隔符',
    en: 'the row has a different number of fields from the header; check for extra or missing delimiters',
  },
  malformed_record: {
    zh: '该记录不是一个 JSON 对象 {…}，或无法解析；请检查括号、引号和逗号后重新导出',
    en: 'the record is not a JSON object {…}, or cannot be parsed; check its brackets, quotes and commas and re-export',
  },
  unbalanced_quote: {
    zh: '该行有未闭合的引号；请删除多余的引号后重新导出',
    en: 'the row has a quote that is never closed; remove the stray quote and re-export',
  },
};

/** One line the clerk reads: `path line N: message`, message first in Chinese, then English. */
export function reasonRows(): { reason: string; zh: string; en: string }[] {
  return Object.entries(REASONS).map(([reason, text]) => ({ reason, ...text }));
}
