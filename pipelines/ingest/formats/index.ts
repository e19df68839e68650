// The formats of inputs.md §3 and the reader of each. A file's format follows from its extension
// alone. Every reader has the same two functions, `read<Format>(path)` for the I/O and
// `parse<Format>(content)` for the rest, and gives back the same parts of delimited lines, so
// ingest after this point is one pipeline whatever the format.

import { extname } from 'node:path';
import { readJson } from './json.js';
import { readNdjson } from './ndjson.js';
import { readParquet } from './parquet.js';
import type { Part } from './part.js';
import { readText } from './text.js';

export type Format = 'csv' | 'tsv' | 'txt' | 'xls-text' | 'xlsx' | 'json' | 'ndjson' | 'parquet';

const FORMAT_BY_EXTENSION: Record<string, Format> = {
  '.csv': 'csv',
  '.tsv': 'tsv',
  '.txt': 'txt',
  '.xls': 'xls-text',
  '.xlsx': 'xlsx',
  '.json': 'json',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
  '.parquet': 'parquet',
};

const READERS: Record<Format, (path: string) => Promise<Part[]>> = {
  csv: readText,
  tsv: readText,
  txt: readText,
  'xls-text': readText,
  // exceljs is large; it is loaded the first time a workbook arrives.
  xlsx: async (path) => (await import('./xlsx.js')).readXlsx(path),
  json: readJson,
  ndjson: readNdjson,
  parquet: readParquet,
};

/** The extensions read, for the message on a file that is not one of them. */
export const EXTENSIONS = Object.keys(FORMAT_BY_EXTENSION);

export function maybeFormat(path: string): Format | null {
  return FORMAT_BY_EXTENSION[extname(path).toLowerCase()] ?? null;
}

/** The parts of a file; throws UnreadableFile when the file as a whole cannot be read. */
export function readParts(format: Format, path: string): Promise<Part[]> {
  return READERS[format](path);
}
