import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ParseError, formatProblem, parseCsv, parseDate, parseNumber, requireColumns } from './csv.ts';
import { katottgToPcode, pcodeLevel } from '../../shared/pcode.ts';

// All CSV texts below are tiny hand-written fixtures, not real data.
const file = { fileName: 'fixture.csv' };

describe('parseCsv', () => {
  it('strips a UTF-8 BOM and trims headers', () => {
    const parsed = parseCsv('\uFEFF hromada_code , vpo_thsd\nUA05020030000031457,1.5\n', file);
    expect(parsed.headers).toEqual(['hromada_code', 'vpo_thsd']);
    expect(parsed.rows).toEqual([
      {
        rowNumber: 2,
        values: { hromada_code: 'UA05020030000031457', vpo_thsd: '1.5' },
        raw: ['UA05020030000031457', '1.5'],
      },
    ]);
    expect(parsed.delimiter).toBe(',');
  });

  it('detects ";" with CRLF, quoted fields and trailing empty lines', () => {
    const parsed = parseCsv('name;value\r\n"Київ; місто";"1 234,5"\r\n"a ""b""";2\r\n\r\n\r\n', file);
    expect(parsed.delimiter).toBe(';');
    expect(parsed.rows.map((r) => r.raw)).toEqual([
      ['Київ; місто', '1 234,5'],
      ['a "b"', '2'],
    ]);
    expect(parsed.problems).toEqual([]);
  });

  it('numbers rows as a spreadsheet does: blank lines and multi-line cells count once', () => {
    const parsed = parseCsv('a,b\n1,"two\nlines"\n\n3,4\n', file);
    expect(parsed.rows.map((r) => [r.rowNumber, r.values.a])).toEqual([
      [2, '1'],
      [4, '3'],
    ]);
  });

  it('reports ragged rows with their row numbers instead of throwing', () => {
    const parsed = parseCsv('a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n', file);
    expect(parsed.rows.map((r) => r.rowNumber)).toEqual([2, 5]);
    expect(parsed.problems).toEqual([
      { rowNumber: 3, reason: 'has 2 fields, the header has 3' },
      { rowNumber: 4, reason: 'has 4 fields, the header has 3' },
    ]);
  });

  it('keeps the first of duplicate headers in values, and is safe with prototype-like names', () => {
    const parsed = parseCsv('x,x,constructor\n1,2,3\n', file);
    expect(parsed.rows[0]?.values).toEqual({ x: '1', constructor: '3' });
    expect(parsed.rows[0]?.raw).toEqual(['1', '2', '3']);
  });

  it('reports a row with malformed quotes and keeps the rest', () => {
    const parsed = parseCsv('a,b\n"x"y",2\n3,4\n', file);
    expect(parsed.rows.map((r) => r.rowNumber)).toEqual([3]);
    expect(parsed.problems).toEqual([
      { rowNumber: 2, reason: 'malformed quotes: Trailing quote on quoted field is malformed' },
    ]);
  });

  it('rejects other delimiters, empty files and unterminated quotes', () => {
    expect(() => parseCsv('a\tb\n1\t2\n', file)).toThrow(
      /fixture\.csv: cannot detect the delimiter.*found tabs/,
    );
    expect(() => parseCsv('a|b\n', file)).toThrow(/found '\|'/);
    expect(() => parseCsv('\uFEFF\n\n', file)).toThrow('fixture.csv: file is empty');
    expect(() => parseCsv('a,b\n1,2\n3,"oops\n5,6\n', file)).toThrow(
      /fixture\.csv: row 3: quoted field is never closed/,
    );
  });
});

describe('requireColumns', () => {
  const spec = { hromadaCode: ['hromada_code', 'katottg'], idps: ['vpo_thsd', 'idps'] };

  it('matches header variants ignoring case, spaces, underscores and hyphens', () => {
    const parsed = parseCsv('KATOTTG,VPO-thsd\nUA05020030000031457,-3.4\n', file);
    const cols = requireColumns(parsed, spec);
    expect(cols.columns).toEqual({ hromadaCode: 'KATOTTG', idps: 'VPO-thsd' });
    const row = parsed.rows[0]!;
    expect(cols.get(row, 'idps')).toBe('-3.4');
    expect(requireColumns(parseCsv('Hromada Code;x\n', file), { code: ['hromada_code'] }).columns.code).toBe(
      'Hromada Code',
    );
  });

  it('lists every missing field with its accepted variants and the file name', () => {
    const parsed = parseCsv('name,population\n', file);
    let error: unknown;
    try {
      requireColumns(parsed, spec);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ParseError);
    expect((error as ParseError).message).toBe(
      'fixture.csv: missing required columns: hromadaCode (accepted: "hromada_code", "katottg"); ' +
        'idps (accepted: "vpo_thsd", "idps"). Headers found: "name", "population"',
    );
  });
});

