// `xueji person`: reads one person's whole record from the warehouse (the person row, every number
// they held, their stays, the dated timeline with sources, their flags and data-quality findings).
// A person is found by any number they held: a student number, a temporary L number or a resident
// ID (15 or 18 characters), typed as a clerk would.

import { existsSync } from 'node:fs';
import { normalizeIdent, widenId } from '../../models/resident-id.js';
import { CliError, EXIT } from '../common/errors.js';
import { readSql } from '../common/sql-files.js';
import { Warehouse, type Row } from '../common/warehouse.js';
import { renderPersonJson, renderPersonText } from './person-format.js';

export interface TimelineLine {
  date: string;
  kind: 'snapshot' | 'change' | 'inferred' | 'filed' | 'transfer';
  school_code: string | null;
  school_name: string | null;
  change: string | null;
  status: string | null;
  facts: Record<string, unknown>;
  file: string | null;
  line: number | null;
}

export interface PersonTimeline {
  person: Row;
  aliases: Row[];
  stays: Row[];
  timeline: TimelineLine[];
  flags: Row[];
  findings: Row[];
}

export async function readPersonTimeline(
  warehouse: Warehouse,
  query: string,
  db: string,
): Promise<PersonTimeline> {
  const studentNo = await findPerson(warehouse, query, db);
  const params = { student_no: studentNo };
  const person = await warehouse.one(`SELECT p.*, s.school_name AS current_school_name
    FROM person AS p LEFT JOIN school AS s ON s.school_code = p.current_school_code
    WHERE p.student_no = $student_no`, params);
  return {
    person: person!,
    aliases: await warehouse.all(`SELECT alias_no, alias_kind, linked_by, first_seen, last_seen
      FROM person_alias WHERE student_no = $student_no ORDER BY alias_kind, first_seen, alias_no`,
      params),
    stays: await warehouse.all(`SELECT g.*, s.school_name FROM registration AS g
      LEFT JOIN school AS s USING (school_code) WHERE g.student_no = $student_no
      ORDER BY g.start_date, g.school_code`, params),
    timeline: (await warehouse.all<Row>(readSql('person_timeline'), params)).map(parseLine),
    flags: await warehouse.all(`SELECT flag_id, rule, severity, school_code, exam_year, evidence
      FROM flag WHERE student_no = $student_no ORDER BY rule, exam_year, flag_id`, params),
    findings: await warehouse.all(`SELECT school_code, finding, severity, detail FROM dq_finding
      WHERE student_no = $student_no ORDER BY finding, school_code, line_no`, params),
  };
}

/** The person number for what the user typed, or a CliError (exit 1) naming what was looked for. */
async function findPerson(warehouse: Warehouse, query: string, db: string): Promise<string> {
  const typed = normalizeIdent(query) ?? '';
  const rows = await warehouse.all<{ student_no: string }>(
    `SELECT DISTINCT student_no FROM person_alias WHERE alias_no IN ($typed, $widened)
     ORDER BY student_no`,
    { typed, widened: widenId(typed) },
  );
  if (rows.length === 1) return rows[0]!.student_no;
  if (rows.length === 0) {
    throw new CliError(`no person in ${db} has held the student number or ID "${query}"; `
      + 'check the number, or run xueji reconcile after loading new files', EXIT.failed);
  }
  const numbers = rows.map((r) => r.student_no).join(', ');
  throw new CliError(`"${query}" was held by ${rows.length} persons (${numbers}); `
    + 'look one up by its student number', EXIT.failed);
}

function parseLine(row: Row): TimelineLine {
  return { ...(row as unknown as TimelineLine), facts: JSON.parse(String(row.facts)) };
}

/** Prints the record of the person who held `query` to stdout; a missing warehouse is exit 1. */
export async function writePerson(db: string, query: string, options: { json: boolean }) {
  if (!existsSync(db)) {
    throw new CliError(`${db} does not exist; give the warehouse with --db FILE`, EXIT.failed);
  }
  const warehouse = await Warehouse.open(db);
  try {
    const record = await readPersonTimeline(warehouse, query, db);
    process.stdout.write(options.json ? renderPersonJson(record) : renderPersonText(record));
  } finally {
    warehouse.close();
  }
}
