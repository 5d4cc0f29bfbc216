import { describe, expect, it } from 'vitest';
import { isDataException } from './data-exception.ts';
import { findNul } from './nul-guard.ts';
import { IdParam, IdValue, INT4_MAX, isCalendarDate, IsoDate, IsoInstant, Text } from './schemas.ts';

// Issue #11, item 4: the values that reached PostgreSQL and came back as a 500.

describe('IsoDate', () => {
  it('takes calendar days and refuses impossible ones instead of rolling them over', () => {
    for (const ok of ['2024-02-29', '2025-12-31', '0001-01-01', '9999-12-31'])
      expect(IsoDate.safeParse(ok).success, ok).toBe(true);
    for (const bad of [
      '2024-02-30',
      '2023-02-29',
      '2024-13-01',
      '2024-00-10',
      '2024-04-31',
      '24-01-01',
      '2024-1-1',
      '',
    ])
      expect(IsoDate.safeParse(bad).success, bad).toBe(false);
    expect(isCalendarDate('2024-02-30')).toBe(false);
  });
});

describe('IsoInstant', () => {
  it('reads dates and date-times as UTC', () => {
    expect(IsoInstant.parse('2026-11-21')).toBe('2026-11-21T00:00:00.000Z');
    expect(IsoInstant.parse('2026-11-21T12:00:00Z')).toBe('2026-11-21T12:00:00.000Z');
    expect(IsoInstant.parse('2026-11-21T12:00:00+02:00')).toBe('2026-11-21T10:00:00.000Z');
  });

  it('refuses what Date.parse would have taken: rolled-over days, bare numbers, years PostgreSQL cannot hold', () => {
    for (const bad of [
      '2024-02-30',
      '1',
      '99999',
      '+275760-09-13',
      '0000-01-01',
      '2024-02-29T24:00:00Z',
      'yesterday',
    ])
      expect(IsoInstant.safeParse(bad).success, bad).toBe(false);
  });
});

describe('Text', () => {
  it('refuses NUL and other control characters, keeps tabs, line breaks and any script', () => {
    const text = Text();
    for (const ok of ['Кам’янець-Подільський', 'line\nbreak\tand tab\r\n', '🏳️‍🌈', ''])
      expect(text.safeParse(ok).success, JSON.stringify(ok)).toBe(true);
    for (const bad of ['a\u0000b', '\u0000', 'bell\u0007', 'esc\u001b[0m', 'del\u007f'])
      expect(text.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });

  it('single-line text refuses line breaks and tabs too, and the message names the character', () => {
    expect(Text({ singleLine: true }).safeParse('a\nb').success).toBe(false);
    expect(Text().safeParse('bell\u0007').error?.issues[0]?.message).toBe(
      'contains the control character U+0007 at position 5',
    );
  });
});

describe('ids', () => {
  it("fit PostgreSQL's integer, in parameters and in bodies", () => {
    expect(IdParam().parse('2147483647')).toBe(INT4_MAX);
    for (const bad of ['2147483648', '99999999999999999999', '1e308', '0', '-1', '1.5', 'abc'])
      expect(IdParam().safeParse(bad).success, bad).toBe(false);
    expect(IdValue().safeParse(INT4_MAX).success).toBe(true);
    for (const bad of [INT4_MAX + 1, 1e308, 0, -1, 1.5])
      expect(IdValue().safeParse(bad).success, String(bad)).toBe(false);
  });
});

describe('findNul', () => {
  it('names where a NUL is in a JSON body: a string or a key, at any depth', () => {
    expect(findNul({ a: 'ok', b: [1, 'x'] })).toBeNull();
    expect(findNul({ sites: [{ pcode: 'UA\u0000' }] })).toBe('sites.0.pcode');
    expect(findNul({ weights: { 'a\u0000': 1 } })).toBe('weights.a\\0');
    expect(findNul('\u0000')).toBe('(body)');
  });
});

describe('isDataException', () => {
  it('is true for SQLSTATE class 22 only', () => {
    for (const code of ['22P02', '22003', '22008', '22007', '22021', '22P05'])
      expect(isDataException({ code }), code).toBe(true);
    for (const code of ['23505', '08006', '57P01', 'ECONNREFUSED', 22003])
      expect(isDataException({ code }), String(code)).toBe(false);
    expect(isDataException(null)).toBe(false);
    expect(isDataException(new Error('x'))).toBe(false);
  });
});
