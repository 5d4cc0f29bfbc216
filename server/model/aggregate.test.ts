import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregate, aggregationMean } from './aggregate.ts';

describe('aggregate', () => {
  it('arithmetic: renormalises the weights over the values present', () => {
    // (1·2 + 3·6) / (1 + 3) = 5; the missing value (weight 2) neither counts as 0 nor keeps its weight.
    expect(aggregate([2, null, 6], [1, 2, 3], 'arithmetic')).toBe(5);
    expect(aggregate([2, NaN, 6], [1, 2, 3], 'arithmetic')).toBe(5);
    // Had the missing value been read as 0: (2 + 0 + 18) / 6 = 3.33…; that must not happen.
    expect(aggregate([2, 0, 6], [1, 2, 3], 'arithmetic')).toBeCloseTo(20 / 6, 12);
  });

  it('geometric on x + 1 (INFORM): (Π (xᵢ + 1)^wᵢ)^(1/Σw) − 1', () => {
    // Equal weights on 0 and 8: √(1 · 9) − 1 = 2, where the arithmetic mean is 4.
    expect(aggregate([0, 8], [1, 1], 'geometric')).toBeCloseTo(2, 12);
    expect(aggregate([0, 8], [1, 1], 'arithmetic')).toBe(4);
    // Weights 1 and 2 on 3 and 15: (4 · 16²)^(1/3) − 1 = 1024^(1/3) − 1.
    expect(aggregate([3, 15], [1, 2], 'geometric')).toBeCloseTo(Math.cbrt(1024) - 1, 12);
    // Zero is a legitimate score: the shift keeps the mean defined and above 0.
    expect(aggregate([0, 0], [1, 1], 'geometric')).toBe(0);
  });

  it('harmonic on x + 1: Σw / Σ(wᵢ / (xᵢ + 1)) − 1', () => {
    // 2 / (1/1 + 1/9) − 1 = 18/10 − 1 = 0.8.
    expect(aggregate([0, 8], [1, 1], 'harmonic')).toBeCloseTo(0.8, 12);
    expect(aggregate([3, 15, null], [1, 2, 5], 'harmonic')).toBeCloseTo(3 / (1 / 4 + 2 / 16) - 1, 12);
  });

  it('is null when nothing is present, and skips zero weights', () => {
    expect(aggregate([null, NaN], [1, 1], 'arithmetic')).toBeNull();
    expect(aggregate([], [], 'geometric')).toBeNull();
    expect(aggregate([9, 1], [0, 1], 'arithmetic')).toBe(1);
    expect(aggregate([9], [0], 'arithmetic')).toBeNull();
  });

  it('rejects bad weights and mismatched lengths', () => {
    expect(() => aggregate([1], [-1], 'arithmetic')).toThrow(/weight 0/);
    expect(() => aggregate([1], [Infinity], 'arithmetic')).toThrow(/weight 0/);
    expect(() => aggregate([1, 2], [1], 'arithmetic')).toThrow(/2 values but 1 weights/);
  });

  it('removes rounding noise at the top of the scale', () => {
    expect(aggregationMean('geometric', Math.log(11), 1)).toBe(10);
    expect(aggregate([10, 10, 10], [0.1, 0.7, 0.2], 'geometric')).toBeLessThanOrEqual(10);
  });

  it('orders harmonic ≤ geometric ≤ arithmetic, all within [min, max] (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: 0, max: 10, noNaN: true }),
            fc.double({ min: 0.01, max: 100, noNaN: true }),
          ),
          {
            minLength: 1,
            maxLength: 8,
          },
        ),
        (pairs) => {
          const values = pairs.map(([x]) => x);
          const weights = pairs.map(([, w]) => w);
          const a = aggregate(values, weights, 'arithmetic') as number;
          const g = aggregate(values, weights, 'geometric') as number;
          const h = aggregate(values, weights, 'harmonic') as number;
          const eps = 1e-9;
          expect(h).toBeLessThanOrEqual(g + eps);
          expect(g).toBeLessThanOrEqual(a + eps);
          expect(h).toBeGreaterThanOrEqual(Math.min(...values) - eps);
          expect(a).toBeLessThanOrEqual(Math.max(...values) + eps);
        },
      ),
    );
  });

  it('equals the common value when all values are equal (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.array(fc.double({ min: 0.01, max: 100, noNaN: true }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom('arithmetic' as const, 'geometric' as const, 'harmonic' as const),
        (x, weights, method) => {
          expect(
            aggregate(
              weights.map(() => x),
              weights,
              method,
            ),
          ).toBeCloseTo(x, 9);
        },
      ),
    );
  });
});
