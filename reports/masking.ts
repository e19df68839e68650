// Masking of personal numbers in what reports publish: a student number or resident ID keeps
// its leading letter, its 6-digit region code and its last 2 characters, the rest becomes `*`
// (G410105**********17). The region stays readable because analysts group by it.

import type { FlagRow } from './report-rows.js';

// A resident ID (15 to 18 characters, check character X allowed) or a student number (a letter
// and 18 characters) standing alone in free text. Longer runs of digits are left alone.
const NUMBER_IN_TEXT = /\b[A-Z]?\d{14,17}[\dXx]\b/g;

export function maskNumber(value: string): string {
  const kept = /^[A-Za-z]/.test(value) ? 7 : 6;
  if (value.length <= kept + 2) return '*'.repeat(Math.max(0, value.length - 2)) + value.slice(-2);
  return value.slice(0, kept) + '*'.repeat(value.length - kept - 2) + value.slice(-2);
}

/** Masks every ID or student number found in a sentence, leaving the words as they are. */
export function maskNumbersInText(text: string): string {
  return text.replace(NUMBER_IN_TEXT, maskNumber);
}

export function maskFlag(flag: FlagRow): FlagRow {
  return {
    ...flag,
    student_no: flag.student_no === null ? null : maskNumber(flag.student_no),
    summary: flag.summary === null ? null : maskNumbersInText(flag.summary),
  };
}
