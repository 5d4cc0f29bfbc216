import { describe, expect, it } from 'vitest';
import {
  breakDigits,
  formatNumber,
  formatPercent,
  formatPeriod,
  formatTimestampDate,
  formatValue,
  unitLabel,
} from './format.ts';
import { MESSAGES } from './messages.ts';

// Intl output uses narrow no-break spaces; compare with plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatValue', () => {
  it('shows shares as percentages', () => {
    expect(plain(formatValue(0.2346, 'share (0–1)', 'uk'))).toBe('23 %');
    expect(formatValue(0.2346, 'share (0–1)', 'en')).toBe('23%');
    expect(plain(formatValue(0.003, 'share (0–1)', 'uk'))).toBe('0,3 %');
  });

  it('reads flags as yes and no', () => {
    expect(formatValue(1, 'flag (0/1)', 'uk')).toBe('так');
    expect(formatValue(0, 'flag (0/1)', 'en')).toBe('no');
  });

  it('groups thousands and adds the unit in the interface language', () => {
    expect(plain(formatValue(1421125, 'persons', 'uk'))).toBe('1 421 125 осіб');
    expect(formatValue(1421125, 'persons', 'en')).toBe('1,421,125 persons');
    expect(plain(formatValue(20.65, 'km', 'uk'))).toBe('20,7 км');
  });

  it('writes a true minus and never "−0"', () => {
    expect(plain(formatValue(-203.4, 'per 1,000 residents', 'uk'))).toBe('−203 на 1000 мешканців');
    expect(formatNumber(-0.0001, 'en', 1)).toBe('0');
    expect(formatValue(-0.00001, 'share (0–1)', 'en')).toBe('0%');
  });

  it('shows an unknown unit as the API writes it', () => {
    expect(formatValue(3.14159, 'widgets', 'en')).toBe('3.14 widgets');
    expect(unitLabel('widgets', 'uk')).toBe('widgets');
  });

  it('leaves the unit out of compact values and scores', () => {
    expect(formatValue(2.4178, 'score', 'uk')).toBe('2,4');
    expect(formatValue(3, 'score', 'en')).toBe('3.0');
    expect(formatValue(3, 'score', 'en', { compact: true })).toBe('3');
    expect(formatValue(120, 'km', 'en', { compact: true })).toBe('120');
  });
});

describe('formatPeriod', () => {
  it('shows a year, a month and a day in the interface language', () => {
    expect(formatPeriod('2022', 'uk')).toBe('2022');
    expect(formatPeriod('2022-09', 'en')).toBe('September 2022');
    expect(formatPeriod('2023-07-25', 'en')).toBe('25 Jul 2023');
    expect(formatPeriod('2023-07-25', 'uk')).toMatch(/^25 лип\. 2023/);
    expect(formatPeriod(null, 'uk')).toBe('—');
    expect(formatPeriod('soon', 'uk')).toBe('soon');
  });
});

describe('formatPercent', () => {
  it('rounds to whole percent', () => {
    expect(formatPercent(0.4128, 'en')).toBe('41%');
  });
});

describe('messages', () => {
  it('has every message in both languages', () => {
    expect(Object.keys(MESSAGES.en).sort()).toEqual(Object.keys(MESSAGES.uk).sort());
    for (const lang of ['uk', 'en'] as const)
      for (const [k, v] of Object.entries(MESSAGES[lang])) expect(v, `${lang}.${k}`).not.toBe('');
  });
});

describe('breakDigits', () => {
  it('adds digits only where two bounds would print the same', () => {
    expect(breakDigits([0, 0.001, 0.996, 1], 'share (0–1)', 'en')).toBe(1);
    expect(breakDigits([0, 20, 40, 60], 'km', 'en')).toBeUndefined();
    expect(breakDigits([100.2, 100.4], 'km', 'en')).toBe(1);
  });
});

describe('formatTimestampDate', () => {
  it('gives the date of a timestamp as the footer and the profile show it', () => {
    // Midday UTC: the same calendar day in every time zone from UTC−11 to UTC+11.
    expect(plain(formatTimestampDate('2026-11-21T12:00:00.000Z', 'en'))).toBe('21 Nov 2026');
    expect(plain(formatTimestampDate('2026-11-21T12:00:00.000Z', 'uk'))).toBe('21 лист. 2026 р.');
  });
});

describe('units of the data in Ukrainian (issue #14, item 8)', () => {
  const flat = (s: string) => s.replace(/\s/g, ' ');
  it('writes every unit of data/indicators.json in Ukrainian, counts with their plural forms', () => {
    expect(flat(formatValue(1, 'agreements', 'uk'))).toBe('1 угода');
    expect(flat(formatValue(3, 'agreements', 'uk'))).toBe('3 угоди');
    expect(flat(formatValue(1, 'persons', 'uk'))).toBe('1 особа');
    expect(flat(formatValue(1303, 'persons', 'uk'))).toBe('1 303 особи');
    expect(flat(formatValue(0.87, 'declarations per resident', 'uk'))).toBe('0,87 декларацій на мешканця');
    expect(flat(formatValue(769, 'thousand UAH (2015 prices) per 10,000 residents', 'uk'))).toBe(
      '769 тис. грн (у цінах 2015 р.) на 10 000 мешканців',
    );
    expect(formatValue(2, 'councils', 'en')).toBe('2 councils');
  });
});
