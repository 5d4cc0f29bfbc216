import { describe, expect, it } from 'vitest';
import { sparkLine } from './spark-geometry.ts';

describe('sparkLine', () => {
  it('draws the values across the width on a fixed domain, top = high', () => {
    const s = sparkLine([0, 5, 10], 43, 13, [0, 10]);
    expect(s.path).toBe('M1.5 11.5 L21.5 6.5 L41.5 1.5');
    expect(s.last).toEqual({ x: 41.5, y: 1.5 });
    expect([s.first, s.end]).toEqual([0, 10]);
  });

  it('breaks the line where a date has no value', () => {
    const s = sparkLine([1, null, 3, 4], 33, 13);
    expect(s.path.match(/M/g)).toHaveLength(2);
    expect(s.path.startsWith('M1.5 11.5')).toBe(true);
  });

  it('is empty without values and flat for a constant series', () => {
    expect(sparkLine([null, null], 40, 12).path).toBe('');
    const flat = sparkLine([2, 2], 43, 13);
    expect(flat.path).toBe('M1.5 6.5 L41.5 6.5');
  });
});
