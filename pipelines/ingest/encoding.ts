// Decodes an export to text, detecting its encoding in the order inputs.md §3 gives: a BOM, then
// strict UTF-8, then GB18030 (a superset of GBK). Decoding is strict everywhere, so no
// replacement character (U+FFFD) is ever produced; bytes no candidate takes fail the file.

export type Encoding = 'UTF-8' | 'UTF-8-BOM' | 'UTF-16LE' | 'UTF-16BE' | 'GB18030';

export interface Decoded {
  encoding: Encoding;
  text: string;
}

export class DecodeError extends Error {
  constructor(readonly line: number) {
    super('the bytes are not valid UTF-8, GB18030 or UTF-16 text');
  }
}

export function decodeText(bytes: Uint8Array): Decoded {
  const bom = maybeBomEncoding(bytes);
  if (bom) return { encoding: bom.encoding, text: strictDecode(bom.label, bytes.subarray(bom.size)) };
  for (const [encoding, label] of [['UTF-8', 'utf-8'], ['GB18030', 'gb18030']] as const) {
    const text = maybeDecode(label, bytes);
    if (text !== null) return { encoding, text };
  }
  throw new DecodeError(firstBadLine(bytes));
}

function maybeBomEncoding(bytes: Uint8Array) {
  const [a, b, c] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) {
    return { encoding: 'UTF-8-BOM' as const, label: 'utf-8', size: 3 };
  }
  if (a === 0xff && b === 0xfe) return { encoding: 'UTF-16LE' as const, label: 'utf-16le', size: 2 };
  if (a === 0xfe && b === 0xff) return { encoding: 'UTF-16BE' as const, label: 'utf-16be', size: 2 };
  return null;
}

function strictDecode(label: string, bytes: Uint8Array): string {
  const text = maybeDecode(label, bytes);
  if (text === null) throw new DecodeError(firstBadLine(bytes));
  return text;
}

function maybeDecode(label: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

// The first line that neither UTF-8 nor GB18030 decodes, so the clerk knows where to look.
function firstBadLine(bytes: Uint8Array): number {
  let start = 0;
  let line = 1;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== 0x0a) continue;
    const slice = bytes.subarray(start, i);
    if (maybeDecode('utf-8', slice) === null && maybeDecode('gb18030', slice) === null) return line;
    start = i + 1;
    line++;
  }
  return line - 1;
}
