// The person model's history on the demo inbox, against the generator's world: every stay in
// `registration`, every move in `transfer` (the answer key's transfers), the status the README
// says a person had on any date, the data-quality findings planted, and `xueji person` on a
// planted invalid reinstatement, each line traced back to the row of the file it names.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateInbox, writeFixtures, type AnswerKey } from '../fixtures/generator/index.js';
import { Warehouse, type Row } from '../pipelines/common/warehouse.js';
import { expectedStays } from './support/expected-history.js';
import { runCli, tempDir } from './support/temp.js';

let key: AnswerKey;
let stays: ReturnType<typeof expectedStays>;
let db: string;
const rows: Record<string, Row[]> = {};

const QUERIES: Record<string, string> = {
  registration: `SELECT student_no, school_code, stage, start_date, end_date, end_status, start_change,
    start_inferred, first_grade, last_grade, snapshots FROM registration`,
  transfer: 'SELECT student_no, from_school_code, to_school_code, transfer_date, scope FROM transfer',
  // The README's rule: at each school, the status on a date is that of the last event on or before it.
  disagreeing: `SELECT r.student_no, r.school_code, r.snapshot_date, r.status, (
      SELECT e.status FROM status_event AS e
      WHERE e.student_no = r.student_no AND e.school_code = r.school_code
        AND e.event_date <= r.snapshot_date
      ORDER BY e.event_date DESC, e.is_inferred LIMIT 1) AS event_status
    FROM roster_row AS r WHERE event_status IS DISTINCT FROM r.status`,
  unregistered: `SELECT r.student_no, r.snapshot_date FROM roster_row AS r
    JOIN status_code AS c ON c.key = r.status AND c.registered
    WHERE NOT EXISTS (SELECT 1 FROM registration AS g WHERE g.student_no = r.student_no
      AND g.school_code = r.school_code AND r.snapshot_date BETWEEN g.start_date AND g.end_date)`,
  dq_finding: 'SELECT finding, severity, student_no, school_code FROM dq_finding',
};

beforeAll(async () => {
  const dir = tempDir();
  key = await writeFixtures({ out: join(dir, 'demo'), seed: 42 });
  stays = expectedStays(generateInbox({ seed: 42 }));
  db = join(dir, 'warehouse.duckdb');
  const run = runCli(['run', '--inbox', join(dir, 'demo/inbox'), '--db', db, '--out', join(dir, 'out')]);
  expect(run.status).toBe(0);
  const warehouse = await Warehouse.open(db);
  for (const [name, sql] of Object.entries(QUERIES)) rows[name] = await warehouse.all(sql);
  warehouse.close();
});

const sorted = <T>(list: T[]): T[] => [...list].sort((a, b) =>
  JSON.stringify(a) < JSON.stringify(b) ? -1 : 1);

describe('the history of every person in the demo inbox', () => {
  it('has exactly the stays the generator lived, as the exports show them', () => {
    expect(rows.registration!.length).toBe(stays.length);
    expect(sorted(rows.registration!)).toEqual(sorted(stays));
  });

  it('has exactly the answer key\'s transfers, with their dates and scopes', () => {
    expect(sorted(rows.transfer!)).toEqual(sorted(key.transfers));
  });

  it('gives every snapshot\'s status as the last event on or before it, but after a death', () => {
    const died = key.flags.filter((f) => f.rule === 'EVENT_AFTER_DEATH').map((f) => f.student_no);
    expect(rows.disagreeing!.map((r) => [r.status, r.event_status])).toEqual([['studying', 'deceased']]);
    expect(died).toContain(rows.disagreeing![0]!.student_no);
  });

  it('covers every registered snapshot with a stay', () => {
    expect(rows.unregistered).toEqual([]);
  });

  it('finds the planted data-quality cases, no control, and the 5102… ID\'s unknown region', () => {
    const planted = key.flags.filter((f) => f.rule === 'id_sex_mismatch' || f.rule === 'conflicting_attributes')
      .map((f) => ({ finding: f.rule, severity: f.severity, student_no: f.student_no, school_code: f.school_code }));
    const chongqing = key.persons.filter((p) => p.id_no?.startsWith('5102'))
      .map((p) => ({ finding: 'unknown_region', severity: 'info', student_no: p.student_no }));
    expect(planted.length).toBe(2);
    expect(chongqing.length).toBe(1);
    expect(sorted(rows.dq_finding!.filter((f) => f.finding !== 'unknown_region'))).toEqual(sorted(planted));
    expect(rows.dq_finding!.filter((f) => f.finding === 'unknown_region')
      .map(({ school_code, ...f }) => f)).toEqual(chongqing);
  });
});

describe('xueji person on a planted invalid reinstatement', () => {
  const source = /← (.+):(\d+)$/;

  it('shows the cancellation, its filing, the restoration and the flag, each from its source', async () => {
    const flag = key.flags.find((f) => f.rule === 'INVALID_REINSTATEMENT' && f.note.startsWith('取消学籍'))!;
    const result = runCli(['person', flag.student_no!, '--db', db]);
    expect(result.status).toBe(0);
    const lines = result.stdout.split('\n');
    const pick = (pattern: RegExp) => lines.filter((l) => pattern.test(l));
    const cancelled = pick(/ change {4}\d+ {2}取消学籍 cancel → 注销 cancelled, filed 2022-10-24/);
    const filed = pick(/ filed {5}\d+ {2}取消学籍 cancel of 2022-10-12 filed with the bureau/);
    const restored = pick(/ change {4}\d+ {2}恢复学籍 reinstate → 在读 studying/);
    expect([cancelled.length, filed.length, restored.length]).toEqual([1, 1, 1]);
    expect([cancelled[0]!.slice(0, 12), filed[0]!.slice(0, 12), restored[0]!.slice(0, 12)])
      .toEqual(['  2022-10-12', '  2022-10-24', '  2022-12-05']);
    expect(await rawChangeTypes([cancelled[0]!, filed[0]!, restored[0]!].map((l) => source.exec(l)!)))
      .toEqual(['取消学籍', '取消学籍', '恢复学籍']);
    const flagAt = lines.findIndex((l) => l.startsWith('  INVALID_REINSTATEMENT  high  '));
    expect(lines[flagAt]).toContain('cancellation on 2022-10-12, filed 2022-10-24, yet restored on 2022-12-05; needs review');
    expect(lines[flagAt + 1]).toContain(`evidence: ${source.exec(cancelled[0]!)!.slice(1).join(':')}, `
      + source.exec(restored[0]!)!.slice(1).join(':'));
  });
});

/** The change type each `file:line` holds, as the export typed it. */
async function rawChangeTypes(sources: RegExpExecArray[]): Promise<string[]> {
  const warehouse = await Warehouse.open(db);
  try {
    const types: string[] = [];
    for (const [, path, line] of sources) {
      const row = await warehouse.one<{ change_type: string }>(`SELECT r.change_type FROM raw_change AS r
        JOIN ingest_file AS f USING (file_id) WHERE f.path = $path AND r.line_no = $line`,
        { path, line: Number(line) });
      types.push(row!.change_type);
    }
    return types;
  } finally {
    warehouse.close();
  }
}
