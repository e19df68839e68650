// JSON exports (.json): one array of records (objects), decoded like text exports (GB18030 too)
// and read in JS rather than by DuckDB's read_json, which has no per-record reject report: an
// element that is not an object is rejected with its place while the others load. JSON.parse would
// round 410105200503010017 to a double, so every number is kept as the text the file wrote. A
// record's line number is its 1-based position in the array; line 0 is the header of the keys.

import { readFile } from 'node:fs/promises';
import type { LineReject } from '../staging.js';
import { decodeOrFail, partFromTable, UnreadableFile, type Part, type TableRow } from './part.js';

export type JsonRecord = Record<string, unknown>;

export async function readJson(path: string): Promise<Part[]> {
  return parseJson(await readFile(path));
}

export function parseJson(bytes: Uint8Array): Part[] {
  const { encoding, text } = decodeOrFail(bytes);
  const value = parseExactJson(text, encoding);
  if (!Array.isArray(value)) {
    const fix = 'export the records as [{…}, {…}]';
    throw new UnreadableFile(`not an array of records; ${fix}`, encoding);
  }
  const records: { line: number; record: JsonRecord }[] = [];
  const rejects: LineReject[] = [];
  value.forEach((element, i) => {
    if (isJsonRecord(element)) records.push({ line: i + 1, record: element });
    else rejects.push({ line: i + 1, reason: 'malformed_record', raw: JSON.stringify(element) });
  });
  if (records.length === 0) {
    throw new UnreadableFile('the array holds no records (objects)', encoding);
  }
  return [partFromRecords(records, value.length, encoding, rejects)];
}

/** Records as a table: the keys in the order first seen are the header, absent keys are empty. */
export function partFromRecords(
  records: { line: number; record: JsonRecord }[],
  lineCount: number,
  encoding: Part['encoding'],
  rejects: LineReject[],
): Part {
  const header = [...new Set(records.flatMap(({ record }) => Object.keys(record)))];
  const rows: TableRow[] = records.map(({ line, record }) => ({
    line,
    cells: header.map((key) => formatJsonValue(record[key])),
  }));
  return partFromTable(header, rows, lineCount, { encoding, rejects });
}

/**
 * JSON.parse with every number kept as the text the file wrote: number tokens outside strings are
 * quoted first. Quoting adds quotes in pairs, so text that was not JSON still fails to parse.
 */
export function parseExactJson(text: string, encoding: Part['encoding'] = null): unknown {
  const quoted = text.replace(/"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g, (token) =>
    token.startsWith('"') ? token : `"${token}"`);
  try {
    return JSON.parse(quoted);
  } catch {
    const fix = 'check the brackets, quotes and commas there and export again';
    throw new UnreadableFile(`not valid JSON: ${describeJsonError(text)}; ${fix}`, encoding);
  }
}

export function maybeExactJson(text: string): unknown {
  try {
    return parseExactJson(text);
  } catch {
    return undefined;
  }
}

export function isJsonRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function formatJsonValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

// Where the text stops being JSON, as a line and column a clerk can find; the parser's own wording
// differs between Node versions, so only its position is used.
function describeJsonError(text: string): string {
  try {
    JSON.parse(text);
    return 'the numbers cannot be read';
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message)?.[1];
    if (position === undefined) return 'it ends before every bracket and quote is closed';
    const before = text.slice(0, Number(position)).split('\n');
    return `at line ${before.length}, column ${before.at(-1)!.length + 1}`;
  }
}
