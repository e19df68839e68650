// The main job end to end on the synthetic demo inbox, checked against the generator's answer key.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnswerKey } from '../fixtures/generator/answer-key.js';
import { Warehouse } from '../pipelines/common/warehouse.js';
import { runCli, tempDir, type CliResult } from './support/temp.js';

/** The flag rules of rules.md §4.1–4.2; the answer key plants each with negative controls. */
const FLAG_RULES = [
  'INVALID_REINSTATEMENT',
  'UNFILED_CANCELLATION_REVERSED',
  'EVENT_AFTER_DEATH',
  'EXAM_MIGRANT_LATE_TRANSFER',
  'EXAM_MIGRANT_HUKOU_MOVE',
  'MULTIPLE_ACTIVE_REGISTRATIONS',
  'PHANTOM_REGISTRATION',
  'SCHOOL_LATE_TRANSFER_CLUSTER',
];

interface Snapshot {
  person: unknown[];
  flag: unknown[];
  files: Record<string, unknown>[];
  counts: Record<string, number>;
}

async function readSnapshot(db: string): Promise<Snapshot> {
  const warehouse = await Warehouse.open(db);
  try {
    return {
      person: await warehouse.all('SELECT * FROM person ORDER BY student_no'),
      flag: await warehouse.all('SELECT * FROM flag ORDER BY flag_id'),
      files: await warehouse.all(`SELECT path, kind, encoding, rows_read, rows_loaded,
        rows_rejected, rows_skipped, status FROM ingest_file ORDER BY path`),
      counts: (await warehouse.one(`SELECT (SELECT count(*) FROM roster_row) AS roster_row,
        (SELECT count(*) FROM change_row) AS change_row, (SELECT count(*) FROM quarantine) AS quarantine,
        (SELECT count(*) FROM ingest_file) AS ingest_file`)) as Record<string, number>,
    };
  } finally {
    warehouse.close();
  }
}

describe('xueji run on the demo inbox', () => {
  let key: AnswerKey;
  let dir: string;
  const runs: CliResult[] = [];
  const snapshots: Snapshot[] = [];
  const quarantine: { path: string; line_no: number; reason: string }[] = [];

  beforeAll(async () => {
    dir = tempDir();
    const fixtures = runCli(['fixtures', '--out', join(dir, 'demo'), '--seed', '42']);
    expect(fixtures.status).toBe(0);
    key = JSON.parse(readFileSync(join(dir, 'demo/answer-key.json'), 'utf8'));
    const db = join(dir, 'warehouse.duckdb');
    for (let i = 0; i < 2; i++) {
      runs.push(runCli(['run', '--inbox', join(dir, 'demo/inbox'), '--db', db, '--out', join(dir, 'out')]));
      snapshots.push(await readSnapshot(db));
    }
    const warehouse = await Warehouse.open(db);
    quarantine.push(...(await warehouse.all<(typeof quarantine)[number]>(
      'SELECT path, line_no, reason FROM quarantine JOIN ingest_file USING (file_id)')));
    warehouse.close();
  });

  it('exits 0 and writes the report', () => {
    expect(runs.map((r) => r.status)).toEqual([0, 0]);
    for (const file of ['index.html', 'enrollment.csv', 'transfers.csv', 'flags.csv', 'data_quality.csv']) {
      expect(existsSync(join(dir, 'out', file))).toBe(true);
    }
  });

  it('has exactly one person row per person of the answer key, with their attributes', () => {
    const expected = key.persons
      .map((p) => ({ student_no: p.student_no, id_no: p.id_no, name: p.name, sex: p.sex === '男' ? 'M' : 'F', birth_date: p.birth_date }))
      .sort((a, b) => a.student_no.localeCompare(b.student_no));
    const actual = (snapshots[0]!.person as Record<string, unknown>[]).map(
      ({ student_no, id_no, name, sex, birth_date }) => ({ student_no, id_no, name, sex, birth_date }));
    expect(actual).toEqual(expected);
  });

  it('counts every file exactly as the answer key, and the row equation holds for each', () => {
    const expected = key.files
      .map((f) => ({ path: f.path, kind: f.kind, encoding: f.encoding, rows_read: f.rows_read, rows_loaded: f.rows_loaded, rows_rejected: f.rows_rejected, rows_skipped: f.rows_skipped, status: 'loaded' }))
      .sort((a, b) => (a.path < b.path ? -1 : 1));
    expect(snapshots[0]!.files).toEqual(expected);
    for (const file of snapshots[0]!.files) {
      expect(file.rows_read).toBe(Number(file.rows_loaded) + Number(file.rows_rejected) + Number(file.rows_skipped));
    }
  });

  it('quarantines every damaged row with its line and reason', () => {
    const expected = key.files.flatMap((f) => f.rejects.map((r) => ({ path: f.path, line_no: r.line, reason: r.reason })));
    const order = (a: { path: string; line_no: number }, b: { path: string; line_no: number }) =>
      a.path < b.path ? -1 : a.path > b.path ? 1 : a.line_no - b.line_no;
    expect([...quarantine].sort(order)).toEqual(expected.sort(order));
  });

  // A flag's subject: the person, or the school for a school's flag.
  type Subject = { student_no: string | null; school_code: string | null };
  const subjectOf = (f: Subject) => f.student_no ?? `school ${f.school_code}`;

  for (const rule of FLAG_RULES) {
    it(`flags every planted ${rule} case with its severity, and no negative control`, () => {
      const flags = (snapshots[0]!.flag as (Subject & { rule: string; severity: string; exam_year: number | null })[])
        .filter((f) => f.rule === rule);
      const planted = key.flags.filter((f) => f.rule === rule);
      expect(planted.length).toBeGreaterThan(0);
      const pick = (f: Subject & { severity: string; exam_year: number | null }) =>
        ({ subject: subjectOf(f), severity: f.severity, exam_year: f.exam_year });
      const order = (a: { subject: string }, b: { subject: string }) => a.subject.localeCompare(b.subject);
      expect(flags.map(pick).sort(order)).toEqual(planted.map(pick).sort(order));
      const controls = key.negativeControls.filter((c) => c.rule === rule).map(subjectOf);
      expect(controls.length).toBeGreaterThan(0);
      expect(flags.filter((f) => controls.includes(subjectOf(f)))).toEqual([]);
    });
  }

  it('loads nothing twice on a second run and leaves person and flag identical', () => {
    const [first, second] = snapshots;
    expect(second!.counts).toEqual(first!.counts);
    expect(second!.person).toEqual(first!.person);
    expect(second!.flag).toEqual(first!.flag);
  });
});
