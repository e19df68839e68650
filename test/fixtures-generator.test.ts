// The synthetic inbox generator: determinism, scale, encodings, exact per-file counts, and an
// answer key whose planted flags are exactly what a plain re-reading of rules.md §4 finds.

import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysBetween } from '../fixtures/generator/calendar.js';
import { auditInbox, type Finding } from '../fixtures/generator/audit.js';
import { generateInbox, writeFixtures, type AnswerKey } from '../fixtures/generator/index.js';
import type { Inbox } from '../fixtures/generator/inbox.js';
import { isValidResidentId, sexOfId } from '../fixtures/generator/resident-id.js';

const RULES = [
  'INVALID_REINSTATEMENT', 'UNFILED_CANCELLATION_REVERSED', 'EVENT_AFTER_DEATH',
  'EXAM_MIGRANT_LATE_TRANSFER', 'EXAM_MIGRANT_HUKOU_MOVE', 'MULTIPLE_ACTIVE_REGISTRATIONS',
  'PHANTOM_REGISTRATION', 'SCHOOL_LATE_TRANSFER_CLUSTER', 'id_sex_mismatch',
  'conflicting_attributes',
];

async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)).split(sep).join('/')).sort();
}

async function digests(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const path of await listFiles(root)) {
    out[path] = createHash('sha256').update(await readFile(join(root, path))).digest('hex');
  }
  return out;
}

function decode(bytes: Uint8Array, encoding: string): string {
  if (encoding === 'GB18030') return new TextDecoder('gb18030', { fatal: true }).decode(bytes);
  const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  return encoding === 'UTF-8-BOM' ? text.slice(1) : text;
}

/** RFC 4180 fields of one physical line (no field in the fixtures spans lines). */
function splitLine(line: string, delimiter: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') field += line[++i];
    else if (c === '"') quoted = !quoted;
    else if (c === delimiter && !quoted) fields.push(field), (field = '');
    else field += c;
  }
  return [...fields, field];
}

function delimiterOf(header: string): string {
  return ['\t', ';', '|', ','].find((d) => header.includes(d)) ?? ',';
}

const keyOf = (f: Finding): string =>
  [f.rule, f.severity, f.student_no, f.school_code, f.exam_year].join('|');

let dirA: string;
let dirB: string;
let key: AnswerKey;
let inbox: Inbox;

beforeAll(async () => {
  dirA = await mkdtemp(join(tmpdir(), 'xueji-fixtures-a-'));
  dirB = await mkdtemp(join(tmpdir(), 'xueji-fixtures-b-'));
  key = await writeFixtures({ out: dirA });
  await writeFixtures({ out: dirB });
  inbox = generateInbox();
}, 120_000);

afterAll(async () => {
  await rm(dirA, { recursive: true, force: true });
  await rm(dirB, { recursive: true, force: true });
});

describe('writeFixtures', () => {
  it('writes byte-identical inboxes and answer keys for the same seed', async () => {
    const [a, b] = [await digests(dirA), await digests(dirB)];
    expect(Object.keys(a).length).toBe(key.files.length + 1);
    expect(b).toEqual(a);
  });

  it('writes the answer key it returns, with the default options echoed', async () => {
    const onDisk = JSON.parse(await readFile(join(dirA, 'answer-key.json'), 'utf8'));
    expect(onDisk).toEqual(key);
    expect([key.seed, key.schools, key.students]).toEqual([42, 32, 6000]);
    expect(key.persons.length).toBe(6000);
  });

  it('lists every inbox file in the answer key exactly once', async () => {
    const onDisk = await listFiles(join(dirA, 'inbox'));
    expect(key.files.map((f) => f.path)).toEqual(onDisk);
  });

  it('writes one roster per school per snapshot and one change log per school per year', () => {
    const kinds = key.files.map((f) => f.kind);
    expect(key.snapshotDates).toEqual([
      '2021-09-15', '2022-03-15', '2022-09-15', '2023-03-15',
      '2023-09-15', '2024-03-15', '2024-09-15', '2025-03-15',
    ]);
    expect(kinds.filter((k) => k === 'roster').length).toBe(32 * 8);
    expect(kinds.filter((k) => k === 'changes').length).toBe(32 * 4);
    expect(kinds.filter((k) => k === 'schools').length).toBe(1);
  });

  it('gives another seed another population', () => {
    const other = generateInbox({ seed: 7, students: 1000 });
    const ids = new Set(key.persons.map((p) => p.id_no));
    expect(other.key.persons.filter((p) => ids.has(p.id_no)).length).toBeLessThan(10);
  });
});

