// Newline-delimited JSON exports (.ndjson, .jsonl): one object per line, decoded like text
// exports and parsed line by line in JS (json.ts says why not read_json). A record's line number
// is its physical line; a line that is not a JSON object is rejected as `malformed_record` with
// that number and the rest of the file loads. Blank lines are noise, skipped and counted.

import { readFile } from 'node:fs/promises';
import { splitLines, type LineReject } from '../staging.js';
import { isJsonRecord, maybeExactJson, partFromRecords, type JsonRecord } from './json.js';
import { decodeOrFail, UnreadableFile, type Part } from './part.js';

export async function readNdjson(path: string): Promise<Part[]> {
  return parseNdjson(await readFile(path));
}

export function parseNdjson(bytes: Uint8Array): Part[] {
  const { encoding, text } = decodeOrFail(bytes);
  const lines = splitLines(text);
  const records: { line: number; record: JsonRecord }[] = [];
  const rejects: LineReject[] = [];
  lines.forEach((raw, i) => {
    if (raw.trim() === '') return;
    const value = maybeExactJson(raw);
    if (isJsonRecord(value)) records.push({ line: i + 1, record: value });
    else rejects.push({ line: i + 1, reason: 'malformed_record', raw });
  });
  if (records.length === 0) {
    const fix = 'write one record {…} per line';
    throw new UnreadableFile(`no line holds a JSON object; ${fix}`, encoding);
  }
  return [partFromRecords(records, lines.length, encoding, rejects)];
}
