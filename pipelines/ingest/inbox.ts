// The inbox: every file under a directory, at any depth, with its content hash. Files are known
// by their SHA-256, not their names; the job only reads here, never moves, edits or deletes.
// File names also carry facts a file may lack inside: the school code and the snapshot date.

import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';

export interface InboxFile {
  /** Path relative to the inbox, with forward slashes. */
  path: string;
  absolutePath: string;
  size: number;
  sha256: string;
  fileId: string;
  format: TextFormat | null;
}

export type TextFormat = 'csv' | 'tsv' | 'txt' | 'xls-text';

const TEXT_FORMATS: Record<string, TextFormat> = {
  '.csv': 'csv',
  '.tsv': 'tsv',
  '.txt': 'txt',
  '.xls': 'xls-text',
};

export async function readInbox(root: string): Promise<InboxFile[]> {
  const paths = (await listFiles(root)).sort();
  const files: InboxFile[] = [];
  for (const absolutePath of paths) files.push(await readInboxFile(root, absolutePath));
  return files;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return listFiles(path);
      return Promise.resolve(entry.isFile() ? [path] : []);
    }),
  );
  return nested.flat();
}

async function readInboxFile(root: string, absolutePath: string): Promise<InboxFile> {
  const bytes = await readFile(absolutePath);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return {
    path: relative(root, absolutePath).split(sep).join('/'),
    absolutePath,
    size: bytes.length,
    sha256,
    fileId: fileVersionId(relative(root, absolutePath).split(sep).join('/'), sha256),
    format: TEXT_FORMATS[extname(absolutePath).toLowerCase()] ?? null,
  };
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