describe('the synthetic inbox', () => {
  it('registers 32 schools in 4 provinces, with unique 10-digit codes', async () => {
    const text = await readFile(join(dirA, 'inbox', '学校名录.csv'), 'utf8');
    const [header, ...rows] = text.trimEnd().split('\n').map((l) => l.split(','));
    expect(header).toEqual(['学校标识码', '学校名称', '行政区划代码', '学段']);
    expect(rows.length).toBe(32);
    expect(new Set(rows.map((r) => r[0])).size).toBe(32);
    expect(rows.every((r) => /^\d{10}$/.test(r[0]!))).toBe(true);
    expect(new Set(rows.map((r) => r[2]!.slice(0, 2)))).toEqual(new Set(['41', '44', '46', '50']));
    expect(new Set(rows.map((r) => r[3]))).toEqual(new Set(['初中', '高中', '完全中学']));
  });

  it('holds at least 5,000 persons whose resident IDs all validate', () => {
    expect(key.persons.length).toBeGreaterThanOrEqual(5000);
    expect(key.persons.filter((p) => !isValidResidentId(p.id_no!))).toEqual([]);
    expect(key.persons.filter((p) => p.student_no !== `G${p.id_no}`)).toEqual([]);
    expect(key.persons.filter((p) => sexOfId(p.id_no!) !== p.sex)).toEqual([]);
    expect(new Set(key.persons.map((p) => p.id_no)).size).toBe(key.persons.length);
  });

  it('ends about 1% of resident IDs in X', () => {
    const share = key.persons.filter((p) => p.id_no!.endsWith('X')).length / key.persons.length;
    expect(share).toBeGreaterThan(0.005);
    expect(share).toBeLessThan(0.02);
  });

  it('includes all three encodings and GBK tab-separated text named .xls', async () => {
    const encodings = new Set(key.files.map((f) => f.encoding));
    expect(encodings).toEqual(new Set(['UTF-8', 'UTF-8-BOM', 'GB18030']));
    const gbk = key.files.filter((f) => f.encoding === 'GB18030');
    expect(gbk.every((f) => f.path.endsWith('.xls'))).toBe(true);
    const bytes = await readFile(join(dirA, 'inbox', gbk[0]!.path));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(decode(bytes, 'GB18030')).toContain('\txm\t');
  });

  it('starts BOM files with a BOM and no other file', async () => {
    for (const file of key.files) {
      const bytes = await readFile(join(dirA, 'inbox', file.path));
      const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
      expect([file.path, hasBom]).toEqual([file.path, file.encoding === 'UTF-8-BOM']);
    }
  });

  it('uses every delimiter the ingest detects', () => {
    const paths = key.files.map((f) => f.path);
    expect(paths.some((p) => /\/students_.*\.csv$/.test(p))).toBe(true);
    expect(paths.some((p) => /\/students_.*\.txt$/.test(p))).toBe(true);
  });
});

describe('the per-file counts', () => {
  it('satisfy read = loaded + rejected + skipped in every file', () => {
    const broken = key.files.filter((f) =>
      f.rows_read !== f.rows_loaded + f.rows_rejected + f.rows_skipped
      || f.rows_rejected !== f.rejects.length);
    expect(broken).toEqual([]);
  });

  it('load the schools file whole', () => {
    const schools = key.files.find((f) => f.kind === 'schools')!;
    expect(schools).toMatchObject({
      path: '学校名录.csv', encoding: 'UTF-8', rows_read: 32, rows_loaded: 32, rows_rejected: 0,
      rows_skipped: 0, school_code: null,
    });
  });

  it('match what a plain line reader finds in every file', async () => {
    for (const file of key.files) {
      const text = decode(await readFile(join(dirA, 'inbox', file.path)), file.encoding);
      const lines = text.split(/\r?\n/).slice(0, -1);
      const firstWide = lines.find((l) => /[\t;|,]\S/.test(l))!;
      const delimiter = file.kind === 'schools' ? ',' : delimiterOf(firstWide);
      const headerAt = lines.findIndex((l) => splitLine(l, delimiter).filter(Boolean).length >= 4);
      const header = lines[headerAt]!;
      const isSkipped = (l: string, i: number): boolean =>
        i < headerAt || l === '' || (i > headerAt && l === header) || /^(合计|共\d+人)/.test(l);
      const skipped = lines.filter(isSkipped);
      const rejectLines = new Set(file.rejects.map((r) => r.line));
      const width = splitLine(header, delimiter).length;
      const ragged = lines.filter((l, i) => i > headerAt && !isSkipped(l, i)
        && splitLine(l, delimiter).length !== width && !rejectLines.has(i + 1));
      expect([file.path, lines.length - 1, skipped.length, ragged]).toEqual(
        [file.path, file.rows_read, file.rows_skipped, []]);
    }
  });

  it('reject rows for each reason the ingest must give', () => {
    const reasons = new Set(key.files.flatMap((f) => f.rejects.map((r) => r.reason)));
    expect(reasons).toEqual(new Set([
      'mangled_by_spreadsheet', 'invalid_id_checksum', 'invalid_date', 'ragged_row',
      'missing_required',
    ]));
    expect(Math.max(...key.files.map((f) => f.rows_rejected))).toBeLessThanOrEqual(3);
  });

  it('skip title rows, blank lines, repeated headers and total rows somewhere', () => {
    const kinds = new Set(inbox.files.flatMap((f) => f.lines.map((l) => l.kind)));
    const all = ['title', 'header', 'blank', 'repeat', 'total', 'row', 'reject'];
    expect(kinds).toEqual(new Set(all));
  });
});

