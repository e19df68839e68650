// National student numbers (全国学籍号, rules.md §1.2), checked per kind: `G` + a resident ID,
// `J` + 18 characters built like one (school's region, birth date, sequence, check character),
// `L` + school's region + birth date + 4 digits, with no check character. The region inside J and
// L numbers is the school's, so it never stands for the person's origin.

import {
  maybeCalendarDate, maybeIdProblem, normalizeIdent, PROVINCE_CODES,
} from './resident-id.js';

export type StudentNoKind = 'G' | 'J' | 'L';

export interface StudentNo {
  input: string;
  studentNo: string | null;
  kind: StudentNoKind | null;
  valid: boolean;
  /** Why the number is not a student number of its kind; null when valid. */
  problem: string | null;
  /** The birth date the number encodes. */
  birthDate: string | null;
  /** The region code inside the number: the person's for G, the school's for J and L. */
  regionCode: string | null;
}

export function parseStudentNo(input: string): StudentNo {
  const studentNo = normalizeIdent(input);
  const kind = studentNo && /^[GJL]/.test(studentNo) ? (studentNo[0] as StudentNoKind) : null;
  const body = studentNo?.slice(1) ?? '';
  const problem = kind === null ? 'not a G, J or L number' : maybeBodyProblem(kind, body);
  const readable = problem === null || /^\d{14}/.test(body);
  return {
    input,
    studentNo,
    kind,
    valid: problem === null,
    problem,
    birthDate: readable ? maybeCalendarDate(body.slice(6, 14)) : null,
    regionCode: readable ? body.slice(0, 6) || null : null,
  };
}

function maybeBodyProblem(kind: StudentNoKind, body: string): string | null {
  if (kind === 'L') return maybeTemporaryProblem(body);
  if (!/^\d{17}[\dX]$/.test(body)) {
    return `${kind} must be followed by 17 digits and a check character`;
  }
  const reason = maybeIdProblem(body, null);
  return reason === null ? null
    : `the 18 characters after ${kind} fail the resident ID rules (${reason})`;
}

function maybeTemporaryProblem(body: string): string | null {
  if (!/^\d{18}$/.test(body)) return 'L must be followed by 18 digits';
  if (!PROVINCE_CODES.has(body.slice(0, 2))) return 'the region code does not start with a province';
  const birth = maybeCalendarDate(body.slice(6, 14));
  return birth && birth >= '1900-01-01' ? null : 'the birth date is not a calendar date';
}
