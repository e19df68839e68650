// Rewrites a decoded export as the UTF-8 file DuckDB reads: the same lines in the same places,
// each record's first line prefixed with its line number, so every loaded row keeps the line it
// came from. Noise lines (titles, blanks, repeated headers, totals) are emptied and counted here,
// and a quote that never closes rejects its line without swallowing the rest of the file.

import { mapHeader } from './header-aliases.js';
import { splitHeader, type Layout } from './layout.js';

export interface LineReject {
  line: number;
  reason: 'unbalanced_quote' | 'malformed_record';
  raw: string;
}

export interface StageOptions {
  /** Line number of lines[0]: 1, or 0 when lines[0] is a header made from keys (JSON, Parquet). */
  firstLine?: number;
  /** Records the reader already rejected (a malformed NDJSON line): read and rejected, not staged. */
  rejects?: LineReject[];
}

export interface Staged {
  text: string;
  /** Records after the header line, and the lines above it: loaded + rejected + skipped. */
  rowsRead: number;
  rowsSkipped: number;
  rejects: LineReject[];
}

const TOTAL_ROW = /^["'\s]*(合计|总计|小计|共计|共\s*\d+\s*人)/;

// Line ends as files really have them: LF, CRLF, a CRLF converted twice (CR CR LF), or the bare
// CR of old Mac exports. Each counts as one line end, so line numbers match what an editor shows.
export function splitLines(text: string): string[] {
  const lines = text.split(/\r*\n|\r/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

export function stageFile(lines: string[], layout: Layout, options: StageOptions = {}): Staged {
  const firstLine = options.firstLine ?? 1;
  const rejected = new Map((options.rejects ?? []).map((r) => [r.line, r]));
  const out: string[] = new Array(lines.length).fill('');
  const staged: Staged = { text: '', rowsRead: 0, rowsSkipped: 0, rejects: [] };
  staged.rowsRead = staged.rowsSkipped = layout.headerIndex;
  const isNoise = noiseTest(lines[layout.headerIndex] ?? '', layout.delimiter);
  let index = layout.headerIndex + 1;
  while (index < lines.length) {
    const line = (lines[index] ?? '').replace(/^\uFEFF/, '');
    staged.rowsRead++;
    const reject = rejected.get(index + firstLine);
    if (reject) {
      staged.rejects.push(reject);
      index++;
      continue;
    }
    if (isNoise(line)) {
      staged.rowsSkipped++;
      index++;
      continue;
    }
    index = stageRecord(lines, index, { line, firstLine }, layout, out, staged);
  }
  staged.text = out.join('\n') + '\n';
  return staged;
}

// Copies one record (one line, or several when a quoted field holds line breaks) into `out`
// and returns the index of the line after it.
function stageRecord(
  lines: string[],
  start: number,
  { line: first, firstLine }: { line: string; firstLine: number },
  layout: Layout,
  out: string[],
  staged: Staged,
): number {
  let end = start;
  let open = hasOpenQuote(first, false);
  while (open && end + 1 < lines.length) {
    end++;
    open = hasOpenQuote(lines[end] ?? '', open);
  }
  if (open || (end > start && !fitsHeader(lines, start, end, layout))) {
    staged.rejects.push({ line: start + firstLine, reason: 'unbalanced_quote', raw: first });
    return start + 1;
  }
  out[start] = `${start + firstLine}${layout.delimiter}${first}`;
  for (let i = start + 1; i <= end; i++) out[i] = lines[i] ?? '';
  return end + 1;
}

// A record that spans lines is a quoted line break only if it then has the header's number of
// fields; otherwise a stray quote swallowed the lines after it, and only its own line is bad.
function fitsHeader(lines: string[], start: number, end: number, layout: Layout): boolean {
  const record = lines.slice(start, end + 1).join('\n');
  let fields = 1;
  let quoted = false;
  for (const ch of record) {
    if (ch === '"') quoted = !quoted;
    else if (ch === layout.delimiter && !quoted) fields++;
  }
  return fields === layout.headers.length;
}

function hasOpenQuote(line: string, open: boolean): boolean {
  let state = open;
  for (let at = line.indexOf('"'); at !== -1; at = line.indexOf('"', at + 1)) state = !state;
  return state;
}

// Blank lines, total rows and repeats of the header. Most lines are data, so the cheap tests
// come first and the header signature is computed only for lines that start like the header.
function noiseTest(header: string, delimiter: string): (line: string) => boolean {
  const blank = new RegExp(`^[\\s${delimiter}]*$`); // all four delimiters are literal in a class
  const headerKey = headerSignature(header, delimiter);
  const firstHeaderCell = mapHeader([firstCell(header, delimiter)])[0];
  return (line) => {
    if (blank.test(line) || TOTAL_ROW.test(line)) return true;
    if (mapHeader([firstCell(line, delimiter)])[0] !== firstHeaderCell) return false;
    return headerSignature(line, delimiter) === headerKey;
  };
}

function firstCell(line: string, delimiter: string): string {
  const end = line.indexOf(delimiter);
  return (end === -1 ? line : line.slice(0, end)).replace(/^\uFEFF/, '');
}

function headerSignature(line: string, delimiter: string): string {
  return mapHeader(splitHeader(line, delimiter)).join('|');
}
