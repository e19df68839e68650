// Delimited text exports (.csv, .tsv, .txt, and the national system's tab-separated text saved
// with an .xls name): decoded by encoding.ts, split into physical lines, and the header found
// under any title rows with whichever of the four delimiters names the most columns. One part
// per file; a line number is the file's own line.

import { readFile } from 'node:fs/promises';
import { detectLayout } from '../layout.js';
import { splitLines } from '../staging.js';
import { decodeOrFail, UnreadableFile, type Part } from './part.js';

export async function readText(path: string): Promise<Part[]> {
  return parseText(await readFile(path));
}

export function parseText(bytes: Uint8Array): Part[] {
  const workbook = maybeBinaryWorkbook(bytes);
  if (workbook) throw new UnreadableFile(workbook);
  const { encoding, text } = decodeOrFail(bytes);
  const lines = splitLines(text);
  const layout = detectLayout(lines);
  const delimiter = layout.kind ? layout.delimiter : null;
  return [{ sheet: null, encoding, lines, firstLine: 1, layout, delimiter, rejects: [] }];
}

// A real workbook under a text name would otherwise fail as undecodable bytes on some line,
// which sends the clerk looking for a bad character that is not there.
function maybeBinaryWorkbook(bytes: Uint8Array): string | null {
  const starts = (...magic: number[]) => magic.every((byte, i) => bytes[i] === byte);
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) {
    return 'a binary Excel 97-2003 workbook, which is not read; ' +
      'save it as .xlsx or as Unicode text';
  }
  if (starts(0x50, 0x4b, 0x03, 0x04)) {
    return 'an .xlsx workbook (or another zip file) under a text name; rename it to .xlsx';
  }
  return null;
}
