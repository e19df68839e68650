// The part of ingest that looks at one file on its own, before DuckDB reads it: decode it, find
// its header and kind, settle its school and snapshot date, and write the staged UTF-8 copy.
// A file that cannot be read comes back as a failure with its reason; it never throws.

import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeText, DecodeError, type Encoding } from './encoding.js';
import type { Kind } from './header-aliases.js';
import { maybeDateFromName, maybeSchoolCodeFromName, type InboxFile } from './inbox.js';
import { detectLayout, type Layout } from './layout.js';
import { splitLines, stageFile, type Staged } from './staging.js';

export interface PreparedFile {
  file: InboxFile;
  encoding: Encoding;
  layout: Layout;
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

export async function prepareFile(
  file: InboxFile,
  stagingDir: string,
  asOf: string | null,
): Promise<PreparedFile | FailedFile> {
  if (!file.format) return unrecognised(file, 'not a data file (extension not .csv/.tsv/.txt/.xls)');
  const decoded = maybeDecoded(file, await readFile(file.absolutePath));
  if ('error' in decoded) return decoded;
  const lines = splitLines(decoded.text);
  const schoolFromName = maybeSchoolCodeFromName(file.path);
  const layout = detectLayout(lines);
  if (layout.kind === null) {
    const headers = layout.headers.slice(0, 12).join(', ');
    return failed(file, decoded.encoding, null, `unknown kind: headers were ${headers}`);
  }
  if (layout.kind !== 'schools' && !schoolFromName && !layout.columns.includes('school_code')) {
    return failed(file, decoded.encoding, layout.kind, 'no school: add a 学校标识码 column or put ' +
      'the 10-digit school code in the file name');
  }
  const dateFromName = maybeDateFromName(file.path);
  const snapshotDate = dateFromName ?? (layout.kind === 'roster' ? asOf : null);
  if (layout.kind === 'roster' && !snapshotDate && !layout.columns.includes('snapshot_date')) {
    return failed(file, decoded.encoding, layout.kind, 'no snapshot date: name the file with the ' +
      'export date (e.g. 2024-09-15), add a 导出日期 column, or run with --as-of');
  }
  const staged = stageFile(lines, layout);
  const stagedPath = join(stagingDir, `${file.fileId}.csv`);
  await writeFile(stagedPath, staged.text);
  return { file, encoding: decoded.encoding, layout, staged, stagedPath, schoolCode: schoolFromName, snapshotDate };
}

function maybeDecoded(file: InboxFile, bytes: Buffer) {
  try {
    return decodeText(bytes);
  } catch (error) {
    if (!(error instanceof DecodeError)) throw error;
    const fix = 'save it again as UTF-8 (or as Excel "Unicode text")';
    return failed(file, null, null, `line ${error.line}: ${error.message}; ${fix}`);
  }
}

function failed(file: InboxFile, encoding: Encoding | null, kind: Kind | null, error: string): FailedFile {
  return { file, status: 'failed', encoding, kind, error };
}

function unrecognised(file: InboxFile, error: string): FailedFile {
  return { file, status: 'unrecognised', encoding: null, kind: null, error };
}

export function isPrepared(result: PreparedFile | FailedFile): result is PreparedFile {
  return 'staged' in result;
}
