// One decoding step for every uploaded or imported text file (issue #11 item 5): the command line and the upload
// API read the same bytes the same way, and a file in an encoding we do not read is refused with the encoding
// named, never stored garbled. Pure and DB-free, like the rest of parse/.
import { ParseError } from './csv.ts';

/** The encodings we read; the label is the WHATWG Encoding Standard's name, as `TextDecoder` takes it. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1251';

export interface DecodedText {
  /** The text, without a byte-order mark. */
  text: string;
  encoding: TextEncodingName;
  bom: boolean;
  /** Set when the file was converted from a legacy encoding: shown with the preview and the CLI's report. */
  warning: string | null;
}

const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((b, i) => bytes[i] === b);

/**
 * Decodes a text file: UTF-8 with or without BOM, UTF-16 LE/BE with BOM (what Excel's "Unicode text" writes),
 * and Windows-1251 when the bytes are not UTF-8 but read as Cyrillic text in it.
 *
 * Windows-1251 is converted, with a warning, rather than refused: Excel on a Ukrainian Windows saves
 * "CSV (comma delimited)" in the ANSI code page, which is Windows-1251, so the partners this atlas is for
 * produce such files every day. The conversion is exact (every byte of the code page maps to one Unicode
 * character, WHATWG Encoding Standard, windows-1251 index), and the warning plus the decoded names in the
 * preview let the user see that the names came out right before anything is committed. Any other bytes are
 * refused, naming what was found, because guessing among other single-byte code pages (KOI8-U, CP866,
 * Windows-1252) from a few names is unreliable and a wrong guess stores garbled names for everyone.
 */
export function decodeText(bytes: Uint8Array, { fileName }: { fileName: string }): DecodedText {
  if (startsWith(bytes, [0xff, 0xfe, 0x00, 0x00]) || startsWith(bytes, [0x00, 0x00, 0xfe, 0xff])) {
    throw new ParseError(
      `${fileName}: the file is UTF-32 (found its byte-order mark); save it as UTF-8 (CSV UTF-8 in Excel)`,
      fileName,
    );
  }
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return strict(bytes.subarray(3), 'utf-8', true, fileName);
  if (startsWith(bytes, [0xff, 0xfe])) return strict(bytes.subarray(2), 'utf-16le', true, fileName);
  if (startsWith(bytes, [0xfe, 0xff])) return strict(bytes.subarray(2), 'utf-16be', true, fileName);

  // Half of the bytes NUL: UTF-16 written without a byte-order mark (no other text file looks like this).
  const orphan = utf16WithoutBom(bytes);
  if (orphan) {
    throw new ParseError(
      `${fileName}: the file looks like UTF-16 ${orphan} without a byte-order mark; save it as UTF-8 ` +
        `(CSV UTF-8 in Excel) or as UTF-16 with its byte-order mark`,
      fileName,
    );
  }
  const utf8 = tryDecode(bytes, 'utf-8');
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8', bom: false, warning: null };

  const cp1251 = new TextDecoder('windows-1251').decode(bytes);
  if (looksLikeCyrillic(cp1251)) {
    return {
      text: cp1251,
      encoding: 'windows-1251',
      bom: false,
      warning:
        `${fileName} is not UTF-8: it was read as Windows-1251 (Cyrillic, as Excel saves "CSV" on a ` +
        `Ukrainian Windows) and converted; check that the names read correctly before you commit`,
    };
  }
  const at = firstInvalidUtf8(bytes);
  const shown = [...bytes.subarray(at, at + 4)].map((b) => `0x${b.toString(16).padStart(2, '0')}`).join(' ');
  throw new ParseError(
    `${fileName}: the file is not UTF-8 (byte ${at}: ${shown}), not UTF-16 with a byte-order mark, and does ` +
      `not read as Cyrillic Windows-1251 text; save it as UTF-8 (CSV UTF-8 in Excel)`,
    fileName,
  );
}

function tryDecode(bytes: Uint8Array, encoding: TextEncodingName): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

function strict(bytes: Uint8Array, encoding: TextEncodingName, bom: boolean, fileName: string): DecodedText {
  const text = tryDecode(bytes, encoding);
  if (text === null) {
    const what = encoding === 'utf-8' ? 'UTF-8' : `UTF-16 ${encoding.endsWith('le') ? 'LE' : 'BE'}`;
    throw new ParseError(
      `${fileName}: the file starts with a ${what} byte-order mark but is not valid ${what} after it`,
      fileName,
    );
  }
  return { text, encoding, bom, warning: null };
}

// In UTF-16 text that is mostly ASCII (CSV punctuation, digits, Latin hashtags) every other byte is 0.
function utf16WithoutBom(bytes: Uint8Array): 'LE' | 'BE' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 8) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const half = n / 2;
  if (odd > half * 0.3 && even < half * 0.05) return 'LE';
  if (even > half * 0.3 && odd < half * 0.05) return 'BE';
  return null;
}

// Cyrillic letters of Ukrainian and Russian in Windows-1251 (А–я, Ё ё Є є І і Ї ї Ґ ґ Ў ў).
const CYRILLIC = /[\u0400-\u045F\u0490\u0491]/u;
const LATIN = /[A-Za-z]/;

/**
 * Whether text decoded as Windows-1251 reads as Cyrillic: its non-ASCII characters are Cyrillic letters or
 * the code page's punctuation (№ « » – — ’ “ ” non-breaking space), and its words are not Latin with a stray
 * Cyrillic letter inside ("Cafй": a Western file whose é became й).
 */
export function looksLikeCyrillic(text: string): boolean {
  let cyrillic = 0;
  let other = 0;
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) continue;
    if (CYRILLIC.test(ch)) cyrillic++;
    else if (!/[\u00A0\u00AB\u00BB\u2013\u2014\u2019\u201C\u201D\u201E\u2116\u00B0]/u.test(ch)) other++;
  }
  if (cyrillic === 0 || other > cyrillic * 0.05) return false;
  let mixed = 0;
  let words = 0;
  for (const word of text.match(/[\p{L}]+/gu) ?? []) {
    if (![...word].some((c) => CYRILLIC.test(c))) continue;
    words++;
    if ([...word].some((c) => LATIN.test(c))) mixed++;
  }
  return mixed <= words * 0.1;
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  // Binary search for the longest valid prefix is overkill: files are small and this runs only on failure.
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const len =
      b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (len === 0 || tryDecode(bytes.subarray(i, i + len), 'utf-8') === null) return i;
    i += len;
  }
  return i;
}
