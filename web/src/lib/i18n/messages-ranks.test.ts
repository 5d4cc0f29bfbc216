import { describe, expect, it } from 'vitest';
import { rankText } from './messages-ranks.ts';

// Issue #14: one denominator, stated, and a reason for every unit without a rank, in both languages.

const flat = (s: string) => s.replace(/\s/g, ' ');

describe('rankText', () => {
  it('states the rank among the comparable hromadas', () => {
    const u = { rank: 3, confidence: 0.42, unrankedReason: null };
    expect(flat(rankText(u, 1402, 'uk'))).toBe('Місце 3 з 1 402 порівнянних громад');
    expect(rankText(u, 1402, 'en')).toBe('Rank 3 of 1,402 comparable hromadas');
    expect(flat(rankText(u, 1402, 'uk', true))).toBe('3 з 1 402 порівнянних громад');
  });

  it('says why a unit has no rank', () => {
    const crimea = { rank: null, confidence: 0.11, unrankedReason: 'no_data_since_2014' as const };
    expect(rankText(crimea, 1402, 'uk')).toBe('Без місця: немає даних з 2014 р.');
    const kyiv = { rank: null, confidence: 0.11, unrankedReason: 'low_confidence' as const };
    expect(flat(rankText(kyiv, 1402, 'uk'))).toBe('Без місця: довіра 11 %');
    expect(rankText(kyiv, 1402, 'en')).toBe('Not ranked: confidence 11%');
  });
});
