import { describe, expect, it } from 'vitest';
import { plural, pluralForm } from './plural.ts';

const hromadas = { one: 'громада', few: 'громади', many: 'громад' };
const flat = (s: string) => s.replace(/\s/g, ' ');

describe('plural', () => {
  it('follows the Ukrainian one / few / many rules, teens included', () => {
    expect([1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111].map((n) => pluralForm('uk', n, hromadas))).toEqual([
      'громада',
      'громади',
      'громади',
      'громад',
      'громад',
      'громад',
      'громад',
      'громада',
      'громади',
      'громад',
      'громада',
      'громад',
    ]);
  });

  it('groups the number as Ukrainian does: "1 303 громади", "1 469 громад"', () => {
    expect(flat(plural('uk', 1303, hromadas))).toBe('1 303 громади');
    expect(flat(plural('uk', 1469, hromadas))).toBe('1 469 громад');
    expect(flat(plural('uk', 0, hromadas))).toBe('0 громад');
  });

  it('uses the singular genitive for a fraction in Ukrainian and the plural in English', () => {
    expect(pluralForm('uk', 1.5, hromadas)).toBe('громади');
    expect(plural('en', 1, { one: 'hromada', many: 'hromadas' })).toBe('1 hromada');
    expect(plural('en', 1303, { one: 'hromada', many: 'hromadas' })).toBe('1,303 hromadas');
  });
});
