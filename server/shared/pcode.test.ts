import { describe, expect, it } from 'vitest';
import { katottgToPcode, pcodeLevel } from './pcode.ts';

describe('codes', () => {
  it('cuts a KATOTTG code to the COD-AB hromada pcode', () => {
    expect(katottgToPcode('UA05020030000031457')).toBe('UA0502003');
    expect(() => katottgToPcode('UA0502003')).toThrow('"UA0502003" is not a KATOTTG code');
    expect(() => katottgToPcode('UA0502003000003145X')).toThrow(/not a KATOTTG/);
  });

  it.each([
    ['UA05', 'oblast'],
    ['UA0502', 'raion'],
    ['UA0502003', 'hromada'],
    ['UA05020030000031457', null],
    ['UA050', null],
    ['ua0502003', null],
    ['', null],
  ])('pcodeLevel(%j) = %j', (code, level) => {
    expect(pcodeLevel(code)).toBe(level);
  });
});
