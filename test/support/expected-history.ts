// The stays the warehouse must build from the synthetic inbox, read from the generator's world
// (its stays and change records) and from the roster rows that load (the audit's observations),
// by the rules of docs/person-model.md: a stay runs over its registered snapshots, starts at a
// recorded 转入 or restoration since the school's previous snapshot, else its first snapshot, and
// ends at the first recorded ending change up to the school's next snapshot, else its last one.

import { observationsOf, type Observation } from '../../fixtures/generator/audit.js';
import { addDays, snapshotDates } from '../../fixtures/generator/calendar.js';
import { dialectOf } from '../../fixtures/generator/dialects.js';
import type { Inbox } from '../../fixtures/generator/inbox.js';
import type { ChangeType, Person, Stay } from '../../fixtures/generator/model.js';
import { covers, studentNo } from '../../fixtures/generator/model.js';
import { stageOfGrade, type School } from '../../fixtures/generator/schools.js';

export interface ExpectedStay {
  student_no: string;
  school_code: string;
  stage: string;
  start_date: string;
  end_date: string;
  end_status: string;
  start_change: string;
  start_inferred: boolean;
  first_grade: number;
  last_grade: number;
  snapshots: number;
}

const SNAPSHOTS = snapshotDates();

const STARTS: Partial<Record<ChangeType, string>> = {
  '转学（转入）': 'transfer_in', 恢复学籍: 'reinstate', 恢复入学资格: 'admission_restored',
};

const ENDS: Partial<Record<ChangeType, string>> = {
  '转学（转出）': 'transferred_out', 退学: 'withdrawn', 取消学籍: 'cancelled', 开除学籍: 'expelled',
  死亡: 'deceased', 取消入学资格: 'cancelled', 毕业: 'graduated',
};

interface Dated {
  date: string;
  key: string;
}

/** Every stay with at least one loaded registered row, as registration must hold it. */
export function expectedStays(inbox: Inbox): ExpectedStay[] {
  const seen = groupObservations(observationsOf(inbox));
  return inbox.world.persons.flatMap((person) => person.stays.flatMap((stay) => {
    const rows = (seen.get(person) ?? []).filter((o) => o.school === stay.school
      && o.status !== '退学' && covers(stay, o.date));
    return rows.length === 0 ? [] : [expectedStay(person, stay, rows)];
  }));
}

function groupObservations(observations: Observation[]): Map<Person, Observation[]> {
  const byPerson = new Map<Person, Observation[]>();
  for (const o of [...observations].sort((a, b) => (a.date < b.date ? -1 : 1))) {
    byPerson.set(o.person, [...(byPerson.get(o.person) ?? []), o]);
  }
  return byPerson;
}

function expectedStay(person: Person, stay: Stay, rows: Observation[]): ExpectedStay {
  const first = rows[0]!;
  const last = rows.at(-1)!;
  const before = SNAPSHOTS[SNAPSHOTS.indexOf(first.date) - 1] ?? addDays(first.date, -366);
  const after = SNAPSHOTS[SNAPSHOTS.indexOf(last.date) + 1] ?? addDays(last.date, 366);
  const ends = changes(person, stay, ENDS);
  // A start some ending change followed began an earlier stay that no snapshot saw.
  const start = firstOf(changes(person, stay, STARTS).filter((c) => c.date > before
    && c.date <= first.date && !ends.some((e) => e.date > c.date && e.date < first.date)));
  const end = firstOf(ends.filter((c) => c.date >= last.date && c.date <= after));
  const moved = person.moves.some((m) => !m.recorded && m.to === stay.school && m.date === first.date);
  return {
    student_no: studentNo(person), school_code: stay.school.code,
    stage: stageOfGrade(last.grade), start_date: start?.date ?? first.date,
    end_date: end?.date ?? last.date,
    end_status: end?.key ?? (last.status === '休学' ? 'suspended' : 'studying'),
    start_change: start?.key ?? (moved ? 'transfer_in' : 'admission'),
    start_inferred: start === undefined,
    first_grade: first.grade, last_grade: last.grade, snapshots: rows.length,
  };
}

/** The person's changes at the stay's school that the warehouse can see, as keys. */
function changes(person: Person, stay: Stay, keys: Partial<Record<ChangeType, string>>): Dated[] {
  const recorded = person.events.filter((e) => e.school === stay.school)
    .map((e) => ({ date: e.date, type: e.type }));
  const graduations = person.stays.filter((s) => s.school === stay.school && s.end
    && s.endReason === 'graduated' && writesNames(s.school))
    .map((s) => ({ date: s.end!, type: '毕业' as ChangeType }));
  return [...recorded, ...graduations].flatMap((c) =>
    (keys[c.type] ? [{ date: c.date, key: keys[c.type]! }] : []));
}

// Coded change logs leave out changes without a standard code (毕业), so only named ones show it.
function writesNames(school: School): boolean {
  return dialectOf(school).values.change === 'name';
}

function firstOf(dated: Dated[]): Dated | undefined {
  return [...dated].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))[0];
}