describe('the answer key', () => {
  it('has a positive and a negative control for every planted rule', () => {
    for (const rule of RULES) {
      expect([rule, key.flags.some((f) => f.rule === rule)]).toEqual([rule, true]);
      expect([rule, key.negativeControls.some((c) => c.rule === rule)]).toEqual([rule, true]);
    }
  });

  it('plants both severities of the late-transfer rule, with exam years', () => {
    const late = key.flags.filter((f) => f.rule === 'EXAM_MIGRANT_LATE_TRANSFER');
    expect(new Set(late.map((f) => f.severity))).toEqual(new Set(['high', 'medium']));
    const years = new Set(late.map((f) => f.exam_year));
    expect(years).toEqual(new Set([2023, 2024, 2025]));
  });

  it('names the school, not a person, on the cluster flag', () => {
    const cluster = key.flags.filter((f) => f.rule === 'SCHOOL_LATE_TRANSFER_CLUSTER');
    expect(cluster.map((f) => [f.student_no, f.exam_year, /^\d{10}$/.test(f.school_code!)]))
      .toEqual([[null, 2025, true]]);
  });

  it('holds exactly the flags a plain re-reading of the rules finds in the inbox', () => {
    const found = auditInbox(inbox).map(keyOf).sort();
    expect(found).toEqual(inbox.key.flags.map(keyOf).sort());
  });

  it('finds the planted flags again for other seeds and sizes', () => {
    const variants = [{ seed: 1, students: 2000 }, { seed: 2024, students: 12000, schools: 40 }];
    for (const options of variants) {
      const other = generateInbox(options);
      expect(auditInbox(other).map(keyOf).sort()).toEqual(other.key.flags.map(keyOf).sort());
    }
  }, 60_000);

  it('damages only background persons, each of whom keeps a loaded row', () => {
    const lines = inbox.files.flatMap((f) => f.lines);
    const loaded = new Set(lines.filter((l) => l.kind === 'row').map((l) => l.row?.roster?.person));
    const damaged = lines.filter((l) => l.kind === 'reject').map((l) => l.row!.roster!.person);
    expect(damaged.filter((p) => p.planted || !loaded.has(p))).toEqual([]);
  });

  it('lists every transfer of the background as paired and within one province', () => {
    const moves = inbox.world.persons.filter((p) => !p.planted).flatMap((p) => p.moves);
    expect(moves.length).toBeGreaterThan(100);
    expect(moves.filter((m) => !m.recorded || m.from.province !== m.to.province)).toEqual([]);
    const scopes = new Set(key.transfers.map((t) => t.scope));
    const all = ['same_county', 'same_prefecture', 'same_province', 'cross_province'];
    expect(scopes).toEqual(new Set(all));
  });

  it('pairs every recorded 转出 with a 转入 of the same person within 60 days', () => {
    for (const person of inbox.world.persons) {
      const outs = person.events.filter((e) => e.type === '转学（转出）');
      const ins = person.events.filter((e) => e.type === '转学（转入）');
      expect(outs.map((e) => e.to?.code)).toEqual(ins.map((e) => e.school.code));
      expect(outs.map((e) => e.school.code)).toEqual(ins.map((e) => e.from?.code));
      const gaps = outs.map((e, i) => Math.abs(daysBetween(e.date, ins[i]!.date)));
      expect(gaps.filter((g) => g > 60)).toEqual([]);
    }
  });
});