describe('parseNumber', () => {
  it.each([
    ['1234.5', 1234.5],
    ['-3.4', -3.4],
    ['1e-4', 1e-4],
    ['2.547e+09', 2.547e9],
    [' 42 ', 42],
  ])('reads %j', (input, expected) => {
    expect(parseNumber(input)).toEqual({ ok: true, value: expected });
  });

  it.each(['', 'NA', 'N/A', 'null', '-', 'na'])('treats %j as missing (null, never 0)', (input) => {
    expect(parseNumber(input)).toEqual({ ok: true, value: null });
  });

  it('accepts a decimal comma when asked or when the file is ";"-delimited', () => {
    expect(parseNumber('1 234,5', { decimalComma: true })).toEqual({ ok: true, value: 1234.5 });
    expect(parseNumber('1234,5', { delimiter: ';' })).toEqual({ ok: true, value: 1234.5 });
    expect(parseNumber('-0,75', { delimiter: ';' })).toEqual({ ok: true, value: -0.75 });
    expect(parseNumber('1\u00A0234\u00A0567', { delimiter: ';' })).toEqual({ ok: true, value: 1234567 });
    expect(parseNumber('1.5', { delimiter: ';' })).toEqual({ ok: true, value: 1.5 });
    expect(parseNumber('1.234,5', { delimiter: ';' }).ok).toBe(false);
  });

  it('reads a quoted "12,5" from a ","-delimited file, but not a lookalike thousands group', () => {
    expect(parseNumber('12,5', { delimiter: ',' })).toEqual({ ok: true, value: 12.5 });
    expect(parseNumber('0,125')).toEqual({ ok: true, value: 0.125 });
    expect(parseNumber('1,234')).toEqual({
      ok: false,
      reason: '"1,234" is ambiguous: decimal comma or thousands separator?',
    });
    expect(parseNumber('1,2,3').ok).toBe(false);
    expect(parseNumber('1 234,5').ok).toBe(false);
  });

  it.each(['12abc', '1.2.3', 'Infinity', 'NaN', '1e999', '+', '0x10'])(
    'rejects %j naming the value',
    (input) => {
      const result = parseNumber(input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toContain(`"${input}"`);
    },
  );
});

describe('parseDate', () => {
  it.each([
    ['2024-03-01', '2024-03-01'],
    ['01.03.2024', '2024-03-01'],
    ['1.3.2024', '2024-03-01'],
    ['2024', '2024-01-01'],
    ['2024-02-29', '2024-02-29'],
  ])('reads %j as %j', (input, expected) => {
    expect(parseDate(input)).toEqual({ ok: true, value: expected });
  });

  it('treats missing tokens as null', () => {
    expect(parseDate('NA')).toEqual({ ok: true, value: null });
  });

  it.each(['2023-02-29', '31.04.2024', '2024-13-01', '2024/03/01', '03/01/2024', '24', 'soon'])(
    'rejects %j',
    (input) => {
      const result = parseDate(input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toContain(`"${input}"`);
    },
  );
});

describe('codes', () => {
  it('formats a problem with file, row and field', () => {
    expect(
      formatProblem('x.csv', {
        rowNumber: 7,
        field: '#reached',
        value: '-3',
        reason: 'must not be negative',
      }),
    ).toBe('x.csv row 7, field "#reached" ("-3"): must not be negative');
  });
});

// The real KSE file, only when the local data mirror is available (see shared/data/SOURCES.md §3).
const mirror = process.env.ATLAS_DATA_MIRROR;
describe('real data', () => {
  it.skipIf(!mirror)(
    'parses kse-loc-data-hub/vpo_budget.csv: 1,440 rows, net IDP counts can be negative',
    () => {
      const text = readFileSync(path.join(mirror ?? '', 'kse-loc-data-hub/vpo_budget.csv'), 'utf8');
      const parsed = parseCsv(text, { fileName: 'vpo_budget.csv' });
      const cols = requireColumns(parsed, { idps: ['vpo_thsd'], code: ['hromada_code'] });
      expect(parsed.problems).toEqual([]);
      expect(parsed.rows).toHaveLength(1440);
      const idps = parsed.rows.map((r) => parseNumber(cols.get(r, 'idps'), { delimiter: parsed.delimiter }));
      expect(idps.every((r) => r.ok)).toBe(true);
      expect(idps.some((r) => r.ok && r.value !== null && r.value < 0)).toBe(true);
      expect(parsed.rows.every((r) => pcodeLevel(katottgToPcode(cols.get(r, 'code'))) === 'hromada')).toBe(
        true,
      );
    },
  );
});
