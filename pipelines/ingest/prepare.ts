// The part of ingest that looks at one file on its own, before DuckDB reads it: read it through
// its format's reader into parts (the file, or each sheet of a workbook) of delimited lines, then
// for each part settle its kind, school and snapshot date and write the staged UTF-8 copy.
// A workbook loads every sheet whose header makes a kind and reports its other sheets; when no
// sheet does, the file fails on its first sheet. Failures come back with their reason, not thrown.

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Encoding } from './encoding.js';
import { EXTENSIONS, readParts } from './formats/index.js';
import { UnreadableFile, type Part } from './formats/part.js';
import type { Kind } from './header-aliases.js';
import { inboxPart, maybeDateFromName, maybeSchoolCodeFromName, type InboxFile } from './inbox.js';
import type { Delimiter, Layout } from './layout.js';
import { stageFile, type Staged } from './staging.js';

export interface PreparedFile {
  /** The file, or for a sheet the part (`book.xlsx#Sheet2`) as a file version of its own. */
  file: InboxFile;
  encoding: Encoding | null;
  layout: Layout;
  /** The header's line number; null when the header is made from keys (JSON, Parquet). */
  headerLine: number | null;
  /** The file's own delimiter; null for formats that have none (xlsx, JSON, Parquet). */
  delimiter: Delimiter | null;
  staged: Staged;
  stagedPath: string;
  schoolCode: string | null;
  snapshotDate: string | null;
}

export interface FailedFile {
  file: InboxFile;
  status: 'failed' | 'unrecognised';
  encoding: Encoding | null;
  kind: Kind | null;
  error: string;
}

type Prepared = PreparedFile | FailedFile;

type NameFacts = { schoolCode: string | null; snapshotDate: string | null } | { error: string };

export async function prepareFile(
  file: InboxFile,
  stagingDir: string,
  asOf: string | null,
): Promise<Prepared[]> {
  if (file.problem) return [{ file, status: 'failed', encoding: null, kind: null, error: file.problem }];
  if (!file.format) {
    return [unrecognised(file, null, `not a data file (extension not ${EXTENSIONS.join('/')})`)];
  }
  const parts = await maybeParts(file);
  if (!Array.isArray(parts)) return [parts];

  const first = parts[0]!;
  if (!parts.some((part) => part.layout.kind)) {
    return [failed(file, first.encoding, null, `unknown kind: ${describeHeaders(first)}`)];
  }

  const results: Prepared[] = [];
  for (const part of parts) {
    const partFile = part.sheet === null ? file : inboxPart(file, part.sheet);
    results.push(await preparePart(partFile, part, stagingDir, asOf));
  }
  return results;
}

async function maybeParts(file: InboxFile): Promise<Part[] | FailedFile> {
  try {
    return await readParts(file.format!, file.absolutePath);
  } catch (error) {
    if (!(error instanceof UnreadableFile)) throw error;
    return failed(file, error.encoding, null, error.message);
  }
}

async function preparePart(
  file: InboxFile,
  part: Part,
  stagingDir: string,
  asOf: string | null,
): Promise<Prepared> {
  const { layout, encoding } = part;
  if (layout.kind === null) {
    return unrecognised(file, encoding, 'not a roster, changes log or schools registry: ' +
      `${describeHeaders(part)}; left alone`);
  }
  const facts = maybeSchoolAndDate(file, layout, asOf);
  if ('error' in facts) return failed(file, encoding, layout.kind, facts.error);

  const { lines, firstLine, rejects, delimiter } = part;
  const staged = stageFile(lines, layout, { firstLine, rejects });
  const stagedPath = join(stagingDir, `${file.fileId}.csv`);
  await writeFile(stagedPath, staged.text);
  const headerLine = firstLine === 0 ? null : layout.headerIndex + firstLine;
  return { file, encoding, layout, headerLine, delimiter, staged, stagedPath, ...facts };
}

// The school and snapshot date the file's name gives (for a sheet: the file's name, then the
// sheet's), or why the part cannot load without them.
function maybeSchoolAndDate(file: InboxFile, layout: Layout, asOf: string | null): NameFacts {
  const schoolCode = maybeSchoolCodeFromName(file.path);
  if (layout.kind !== 'schools' && !schoolCode && !layout.columns.includes('school_code')) {
    return { error: 'no school: add a 学校标识码 column or put the 10-digit school code in ' +
      'the file name' };
  }
  const snapshotDate = maybeDateFromName(file.path) ?? (layout.kind === 'roster' ? asOf : null);
  if (layout.kind === 'roster' && !snapshotDate && !layout.columns.includes('snapshot_date')) {
    return { error: 'no snapshot date: name the file with the export date (e.g. 2024-09-15), ' +
      'add a 导出日期 column, or run with --as-of' };
  }
  return { schoolCode, snapshotDate };
}

// Where no header row is found, the first line is usually a student's record: a line holding
// numbers or dates is described, never quoted, so no ID or name reaches a log or the manifest.
function describeHeaders(part: Part): string {
  const cells = part.layout.headers.filter((h) => h !== '');
  const where = part.sheet === null ? 'headers' : `headers of sheet "${part.sheet}"`;
  if (cells.some((cell) => /\d{4}/.test(cell))) {
    return `no header row found: the first line holds values (${cells.length} fields), not ` +
      'headers; add the header row (姓名, 全国学籍号, 学籍状态, …)';
  }
  return `${where} were ${cells.slice(0, 12).join(', ') || '(none)'}`;
}

function failed(
  file: InboxFile,
  encoding: Encoding | null,
  kind: Kind | null,
  error: string,
): FailedFile {
  return { file, status: 'failed', encoding, kind, error };
}

function unrecognised(file: InboxFile, encoding: Encoding | null, error: string): FailedFile {
  return { file, status: 'unrecognised', encoding, kind: null, error };
}

export function isPrepared(result: Prepared): result is PreparedFile {
  return 'staged' in result;
}
