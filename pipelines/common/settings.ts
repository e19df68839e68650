// The domain settings of rules.md: every limit a province may set is a default here, overridable
// by a JSON settings file (`--config`). The loose SettingsSpec users write is validated with zod
// into a strict, frozen Settings that the code uses.

import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { PROVINCE_CODES } from '../../models/resident-id.js';
import { usageError } from './errors.js';

const ProvinceSpec = z.strictObject({
  requiredSchoolYears: z.number().int().min(1).max(6).optional(),
  graceDays: z.number().int().min(0).max(366).optional(),
});

const SettingsSpec = z.strictObject({
  /** Day and month before which grade-3 registration decides the exam province (default 06-07). */
  examCutoff: z.string().refine(isMonthDay, 'must be a day of the year as MM-DD, e.g. 06-07')
    .default('06-07'),
  /** Continuous senior-high school years required before the exam (default 3). */
  requiredSchoolYears: z.number().int().min(1).max(6).default(3),
  /** Days of grace after 1 September of the first required year (default 30). */
  graceDays: z.number().int().min(0).max(366).default(30),
  /** Years before the exam in which a household move into the exam province counts (default 3). */
  hukouMoveYears: z.number().int().min(0).max(12).default(3),
  /** Overlap of two stays, in days, beyond which they count as two registrations (default 30). */
  overlapDays: z.number().int().min(0).default(30),
  /** Cross-province grade-3 arrivals at one school in one year that make a cluster (default 5). */
  clusterMinTransfers: z.number().int().min(1).default(5),
  /** Share of the grade-3 cohort those arrivals must reach, 0–1 (default 0.1). */
  clusterMinShare: z.number().min(0).max(1).default(0.1),
  /** Treat every cancellation as filed this many days after its date; null = off (default). */
  assumeFiledAfterDays: z.number().int().min(0).nullable().default(null),
  /** Days within which a 转出 and a 转入 pair into one transfer (default 60). */
  transferPairDays: z.number().int().min(1).default(60),
  /** Years off the usual age for a grade before a finding is raised (default 2). */
  ageToleranceYears: z.number().int().min(0).default(2),
  /** Years a 休学 may last before a suspension_overdue finding (default 1). */
  suspensionYears: z.number().int().min(1).max(6).default(1),
  /** Extensions of that length a school may grant; past them the finding is a warning (default 1). */
  suspensionExtensions: z.number().int().min(0).max(3).default(1),
  /** Per-province overrides of the exam rules, keyed by the 2-digit province code. */
  provinces: z.record(z.string().refine(isProvinceCode, 'must be a 2-digit province code'),
    ProvinceSpec).default({}),
  /** A school's own change codes, keyed by school code, then code → standard change name. */
  schoolChangeCodes: z.record(z.string(), z.record(z.string(), z.string())).default({}),
});

function isProvinceCode(code: string): boolean {
  return PROVINCE_CODES.has(code);
}

function isMonthDay(text: string): boolean {
  const match = /^(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(2024, Number(match[1]) - 1, Number(match[2])));
  return date.getUTCMonth() === Number(match[1]) - 1 && date.getUTCDate() === Number(match[2]);
}

export type Settings = Readonly<z.infer<typeof SettingsSpec>>;

export function parseSettings(spec: unknown): Settings {
  const result = SettingsSpec.safeParse(spec ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.join('.');
    throw usageError(`settings: ${where ? `${where}: ` : ''}${issue?.message}`);
  }
  return Object.freeze(result.data);
}

/** Reads the settings file, or the defaults when there is none. */
export function readSettings(path: string | undefined): Settings {
  if (!path) return parseSettings({});
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw usageError(`settings file ${path} cannot be read; check the --config path`);
  }
  try {
    return parseSettings(JSON.parse(text));
  } catch (error) {
    if (error instanceof SyntaxError) throw usageError(`settings file ${path} is not valid JSON`);
    throw error;
  }
}

/** Required school years and grace days for one exam province. */
export function examRulesFor(settings: Settings, province: string) {
  const override = settings.provinces[province] ?? {};
  return {
    requiredSchoolYears: override.requiredSchoolYears ?? settings.requiredSchoolYears,
    graceDays: override.graceDays ?? settings.graceDays,
  };
}
