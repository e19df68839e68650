// Finds where an export's header row is and which delimiter it uses. Exports may carry title rows
// above the header, so the first lines are tried in turn with each delimiter; the line and
// delimiter that name the most canonical columns, and make a known kind, win.

import { mapHeader, maybeKind, type Kind } from './header-aliases.js';

export const DELIMITERS = [',', '\t', ';', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** How many leading lines are searched for the header row. */
const HEADER_SEARCH_LINES = 20;

export interface Layout {
  /** Index (0-based) of the header line among the file's lines. */
  headerIndex: number;
  delimiter: Delimiter;
  headers: string[];
  /** Canonical column per position, null for columns the model does not use. */
  columns: (string | null)[];
  kind: Kind;
}

export interface UnknownLayout {
  kind: null;
  headers: string[];
}

/** `delimiters`: the ones to try; a reader that wrote the lines itself passes the one it used. */
export function detectLayout(
  lines: string[],
  delimiters: readonly Delimiter[] = DELIMITERS,
): Layout | UnknownLayout {
  let best: Layout | null = null;
  let bestScore = 0;
  for (let index = 0; index < Math.min(lines.length, HEADER_SEARCH_LINES); index++) {
    for (const delimiter of delimiters) {
      const candidate = maybeLayout(lines[index] ?? '', index, delimiter);
      const score = candidate ? candidate.columns.filter(Boolean).length : 0;
      if (candidate && score > bestScore) [best, bestScore] = [candidate, score];
    }
  }
  const fallback = guessDelimiter(lines, delimiters);
  return best ?? { kind: null, headers: splitHeader(firstNonBlank(lines), fallback) };
}

function maybeLayout(line: string, headerIndex: number, delimiter: Delimiter): Layout | null {
  if (!line.includes(delimiter)) return null;
  const headers = splitHeader(line, delimiter);
  const columns = mapHeader(headers);
  const kind = maybeKind(new Set(columns.filter((c): c is string => c !== null)));
  return kind ? { headerIndex, delimiter, headers, columns, kind } : null;
}

/** Header cells: headers are never quoted across lines, so a plain split is enough. */
export function splitHeader(line: string, delimiter: string): string[] {
  return line
    .replace(/^\uFEFF/, '')
    .split(delimiter)
    .map((cell) => cell.trim().replace(/^"(.*)"$/, '$1'));
}

function firstNonBlank(lines: string[]): string {
  return lines.find((line) => line.trim() !== '') ?? '';
}

function guessDelimiter(lines: string[], delimiters: readonly Delimiter[]): Delimiter {
  const line = firstNonBlank(lines);
  const counts = delimiters.map((d) => line.split(d).length);
  return delimiters[counts.indexOf(Math.max(...counts))] ?? ',';
}
