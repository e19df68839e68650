// Renders one person's record for a terminal: who they are and every number they held, their
// stays, the timeline in date order (each line ending with its source file:line), then their flags
// and data-quality findings. Codes are shown with their Chinese name beside the warehouse key.
// `renderPersonJson` gives the same record as one JSON object for machines.

import { CHANGE_CODES, STATUS_CODES } from '../../models/codes.js';
import type { Row } from '../common/warehouse.js';
import type { PersonTimeline, TimelineLine } from './person-timeline.js';

const SEX = { M: '男 M', F: '女 F' } as Record<string, string>;

export function renderPersonText(record: PersonTimeline): string {
  return [
    ...renderHeader(record.person, record.aliases),
    section('stays', record.stays.map(renderStay)),
    section('timeline', record.timeline.map(renderLine)),
    section('flags', record.flags.flatMap(renderFlag)),
    section('data quality', record.findings.map(renderFinding)),
  ].filter((part) => part !== '').join('\n') + '\n';
}

export function renderPersonJson(record: PersonTimeline): string {
  const parse = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value);
  return JSON.stringify({
    ...record,
    flags: record.flags.map((f) => ({ ...f, evidence: parse(f.evidence) })),
    findings: record.findings.map((f) => ({ ...f, detail: parse(f.detail) })),
  }) + '\n';
}

function renderHeader(person: Row, aliases: Row[]): string[] {
  const origin = person.origin_province_code
    ? `origin province ${person.origin_province_code}` : 'origin unknown';
  const born = person.birth_date ? `born ${person.birth_date}` : 'birth date unknown';
  const now = [school(person.current_school_code, person.current_school_name),
    person.current_grade ? `grade ${person.current_grade}` : null,
    statusName(person.current_status), `last seen ${person.last_seen}`];
  return [
    [person.student_no, person.name, SEX[String(person.sex)] ?? 'sex unknown', born, origin]
      .join('  '),
    `  latest snapshot: ${now.filter(Boolean).join(', ')}`,
    ...aliases.map((a, i) => `  ${i === 0 ? 'numbers:' : '        '} ${a.alias_no}  ${a.alias_kind}`
      + `  (${String(a.linked_by).replaceAll('_', ' ')}, ${a.first_seen} – ${a.last_seen})`),
  ];
}

function section(title: string, lines: string[]): string {
  return lines.length === 0 ? '' : [title, ...lines.map((l) => `  ${l}`)].join('\n');
}

function renderStay(stay: Row): string {
  const grades = stay.first_grade === stay.last_grade
    ? `grade ${stay.first_grade}` : `grades ${stay.first_grade}–${stay.last_grade}`;
  const began = `began ${changeName(stay.start_change)}${stay.start_inferred ? ' (inferred)' : ''}`;
  return [`${stay.start_date} – ${stay.end_date}`, school(stay.school_code, stay.school_name),
    stay.stage, grades, began, `ended ${statusName(stay.end_status)}`].join('  ');
}

function renderLine(line: TimelineLine): string {
  const source = line.file ? `← ${line.file}:${line.line}` : '← (no source)';
  const parts = [line.date, line.kind.padEnd(8), line.school_code ?? '-', describe(line), source];
  return parts.join('  ');
}

function describe(line: TimelineLine): string {
  const f = line.facts;
  switch (line.kind) {
    case 'snapshot':
      return [f.grade ? `grade ${f.grade}` : null, statusName(line.status),
        f.presence === 1 ? '在籍离校 registered, absent' : null,
        f.listed_no !== f.student_no ? `listed as ${f.listed_no}` : null].filter(Boolean).join(', ');
    case 'filed':
      return `${changeName(line.change)} of ${f.change_date} filed with the bureau (备案)`;
    case 'transfer':
      return `moved ${f.from_school_code ?? '?'} → ${f.to_school_code ?? '?'}, ${f.scope}`
        + (f.inferred ? ', seen only in snapshots' : f.paired ? '' : ', unpaired');
    default:
      return [`${changeName(line.change)} → ${statusName(line.status)}`,
        f.filed_date ? `filed ${f.filed_date}` : null,
        f.from_school_code ? `from ${f.from_school_code}` : null,
        f.to_school_code ? `to ${f.to_school_code}` : null,
        f.approval_no ? String(f.approval_no) : null].filter(Boolean).join(', ');
  }
}

function renderFlag(flag: Row): string[] {
  const evidence = parseJson(flag.evidence);
  const summary = evidence?.summary as { en?: string; zh?: string } | undefined;
  const head = [flag.rule, flag.severity, flag.school_code,
    flag.exam_year ? `exam ${flag.exam_year}` : null, summary?.en ?? summary?.zh ?? '']
    .filter(Boolean).join('  ');
  return [head, `  evidence: ${sourcesOf(evidence).join(', ') || '(none)'}`];
}

function renderFinding(finding: Row): string {
  const detail = parseJson(finding.detail) ?? {};
  const what = `${finding.finding}  ${finding.severity}  ${finding.school_code}`;
  const source = sourcesOf(detail.source).join(', ');
  return `${what}  ${describeFinding(String(finding.finding), detail)}  ← ${source}`;
}

function describeFinding(finding: string, d: Record<string, any>): string {
  switch (finding) {
    case 'unknown_region':
      return `address code ${d.value} is in no GB/T 2260 revision; resolved as far as ${d.other_value}`;
    case 'implausible_age_for_grade':
      return `grade ${d.grade} on ${d.snapshot_date}, born ${d.birth_date}`
        + ` (usually ${d.usual_birth_dates?.join(' – ')})`;
    case 'transfer_unpaired':
      return `${changeName(d.change)} on ${d.date}, no counterpart within ${d.pair_days} days`;
    case 'suspension_overdue':
      return `休学 since ${d.suspended_on}, ${d.days} days`
        + (d.ended_on ? ` (ended ${d.ended_on})` : ` (still 休学 on ${d.still_suspended_on})`);
    case 'timeline_gap':
      return `left out of ${d.missing_snapshots?.join(', ')} between ${d.last_seen}`
        + ` and ${d.seen_again?.date}`;
    default:
      return `${d.attribute} ${d.value}, ${d.other_from} says ${d.other_value}`;
  }
}

/** Every `file:line` an evidence object names, in the order they appear. */
function sourcesOf(value: unknown): string[] {
  const found: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.file === 'string' && o.line != null) found.push(`${o.file}:${o.line}`);
      Object.values(o).forEach(walk);
    }
  };
  walk(value);
  return [...new Set(found)];
}

function parseJson(value: unknown): Record<string, any> | null {
  return typeof value === 'string' ? JSON.parse(value) : null;
}

function school(code: unknown, name: unknown): string {
  return code ? `${code}${name ? ` ${name}` : ''}` : '-';
}

function statusName(key: unknown): string {
  const found = STATUS_CODES.find((s) => s.key === key);
  return found ? `${found.names[0]} ${found.key}` : String(key ?? '?');
}

function changeName(key: unknown): string {
  const found = CHANGE_CODES.find((c) => c.key === key);
  return found ? `${found.names[0]} ${found.key}` : String(key ?? '?');
}
