import { describe, expect, it } from 'vitest';
import { benjaminiHochberg, normalTwoSidedP, quantileSorted } from './statistics.ts';

describe('benjaminiHochberg', () => {
  it('matches R p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.5), "BH")', () => {
    // Sorted: 0.005, 0.01, 0.03, 0.04, 0.5 → p·m/rank = 0.025, 0.025, 0.05, 0.05, 0.5, then the running
    // minimum from the largest down leaves them as they are: 0.025 0.050 0.050 0.025 0.500 in input order.
    const q = benjaminiHochberg([0.01, 0.04, 0.03, 0.005, 0.5]);
    [0.025, 0.05, 0.05, 0.025, 0.5].forEach((expected, i) => expect(q[i]).toBeCloseTo(expected, 12));
  });

  it('enforces monotonicity: a larger p never gets a smaller q', () => {
    // p·m/rank = 0.04, 0.03 → the first is lowered to the second's 0.03.
    const q = benjaminiHochberg([0.02, 0.03]);
    expect(q[0]).toBeCloseTo(0.03, 12);
    expect(q[1]).toBeCloseTo(0.03, 12);
  });

  it('skips nulls, which are not tests, and caps q at 1', () => {
    const q = benjaminiHochberg([null, 0.01, null, 0.9, 0.8]);
    expect(q[0]).toBeNull();
    expect(q[2]).toBeNull();
    expect(q[1]).toBeCloseTo(0.03, 12); // m = 3
    expect(q[3]).toBeCloseTo(0.9, 12);
    expect(q[4]).toBeCloseTo(0.9, 12);
    expect(benjaminiHochberg([1, 1])).toEqual([1, 1]);
  });

  it('gives tied p-values one q, as R does: p.adjust(c(0.01, 0.02, 0.02, 0.02, 0.6), "BH")', () => {
    // p·m/rank = 0.05, 0.05, 0.0333, 0.025, 0.6 → running minimum from the largest: 0.025 for every 0.02
    // and for the 0.01 before them. R: 0.025 0.025 0.025 0.025 0.600.
    const q = benjaminiHochberg([0.02, 0.6, 0.01, 0.02, 0.02]);
    [0.025, 0.6, 0.025, 0.025, 0.025].forEach((expected, i) => expect(q[i]).toBeCloseTo(expected, 12));
  });

  it('agrees with the definition on many random p-values with ties (brute force)', () => {
    let seed = 3;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const p = Array.from({ length: 400 }, () => (random() < 0.1 ? null : Math.round(random() * 50) / 50));
    const tested = p.filter((x): x is number => x !== null);
    const m = tested.length;
    const sorted = [...tested].sort((a, b) => a - b);
    // q(p) = min over ranks j whose p(j) ≥ p of min(1, p(j)·m/j).
    const expected = p.map((x) =>
      x === null ? null : Math.min(1, ...sorted.flatMap((pj, j) => (pj >= x ? [(pj * m) / (j + 1)] : []))),
    );
    benjaminiHochberg(p).forEach((q, i) =>
      expected[i] === null ? expect(q).toBeNull() : expect(q).toBeCloseTo(expected[i]!, 12),
    );
  });
});

describe('normalTwoSidedP', () => {
  it('agrees with the normal table to 1e-7', () => {
    expect(normalTwoSidedP(0)).toBeCloseTo(1, 7);
    expect(normalTwoSidedP(1.959963984540054)).toBeCloseTo(0.05, 7);
    expect(normalTwoSidedP(-2.5758293035489)).toBeCloseTo(0.01, 7);
    expect(normalTwoSidedP(1)).toBeCloseTo(0.3173105078629141, 7);
    expect(normalTwoSidedP(6)).toBeCloseTo(1.973175e-9, 12);
  });
});

describe('quantileSorted', () => {
  it('interpolates like R quantile(type = 7)', () => {
    const x = [1, 2, 3, 4, 10];
    expect(quantileSorted(x, 0.5)).toBe(3);
    expect(quantileSorted(x, 0.05)).toBeCloseTo(1.2, 12); // h = 0.2
    expect(quantileSorted(x, 0.95)).toBeCloseTo(8.8, 12); // h = 3.8: 4 + 0.8·6
    expect(quantileSorted([7], 0.95)).toBe(7);
    expect(quantileSorted([], 0.5)).toBeNaN();
  });
});
