import { describe, expect, it } from 'vitest';
import {
  classIndex,
  classify,
  equalIntervalThresholds,
  naturalBreakThresholds,
  niceThreshold,
  quantileThresholds,
  roundestIn,
  sortedFinite,
} from './classify.ts';
import { buildChoropleth } from './choropleth.ts';

const range = (n: number, f: (i: number) => number = (i) => i) => Array.from({ length: n }, (_, i) => f(i));

describe('classIndex', () => {
  it('puts a value equal to a threshold in the class above it (half-open classes, as the model)', () => {
    const t = [2, 3.5, 5, 6.5];
    expect(classIndex(0, t)).toBe(0);
    expect(classIndex(1.999, t)).toBe(0);
    expect(classIndex(2, t)).toBe(1);
    expect(classIndex(3.5, t)).toBe(2);
    expect(classIndex(6.5, t)).toBe(4);
    expect(classIndex(10, t)).toBe(4);
  });

  it('is 0 for every value without thresholds', () => {
    expect(classIndex(42, [])).toBe(0);
  });
});

describe('niceThreshold', () => {
  it('keeps three significant digits of the range', () => {
    expect(niceThreshold(120.2769, 2000)).toBe(120);
    expect(niceThreshold(0.123456, 1)).toBe(0.12);
    expect(niceThreshold(3.14159, 9)).toBe(3.14);
    expect(niceThreshold(3.14159, 10)).toBe(3.1);
  });

  it('never rounds down onto the floor (the class would lose its lowest value)', () => {
    expect(niceThreshold(0.0003, 1, 0)).toBe(0.01);
  });

  it('leaves floating-point noise out', () => {
    expect(String(niceThreshold(0.1 + 0.2, 1))).toBe('0.3');
  });
});

describe('roundestIn', () => {
  it('finds the roundest number that keeps the same classes', () => {
    expect(roundestIn(118.7, 120.2769, 2000)).toBe(120);
    expect(roundestIn(0, 0.025, 1)).toBe(0.02);
    expect(roundestIn(2.17, 2.2345, 10)).toBe(2.2);
    expect(roundestIn(99, 1000, 2000)).toBe(1000);
    expect(roundestIn(5, 5, 10)).toBe(5);
  });
});

describe('quantileThresholds', () => {
  it('splits distinct values into classes of equal counts', () => {
    const sorted = range(100);
    const t = quantileThresholds(sorted, 5);
    expect(t).toEqual([20, 40, 60, 80]);
    const counts = [0, 0, 0, 0, 0];
    for (const v of sorted) counts[classIndex(v, t)]!++;
    expect(counts).toEqual([20, 20, 20, 20, 20]);
  });

  it('keeps a block of ties in one class and splits the rest evenly', () => {
    // 60 zeros (e.g. no occupied area), then 40 distinct shares.
    const sorted = [...range(60, () => 0), ...range(40, (i) => (i + 1) / 40)];
    const t = quantileThresholds(sorted, 5);
    expect(t[0]).toBeGreaterThan(0);
    const counts = new Array(t.length + 1).fill(0);
    for (const v of sorted) counts[classIndex(v, t)]++;
    expect(counts[0]).toBe(60);
    expect(counts.length).toBe(5);
    // The 40 non-zero values share the other four classes about equally.
    for (const c of counts.slice(1)) expect(c).toBeGreaterThanOrEqual(8);
  });

  it('gives a class of its own to a block of ties at the top', () => {
    const sorted = [...range(50, (i) => i / 100), ...range(50, () => 1)];
    const t = quantileThresholds(sorted, 5);
    expect(t.at(-1)).toBe(1);
    expect(classIndex(1, t)).toBe(t.length);
    expect(classIndex(0.99, t)).toBe(t.length - 1);
  });

  it('returns no thresholds for one value or none', () => {
    expect(quantileThresholds([], 5)).toEqual([]);
    expect(quantileThresholds([3, 3, 3], 5)).toEqual([]);
  });

  it('returns strictly ascending thresholds inside the data', () => {
    const sorted = sortedFinite(range(1000, (i) => Math.round(Math.sin(i) * 1000) / 7));
    const t = quantileThresholds(sorted, 5);
    for (let i = 1; i < t.length; i++) expect(t[i]!).toBeGreaterThan(t[i - 1]!);
    expect(t[0]!).toBeGreaterThan(sorted[0]!);
    expect(t.at(-1)!).toBeLessThanOrEqual(sorted.at(-1)!);
  });
});

describe('equalIntervalThresholds', () => {
  it('cuts the range into equal widths', () => {
    expect(equalIntervalThresholds(0, 10, 5)).toEqual([2, 4, 6, 8]);
    expect(equalIntervalThresholds(-784, 2014, 4)).toEqual([-80, 620, 1310]);
  });

  it('has nothing to cut in an empty range', () => {
    expect(equalIntervalThresholds(5, 5, 5)).toEqual([]);
  });
});

