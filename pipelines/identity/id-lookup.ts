// `xueji id`: what rules.md §1 reads from each number typed: the normalised form, valid or the
// reason code, birth date, sex, region and province. Resident IDs are checked as the ingest checks
// them; a G, J or L student number is checked for its kind, and a G number's ID read as well.
// It is a lookup tool: an invalid ID is an answer, not a failure.

import { resolveRegion, type RegionMatch } from '../../models/regions.js';
import { parseResidentId, PROVINCE_CODES, type ResidentId } from '../../models/resident-id.js';
import { parseStudentNo } from '../../models/student-no.js';

export interface IdLookup {
  input: string;
  kind: 'resident_id' | 'student_no_G' | 'student_no_J' | 'student_no_L';
  normalized: string | null;
  /** The 15-digit original of a widened ID. */
  original_15: string | null;
  valid: boolean;
  /** The reason code (invalid_id_checksum, …, invalid_student_no); null when valid. */
  reason: string | null;
  problem: string | null;
  birth_date: string | null;
  sex: 'M' | 'F' | null;
  region_code: string | null;
  /** current, retired, historical or unknown_region; for J and L numbers the school's region. */
  region_status: string | null;
  province_code: string | null;
  province_name: string | null;
  /** The code the region resolved to: its own, else its prefecture's, else its province's. */
  region_matched_code: string | null;
  region_name: string | null;
}

/** Looks one typed number up; `asOf` bounds birth dates (an ID born later is invalid). */
export function lookupId(input: string, asOf: string): IdLookup {
  const number = parseStudentNo(input);
  if (number.kind === null) return fromResidentId(input, parseResidentId(input, asOf));
  const body = number.studentNo!.slice(1);
  const id = number.kind === 'G' ? parseResidentId(body, asOf) : null;
  const valid = number.valid && (id?.valid ?? true);
  const schoolRegion = PROVINCE_CODES.has(body.slice(0, 2)) ? resolveRegion(body.slice(0, 6)) : null;
  const region = id?.region ?? schoolRegion;
  return {
    ...fromResidentId(input, id ?? parseResidentId('', null)),
    ...fromRegion(region),
    kind: `student_no_${number.kind}`,
    normalized: number.studentNo,
    valid,
    reason: valid ? null : 'invalid_student_no',
    problem: number.problem ?? (id && !id.valid ? id.reason : null),
    birth_date: number.birthDate,
    sex: id?.sex ?? null,
  };
}

function fromResidentId(input: string, id: ResidentId): IdLookup {
  return {
    input,
    kind: 'resident_id',
    normalized: id.idNo,
    original_15: id.original15,
    valid: id.valid,
    reason: id.reason,
    problem: null,
    birth_date: id.birthDate,
    sex: id.sex,
    ...fromRegion(id.region),
  };
}

function fromRegion(match: RegionMatch | null) {
  return {
    region_code: match?.code ?? null,
    region_status: match?.status ?? null,
    province_code: match?.provinceCode ?? null,
    province_name: match?.provinceName ?? null,
    region_matched_code: match?.matched?.region_code ?? null,
    region_name: match?.matched?.full_name ?? null,
  };
}

const SEX = { M: 'male', F: 'female' } as const;

/** One line per lookup: `normalised  valid|reason  born …  sex  region … province …`. */
export function formatIdLookup(l: IdLookup): string {
  const number = l.original_15 ? `${l.normalized} (widened from ${l.original_15})` : l.normalized;
  const within = l.region_matched_code && l.region_matched_code !== l.region_code
    ? ` (within ${l.region_matched_code} ${l.region_name})` : l.region_name ? ` ${l.region_name}` : '';
  const region = l.region_code ? `region ${l.region_code} ${l.region_status}${within}` : 'region ?';
  const parts = [
    number ?? `"${l.input}"`,
    l.valid ? 'valid' : `${l.reason}${l.problem ? ` (${l.problem})` : ''}`,
    l.kind === 'resident_id' ? null : l.kind.replace('student_no_', 'student number '),
    `born ${l.birth_date ?? '?'}`,
    l.sex ? SEX[l.sex] : 'sex ?',
    region,
    l.province_code ? `province ${l.province_code} ${l.province_name ?? ''}`.trimEnd()
      : 'province ?',
  ];
  return parts.filter((p) => p !== null).join('  ');
}

/** Prints one line (or JSON object) per typed number to stdout. */
export function writeIdLookups(inputs: string[], options: { json: boolean; asOf: string }): void {
  for (const input of inputs) {
    const lookup = lookupId(input, options.asOf);
    process.stdout.write((options.json ? JSON.stringify(lookup) : formatIdLookup(lookup)) + '\n');
  }
}
