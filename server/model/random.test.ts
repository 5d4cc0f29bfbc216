import { describe, expect, it } from 'vitest';
import { mulberry32, randomInt } from './random.ts';

describe('mulberry32', () => {
  it('is reproducible from its seed and differs between seeds', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(xs);
  });

  it('draws uniformly from [0, 1)', () => {
    const random = mulberry32(7);
    const bins = new Array<number>(10).fill(0);
    const n = 100_000;
    let inRange = true;
    for (let i = 0; i < n; i++) {
      const x = random();
      inRange &&= x >= 0 && x < 1;
      bins[Math.floor(x * 10)]! += 1;
    }
    expect(inRange).toBe(true);
    // Each bin expects 10,000 ± 95 (sd); 5 sd either way would be a broken generator.
    for (const count of bins) expect(Math.abs(count - n / 10)).toBeLessThan(500);
  });

  it('randomInt covers [0, n)', () => {
    const random = mulberry32(1);
    const seen = new Set(Array.from({ length: 200 }, () => randomInt(random, 5)));
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4]);
  });
});