/** Sum over classes of squared deviations from the class mean: what natural breaks minimise. */
function withinClassSS(sorted: readonly number[], thresholds: readonly number[]): number {
  const classes = new Map<number, number[]>();
  for (const v of sorted) {
    const c = classIndex(v, thresholds);
    classes.set(c, [...(classes.get(c) ?? []), v]);
  }
  let ss = 0;
  for (const vs of classes.values()) {
    const mean = vs.reduce((a, b) => a + b, 0) / vs.length;
    for (const v of vs) ss += (v - mean) ** 2;
  }
  return ss;
}

describe('naturalBreakThresholds', () => {
  it('puts the breaks in the gaps between groups of values', () => {
    const sorted = [1, 1.1, 1.2, 5, 5.1, 5.3, 10, 10.4, 20, 21, 40, 41];
    const t = naturalBreakThresholds(sorted, 5);
    expect(t).toHaveLength(4);
    const gaps: [number, number][] = [
      [1.2, 5],
      [5.3, 10],
      [10.4, 20],
      [21, 40],
    ];
    gaps.forEach(([below, above], i) => {
      expect(t[i]).toBeGreaterThan(below);
      expect(t[i]).toBeLessThanOrEqual(above);
    });
    // Round numbers, as the legend prints them.
    expect(t).toEqual([5, 10, 20, 40]);
  });

  it('groups skewed values more tightly than quantiles do', () => {
    // A long right tail, as population or revenue per capita have.
    const sorted = sortedFinite(range(300, (i) => Math.round(Math.exp(i / 40) * 10) / 10));
    const natural = naturalBreakThresholds(sorted, 5);
    const quantile = quantileThresholds(sorted, 5);
    expect(natural).toHaveLength(4);
    expect(withinClassSS(sorted, natural)).toBeLessThan(withinClassSS(sorted, quantile));
  });

  it('returns strictly ascending thresholds inside the data, or none for too little', () => {
    const sorted = sortedFinite(range(97, (i) => (i * 37) % 101));
    const t = naturalBreakThresholds(sorted, 5);
    for (let i = 1; i < t.length; i++) expect(t[i]).toBeGreaterThan(t[i - 1]!);
    expect(t[0]).toBeGreaterThan(sorted[0]!);
    expect(t.at(-1)).toBeLessThanOrEqual(sorted.at(-1)!);
    expect(naturalBreakThresholds([], 5)).toEqual([]);
    expect(naturalBreakThresholds([3], 5)).toEqual([]);
  });
});

describe('classify', () => {
  it('classifies by natural breaks on request', () => {
    const c = classify([1, 1.1, 1.2, 5, 5.1, 5.3, 10, 10.4, 20, 21, 40, 41], { method: 'natural' });
    expect(c.kind).toBe('natural');
    expect(c.bins.map((b) => b.count)).toEqual([3, 3, 2, 2, 2]);
  });

  it('makes a category of each value when there are few (flags)', () => {
    const c = classify([0, 1, 1, 0, 0, 1, 1], { method: 'quantile' });
    expect(c.kind).toBe('categories');
    expect(c.thresholds).toEqual([1]);
    expect(c.bins.map((b) => [b.lower, b.upper, b.count])).toEqual([
      [0, 0, 3],
      [1, 1, 4],
    ]);
  });

  it("uses the model's classes with their labels and counts", () => {
    const labels = ['a', 'b', 'c', 'd', 'e'].map((x) => ({ uk: x, en: x }));
    const c = classify([0.5, 2, 3.4, 9, 10, 6.5], {
      method: 'fixed',
      fixed: { thresholds: [2, 3.5, 5, 6.5], labels, domain: [0, 10] },
    });
    expect(c.kind).toBe('fixed');
    expect(c.bins.map((b) => b.count)).toEqual([1, 2, 0, 0, 3]);
    expect(c.bins[0]).toMatchObject({ lower: 0, upper: 2, label: { uk: 'a', en: 'a' } });
    expect(c.bins[4]).toMatchObject({ lower: 6.5, upper: 10 });
  });

  it("falls back to quantiles when 'fixed' has no classes (an indicator)", () => {
    const c = classify(range(50), { method: 'fixed' });
    expect(c.kind).toBe('quantile');
    expect(c.bins).toHaveLength(5);
  });

  it('leaves missing values out and counts every value once', () => {
    const c = classify([1, NaN, 2, Infinity, ...range(20)], { method: 'equal' });
    expect(c.n).toBe(22);
    expect(c.bins.reduce((s, b) => s + b.count, 0)).toBe(22);
    expect(c.bins[0]!.lower).toBe(0);
    expect(c.bins.at(-1)!.upper).toBe(19);
  });

  it('has no bins without values', () => {
    expect(classify([], { method: 'quantile' })).toMatchObject({ bins: [], thresholds: [], n: 0 });
  });
});

describe('buildChoropleth', () => {
  it('gives every unit with a value its class and a colour per class', () => {
    const values = new Map(range(10).map((i) => [`UA00000${i}`, i]));
    const c = buildChoropleth({ values, method: 'quantile', palette: 'ylorrd' });
    expect(c.colours).toHaveLength(c.classification.bins.length);
    expect(c.classOf.get('UA000000')).toBe(0);
    expect(c.classOf.get('UA000009')).toBe(c.classification.bins.length - 1);
    expect(c.classOf.size).toBe(10);
  });
});
