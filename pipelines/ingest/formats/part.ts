// What every format's reader hands to the rest of ingest: the file, or one sheet of a workbook, as
// lines of delimited text with the layout found in them. Title rows, noise rows, staging, loading
// and the checks are then one pipeline whatever the format. Line numbers are the ones a clerk can
// find: the file's line, the sheet's row, the record's place in a JSON array or a Parquet file.

import { decodeText, DecodeError, type Decoded, type Encoding } from '../encoding.js';
import { detectLayout, DELIMITERS, type Delimiter } from '../layout.js';
import type { Layout, UnknownLayout } from '../layout.js';
import type { LineReject } from '../staging.js';

export interface Part {
  /** The sheet's name for a workbook; null when the file is read as one part. */
  sheet: string | null;
  /** The detected text encoding; null for binary formats (xlsx, Parquet), whose text is Unicode. */
  encoding: Encoding | null;
  lines: string[];
  /** Line number of lines[0]: 1, or 0 when lines[0] is a header made from keys (JSON, Parquet). */
  firstLine: number;
  layout: Layout | UnknownLayout;
  /** The file's own delimiter; null when the reader chose one for lines it wrote itself. */
  delimiter: Delimiter | null;
  /** Records the reader could not make sense of (a malformed NDJSON line), by line number. */
  rejects: LineReject[];
}

/** A record of a keyed format: its line number and its values in header order. */
export interface TableRow {
  line: number;
  cells: string[];
}

/** The whole file cannot be read; the message says why and what the school should do. */
export class UnreadableFile extends Error {
  constructor(
    message: string,
    readonly encoding: Encoding | null = null,
  ) {
    super(message);
  }
}

/** Decodes text the way text exports are decoded (encoding.ts), failing the file with its line. */
export function decodeOrFail(bytes: Uint8Array): Decoded {
  try {
    return decodeText(bytes);
  } catch (error) {
    if (!(error instanceof DecodeError)) throw error;
    const fix = 'save it again as UTF-8 (or as Excel "Unicode text")';
    throw new UnreadableFile(`line ${error.line}: ${error.message}; ${fix}`);
  }
}

/**
 * A table of named columns (JSON keys, Parquet columns) as a part: line 0 is a header made from
 * the names, each row sits at its own line number, and lines no row fills stay blank (noise).
 */
export function partFromTable(
  header: string[],
  rows: TableRow[],
  lineCount: number,
  options: { encoding: Encoding | null; rejects?: LineReject[] },
): Part {
  const delimiter = chooseDelimiter([header]);
  const lines: string[] = new Array(lineCount + 1).fill('');
  lines[0] = formatLine(header, delimiter);
  for (const row of rows) lines[row.line] = formatLine(row.cells, delimiter);
  const layout = detectLayout(lines.slice(0, 1), [delimiter]);
  const { encoding, rejects = [] } = options;
  return { sheet: null, encoding, lines, firstLine: 0, layout, delimiter: null, rejects };
}

/**
 * The first delimiter no cell contains. Header rows are split naively (layout.ts), so the
 * delimiter must not occur in them; other cells are quoted where needed and may hold anything.
 */
export function chooseDelimiter(rows: string[][]): Delimiter {
  const used = (d: string) => rows.some((cells) => cells.some((cell) => cell.includes(d)));
  return DELIMITERS.find((d) => !used(d)) ?? DELIMITERS[0];
}

/** Cells as one CSV record in the dialect staging and DuckDB read: `"` quotes, `""` escapes. */
export function formatLine(cells: string[], delimiter: Delimiter): string {
  return cells.map((cell) => formatField(cell, delimiter)).join(delimiter);
}

function formatField(cell: string, delimiter: Delimiter): string {
  if (!cell.includes(delimiter) && !/["\r\n]/.test(cell)) return cell;
  return `"${cell.replace(/"/g, '""')}"`;
}
