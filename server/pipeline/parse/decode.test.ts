import { describe, expect, it } from 'vitest';
import { ParseError } from './csv.ts';
import { decodeText, looksLikeCyrillic } from './decode.ts';

// FIXTURE bytes, written by hand: the header and one row of a 5W sheet in each encoding partners send.
const CSV = '#org,#sector,#adm3+code,#date+start\nГромадська спілка «Єдність»,Захист,UA0502003,2025-01-01\n';
const file = { fileName: 'fixture.csv' };

function utf16(text: string, order: 'le' | 'be'): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[i * 2] = order === 'le' ? c & 0xff : c >> 8;
    out[i * 2 + 1] = order === 'le' ? c >> 8 : c & 0xff;
  }
  return out;
}

// Windows-1251 by its table (WHATWG index): А–я are 0xC0–0xFF, and the Ukrainian letters and quotes below.
const CP1251_EXTRA: Record<string, number> = {
  Є: 0xaa,
  є: 0xba,
  І: 0xb2,
  і: 0xb3,
  Ї: 0xaf,
  ї: 0xbf,
  '«': 0xab,
  '»': 0xbb,
};
function cp1251(text: string): Uint8Array {
  return Uint8Array.from([...text], (ch) => {
    const c = ch.charCodeAt(0);
    if (c < 0x80) return c;
    if (c >= 0x410 && c <= 0x44f) return c - 0x410 + 0xc0;
    const b = CP1251_EXTRA[ch];
    if (b === undefined) throw new Error(`no ${ch} in the fixture table`);
    return b;
  });
}
const concat = (...parts: (number[] | Uint8Array)[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

describe('decodeText (issue #11 item 5)', () => {
  it('reads UTF-8 without and with a BOM', () => {
    const plain = new TextEncoder().encode(CSV);
    expect(decodeText(plain, file)).toEqual({ text: CSV, encoding: 'utf-8', bom: false, warning: null });
    expect(decodeText(concat([0xef, 0xbb, 0xbf], plain), file)).toEqual({
      text: CSV,
      encoding: 'utf-8',
      bom: true,
      warning: null,
    });
  });

  it('reads UTF-16 LE and BE with their BOM', () => {
    expect(decodeText(concat([0xff, 0xfe], utf16(CSV, 'le')), file)).toMatchObject({
      text: CSV,
      encoding: 'utf-16le',
    });
    expect(decodeText(concat([0xfe, 0xff], utf16(CSV, 'be')), file)).toMatchObject({
      text: CSV,
      encoding: 'utf-16be',
    });
  });

  it('converts Windows-1251 Cyrillic with a warning that names the encoding', () => {
    const decoded = decodeText(cp1251(CSV), file);
    expect(decoded.text).toBe(CSV);
    expect(decoded.encoding).toBe('windows-1251');
    expect(decoded.warning).toMatch(/fixture\.csv is not UTF-8: it was read as Windows-1251/);
  });

  it('refuses other bytes, naming what it found', () => {
    // Latin-1 "Café" (0xE9): not UTF-8, and "Cafй" is not Cyrillic text.
    const latin1 = concat(new TextEncoder().encode('#org,#sector\nCaf'), [0xe9, 0x2c, 0x78, 0x0a]);
    expect(() => decodeText(latin1, file)).toThrow(ParseError);
    expect(() => decodeText(latin1, file)).toThrow(
      /not UTF-8 \(byte 16: 0xe9 0x2c 0x78 0x0a\).*Windows-1251/,
    );
    expect(() => decodeText(Uint8Array.from([0xff, 0xfe, 0, 0, 0x23, 0, 0, 0]), file)).toThrow(/UTF-32/);
    expect(() => decodeText(utf16(CSV, 'le'), file)).toThrow(/UTF-16 LE without a byte-order mark/);
    expect(() => decodeText(concat([0xef, 0xbb, 0xbf], [0xc3, 0x28]), file)).toThrow(
      /UTF-8 byte-order mark but is not valid UTF-8/,
    );
  });

  it('keeps a NUL byte inside UTF-8 text for the row checks to report', () => {
    expect(decodeText(new TextEncoder().encode('a,b\n1\u0000,2\n'), file).text).toBe('a,b\n1\u0000,2\n');
  });
});

describe('looksLikeCyrillic', () => {
  it('takes Ukrainian words and refuses Latin words with a stray Cyrillic letter', () => {
    expect(looksLikeCyrillic('Вінницька міська громада, «Єдність» – №5')).toBe(true);
    expect(looksLikeCyrillic('Café, Zürich, Cafй')).toBe(false);
    expect(looksLikeCyrillic('plain ASCII')).toBe(false);
  });
});
