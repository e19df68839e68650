// Resident ID numbers (GB 11643, rules.md §1.1) on the TypeScript side: normalising what a clerk
// typed, widening old 15-digit IDs, the check character, the birth date and sex they encode, and
// the region of their address code. The same rules run in SQL (sql/macros.sql) on every loaded
// row; test/resident-id.test.ts keeps the two in agreement on one table of IDs.

import { resolveRegion, type RegionMatch } from './regions.js';

export type IdReason =
  | 'mangled_by_spreadsheet' | 'invalid_id_length' | 'invalid_id_province'
  | 'invalid_id_birth_date' | 'invalid_id_checksum';

export type Sex = 'M' | 'F';

export interface ResidentId {
  input: string;
  /** The normalised 18-character form (15-digit IDs widened); null when nothing is left. */
  idNo: string | null;
  /** The 15-digit original of a widened ID. */
  original15: string | null;
  valid: boolean;
  reason: IdReason | null;
  /** Read from the number when it holds a calendar date, even if the ID is invalid. */
  birthDate: string | null;
  sex: Sex | null;
  region: RegionMatch | null;
}

/** The province codes of rules.md §1.3. */
export const PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82',
]);

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';

/** Drops spaces, zero-width characters, a leading apostrophe or ="…"; folds width; upper-cases. */
export function normalizeIdent(text: string): string | null {
  const bare = /^[0-9A-Za-z]*$/.test(text) ? text : text
    .replace(/[\s\u200B-\u200D\u2060\uFEFF\u3000]/g, '')
    .replace(/^(?:=?"(.*)"|'(.*))$/, '$1$2')
    .replace(/[\uFF10-\uFF5A]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
  return bare.toUpperCase() || null;
}

/** ISO 7064 MOD 11-2 check character of the first 17 digits. */
export function checkCharacter(first17: string): string {
  const sum = WEIGHTS.reduce((total, weight, i) => total + Number(first17[i]) * weight, 0);
  return CHECK_CHARACTERS[sum % 11]!;
}

/** An old 15-digit ID as 18: `19` before the year, then the check character. */
export function widenId(id: string): string {
  if (!/^\d{15}$/.test(id)) return id;
  const first17 = `${id.slice(0, 6)}19${id.slice(6)}`;
  return first17 + checkCharacter(first17);
}

/** Scientific notation, a `.0` tail, or an 18-digit number whose last digits were zeroed. */
export function isMangledId(id: string): boolean {
  if (/^\d+(\.\d+)?E\+?\d+$/.test(id) || /^\d{15,18}\.0+$/.test(id)) return true;
  return /^\d{18}$/.test(id) && id.endsWith('000') && checkCharacter(id) !== id[17];
}

/** `YYYYMMDD` as an ISO date when it is a calendar date, else null. */
export function maybeCalendarDate(digits: string): string | null {
  if (!/^\d{8}$/.test(digits)) return null;
  const iso = `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : null;
}

/** Why a normalised 18-character ID is invalid on `asOf` (ISO; null = no upper bound), or null. */
export function maybeIdProblem(id: string, asOf: string | null): IdReason | null {
  if (isMangledId(id)) return 'mangled_by_spreadsheet';
  if (!/^\d{17}[\dX]$/.test(id)) return 'invalid_id_length';
  if (!PROVINCE_CODES.has(id.slice(0, 2))) return 'invalid_id_province';
  const birth = maybeCalendarDate(id.slice(6, 14));
  if (!birth || birth < '1900-01-01' || (asOf !== null && birth > asOf)) {
    return 'invalid_id_birth_date';
  }
  return checkCharacter(id) === id[17] ? null : 'invalid_id_checksum';
}

/** Everything rules.md §1.1 reads from a resident ID as typed. */
export function parseResidentId(input: string, asOf: string | null): ResidentId {
  const normalized = normalizeIdent(input);
  const idNo = normalized === null ? null : widenId(normalized);
  const reason = idNo === null ? 'invalid_id_length' : maybeIdProblem(idNo, asOf);
  const readable = idNo !== null && /^\d{17}[\dX]$/.test(idNo);
  return {
    input,
    idNo,
    original15: normalized !== null && /^\d{15}$/.test(normalized) ? normalized : null,
    valid: reason === null,
    reason,
    birthDate: readable ? maybeCalendarDate(idNo.slice(6, 14)) : null,
    sex: readable ? sexOfDigit(idNo[16]!) : null,
    region: readable && PROVINCE_CODES.has(idNo.slice(0, 2))
      ? resolveRegion(idNo.slice(0, 6)) : null,
  };
}

/** The 17th character: odd for male, even for female. */
export function sexOfDigit(digit: string): Sex {
  return Number(digit) % 2 === 1 ? 'M' : 'F';
}
