// The inbox: every file under a directory, at any depth, with its content hash. Files are known
// by their SHA-256, not their names; the job only reads here, never moves, edits or deletes.
// File names also carry facts a file may lack inside: the school code and the snapshot date.
// A workbook's sheets are parts of one file, each known as `path#sheet`.

import { createHash } from 'node:crypto';
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { maybeFormat, type Format } from './formats/index.js';

export interface InboxFile {
  /** Path relative to the inbox, with forward slashes; `book.xlsx#Sheet2` for a sheet. */
  path: string;
  absolutePath: string;
  size: number;
  sha256: string;
  fileId: string;
  format: Format | null;
  /** The path of the file this is a part of (a sheet's workbook); null for a whole file. */
  partOf: string | null;
  /** Why the entry cannot be read at all (not a regular file, no permission); null when it can. */
  problem?: string | null;
}

export async function readInbox(root: string): Promise<InboxFile[]> {
  const paths = (await listFiles(root)).sort();
  const files: InboxFile[] = [];
  for (const absolutePath of paths) files.push(await readInboxFile(root, absolutePath));
  return files;
}

// Every entry below the inbox that is not a folder, regular files or not: links and other
// entries are listed too, so they are reported rather than passed over in silence.
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? listFiles(path) : Promise.resolve([path]);
    }),
  );
  return nested.flat();
}

async function readInboxFile(root: string, absolutePath: string): Promise<InboxFile> {
  const problem = await maybeEntryProblem(absolutePath);
  if (problem) return problemFile(root, absolutePath, problem);
  let bytes: Buffer;
  try {
    bytes = await readFile(absolutePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    const fix = 'check its permissions, or whether it was still being copied';
    return problemFile(root, absolutePath, `the file cannot be read (${code}); ${fix}`);
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const path = relative(root, absolutePath).split(sep).join('/');
  return {
    path,
    absolutePath,
    size: bytes.length,
    sha256,
    fileId: fileVersionId(path, sha256),
    format: maybeFormat(absolutePath),
    partOf: null,
  };
}

/** One sheet of a workbook as a file version of its own: `book.xlsx#Sheet2`. */
export function inboxPart(file: InboxFile, sheet: string): InboxFile {
  const path = `${file.path}#${sheet}`;
  return { ...file, path, fileId: fileVersionId(path, file.sha256), partOf: file.path };
}

/** Whether a recorded path is a part of the file at `path` (a sheet of that workbook). */
export function isPartPath(recorded: string, path: string): boolean {
  return recorded.startsWith(`${path}#`);
}

async function maybeEntryProblem(absolutePath: string): Promise<string | null> {
  const entry = await lstat(absolutePath);
  if (entry.isSymbolicLink()) {
    return 'a symbolic link, not followed: copy the export itself into the inbox';
  }
  if (!entry.isFile()) return 'not a regular file';
  return null;
}

// An entry that cannot be read is still a version to record once: its path and its problem.
function problemFile(root: string, absolutePath: string, problem: string): InboxFile {
  const path = relative(root, absolutePath).split(sep).join('/');
  const sha256 = createHash('sha256').update(`unreadable\0${path}\0${problem}`).digest('hex');
  const fileId = fileVersionId(path, sha256);
  return { path, absolutePath, size: 0, sha256, fileId, format: null, partOf: null, problem };
}

/** A file version is its path and its bytes: the same bytes under two names are two versions. */
export function fileVersionId(path: string, sha256: string): string {
  return createHash('sha256').update(`${path}\0${sha256}`).digest('hex').slice(0, 16);
}

/** The first run of exactly 10 digits in the file's name: the school code, if any. */
export function maybeSchoolCodeFromName(path: string): string | null {
  const name = path.split('/').at(-1) ?? '';
  return /(?<!\d)(\d{10})(?!\d)/.exec(name)?.[1] ?? null;
}

/** The first date in the file's name (`2024-09-15`, `2024_09_15`, `20240915`), if any. */
export function maybeDateFromName(path: string): string | null {
  const name = path.split('/').at(-1) ?? '';
  const match =
    /(?<!\d)(20\d{2}|19\d{2})[-_.](\d{1,2})[-_.](\d{1,2})(?!\d)/.exec(name) ??
    /(?<!\d)(20\d{2}|19\d{2})(\d{2})(\d{2})(?!\d)/.exec(name);
  if (!match) return null;
  const [, year, month, day] = match;
  const iso = `${year}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}`;
  return isCalendarDate(iso) ? iso : null;
}

export function isCalendarDate(iso: string): boolean {
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso;
}
