import { describe, expect, it } from 'vitest';
import { ageFactor, ageInYears, intervalFactor, periodStart } from './confidence.ts';

const settings = { referenceDate: '2025-01-01', fullConfidenceAgeYears: 1, zeroConfidenceAgeYears: 5 };

describe('periodStart', () => {
  it('reads a year, a month or a day as its first instant (UTC)', () => {
    expect(periodStart('2022')).toBe(Date.UTC(2022, 0, 1));
    expect(periodStart('2024-04')).toBe(Date.UTC(2024, 3, 1));
    expect(periodStart('2024-04-16')).toBe(Date.UTC(2024, 3, 16));
  });

  it('rejects anything else', () => {
    expect(() => periodStart('22')).toThrow(/not a period/);
    expect(() => periodStart('2024-02-30')).toThrow(/not a calendar date/);
    expect(() => periodStart('2024-13')).toThrow(/not a calendar date/);
  });
});

describe('ageFactor', () => {
  it('is 1 up to the full-confidence age, including periods after the reference date', () => {
    expect(ageFactor('2024-06', settings)).toBe(1);
    expect(ageFactor('2024', settings)).toBe(1); // exactly one year old, leap day or not
    expect(ageFactor('2026', settings)).toBe(1);
  });

  it('falls linearly to 0 at the zero-confidence age', () => {
    // 2022-01-01 → 2025-01-01 is 3 years: 1 − (3 − 1)/(5 − 1) = 0.5.
    expect(ageInYears('2022', settings.referenceDate)).toBe(3);
    expect(ageFactor('2022', settings)).toBe(0.5);
    // 2023-07-02 is day 182 of 365 → 2023.4986; age 1.5014 → 1 − 0.5014/4.
    expect(ageInYears('2023-07-02', settings.referenceDate)).toBeCloseTo(2 - 182 / 365, 12);
    expect(ageFactor('2023-07-02', settings)).toBeCloseTo(1 - (1 - 182 / 365) / 4, 12);
    expect(ageInYears('2025-03', settings.referenceDate)).toBeCloseTo(-59 / 365, 12);
    expect(ageFactor('2019-12-31', settings)).toBe(0);
    expect(ageFactor('2010', settings)).toBe(0);
  });

  it('is 0 for an unknown period', () => {
    expect(ageFactor(null, settings)).toBe(0);
  });
});

describe('intervalFactor', () => {
  const precision = { intervalWidthForZero: 0.5, intervalFloor: 0.25 };

  it('is 1 without an interval and for a zero-width one', () => {
    expect(intervalFactor(null, 10, precision)).toBe(1);
    expect(intervalFactor(0, 10, precision)).toBe(1);
  });

  it('falls linearly with the width as a share of the goalpost range', () => {
    // 1 − (1/10)/0.5 = 0.8; the same share of a 0–100 range gives the same factor.
    expect(intervalFactor(1, 10, precision)).toBeCloseTo(0.8, 12);
    expect(intervalFactor(10, 100, precision)).toBeCloseTo(0.8, 12);
    expect(intervalFactor(2.5, 10, precision)).toBeCloseTo(0.5, 12);
    expect(intervalFactor(2, 10, precision)).toBeGreaterThan(intervalFactor(3, 10, precision));
  });

  it('never goes below the floor, however wide the interval', () => {
    expect(intervalFactor(4, 10, precision)).toBe(0.25);
    expect(intervalFactor(10, 10, precision)).toBe(0.25);
    expect(intervalFactor(3.75, 10, { intervalWidthForZero: 0.5, intervalFloor: 0 })).toBeCloseTo(0.25, 12);
  });

  it('refuses a negative or non-finite width', () => {
    expect(() => intervalFactor(-1, 10, precision)).toThrow(/at least 0, got -1/);
    expect(() => intervalFactor(Number.NaN, 10, precision)).toThrow(/finite/);
  });
});
