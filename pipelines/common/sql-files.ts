// The SQL transforms live in sql/, one file per produced table; this reads them by name.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SQL_DIR = new URL('../../sql/', import.meta.url);
const cache = new Map<string, string>();

export function readSql(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(fileURLToPath(new URL(`${name}.sql`, SQL_DIR)), 'utf8');
    cache.set(name, text);
  }
  return text;
}
