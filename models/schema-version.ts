// The version of the warehouse's schema and reference data: a hash of the DBML and of the files
// the reference tables are filled from. A warehouse that already holds this version is opened
// without parsing the DBML or refilling the tables, which keeps every command's start-up short.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SOURCES = ['warehouse.dbml', 'codes.ts', 'regions.ts', 'han-variants.ts'];
const PACKAGES = ['gb2260', 'opencc-js'];

let cached: string | undefined;

export function schemaVersion(): string {
  if (cached) return cached;
  const hash = createHash('sha256');
  for (const name of SOURCES) hash.update(readFileSync(fileURLToPath(new URL(name, import.meta.url))));
  for (const name of PACKAGES) hash.update(`${name}@${packageVersion(name)}`);
  cached = hash.digest('hex').slice(0, 16);
  return cached;
}

// Read from the installed package itself: the exports of some packages hide their package.json.
function packageVersion(name: string): string {
  try {
    const path = fileURLToPath(new URL(`../node_modules/${name}/package.json`, import.meta.url));
    return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
