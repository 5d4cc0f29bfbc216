import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NormalisationSpec } from './normalise.ts';
import {
  normaliseColumn,
  normaliseStrided,
  normaliseValue,
  observedGoalposts,
  transformValue,
} from './normalise.ts';

const worse: NormalisationSpec = {
  direction: 'higher_is_worse',
  transform: { type: 'none' },
  goalposts: { min: 0, max: 200 },
};
const better: NormalisationSpec = { ...worse, direction: 'higher_is_better' };

describe('normaliseValue', () => {
  it('scales min-max to 0–10 against the fixed goalposts', () => {
    expect(normaliseValue(0, worse)).toBe(0);
    expect(normaliseValue(50, worse)).toBe(2.5);
    expect(normaliseValue(200, worse)).toBe(10);
  });

  it('clamps values beyond the goalposts to the ends of the scale', () => {
    expect(normaliseValue(-30, worse)).toBe(0);
    expect(normaliseValue(1000, worse)).toBe(10);
  });

  it('inverts where higher is better, so 10 is always the worst', () => {
    expect(normaliseValue(50, better)).toBe(7.5);
    expect(normaliseValue(200, better)).toBe(0);
    expect(normaliseValue(1000, better)).toBe(0);
    expect(normaliseValue(-1, better)).toBe(10);
  });

  it('keeps missing values missing, never 0', () => {
    expect(normaliseValue(null, worse)).toBeNull();
    expect(normaliseValue(undefined, worse)).toBeNull();
    expect(normaliseValue(NaN, worse)).toBeNull();
    expect(Array.from(normaliseColumn([null, 100, NaN], worse))).toEqual([NaN, 5, NaN]);
  });

  it('applies log10(1 + x) to the value and the goalposts alike', () => {
    const log: NormalisationSpec = {
      direction: 'higher_is_worse',
      transform: { type: 'log' },
      goalposts: { min: 0, max: 999 },
    };
    // log10(1 + 9) = 1, log10(1 + 999) = 3 → 10 · 1/3.
    expect(normaliseValue(9, log)).toBeCloseTo(10 / 3, 12);
    expect(normaliseValue(99, log)).toBeCloseTo(20 / 3, 12);
    expect(normaliseValue(999, log)).toBe(10);
    // With min 9: (log10 100 − log10 10) / (log10 1000 − log10 10) = 1/2.
    expect(normaliseValue(99, { ...log, goalposts: { min: 9, max: 999 } })).toBeCloseTo(5, 12);
    // Below 0 the value is clamped to 0 before the log, i.e. to the bottom of the scale.
    expect(normaliseValue(-5, log)).toBe(0);
  });

  it('winsorises the value only, then scales against the goalposts', () => {
    const w: NormalisationSpec = {
      direction: 'higher_is_worse',
      transform: { type: 'winsorise', lower: 10, upper: 90 },
      goalposts: { min: 0, max: 100 },
    };
    expect(normaliseValue(95, w)).toBe(9);
    expect(normaliseValue(3, w)).toBe(1);
    expect(normaliseValue(50, w)).toBe(5);
  });

  it('uses given goalposts instead of the fixed ones', () => {
    expect(normaliseValue(150, worse, { min: 100, max: 200 })).toBe(5);
  });
});

describe('normaliseColumn', () => {
  it('writes into a given buffer and returns it', () => {
    const out = new Float64Array(2);
    expect(normaliseColumn([0, 200], worse, out)).toBe(out);
    expect(Array.from(out)).toEqual([0, 10]);
  });

  it('always lands in [0, 10] and is monotone in the bad direction (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e5, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e5, noNaN: true }),
        fc.constantFrom<NormalisationSpec['transform']>(
          { type: 'none' },
          { type: 'log' },
          { type: 'winsorise', lower: 5, upper: 500 },
        ),
        fc.constantFrom<NormalisationSpec['direction']>('higher_is_worse', 'higher_is_better'),
        (x, y, min, span, transform, direction) => {
          const spec: NormalisationSpec = { direction, transform, goalposts: { min, max: min + span } };
          const [lo, hi] = x <= y ? [x, y] : [y, x];
          const a = normaliseValue(lo, spec) as number;
          const b = normaliseValue(hi, spec) as number;
          expect(a).toBeGreaterThanOrEqual(0);
          expect(a).toBeLessThanOrEqual(10);
          if (direction === 'higher_is_worse') expect(b).toBeGreaterThanOrEqual(a);
          else expect(b).toBeLessThanOrEqual(a);
        },
      ),
    );
  });
});

describe('normaliseStrided', () => {
  it('writes value u to offset + u·stride and leaves the rest alone', () => {
    const out = new Float64Array(8).fill(-1);
    normaliseStrided([0, null, 200], worse, worse.goalposts, out, 1, 3);
    expect(Array.from(out)).toEqual([-1, 0, -1, -1, NaN, -1, -1, 10]);
  });

  it('agrees with the readable definition: transformValue, then min-max, clamp and inversion (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.double({ min: -1e4, max: 1e4, noNaN: true }), { nil: null }), {
          maxLength: 20,
        }),
        fc.constantFrom<NormalisationSpec['transform']>(
          { type: 'none' },
          { type: 'log' },
          { type: 'winsorise', lower: -5, upper: 50 },
        ),
        fc.constantFrom<NormalisationSpec['direction']>('higher_is_worse', 'higher_is_better'),
        (values, transform, direction) => {
          const spec: NormalisationSpec = { direction, transform, goalposts: { min: 1, max: 300 } };
          const g = (x: number) => (transform.type === 'log' ? Math.log10(1 + x) : x);
          const reference = values.map((x) => {
            if (x === null) return NaN;
            const s = Math.min(
              10,
              Math.max(0, ((transformValue(transform, x) - g(1)) / (g(300) - g(1))) * 10),
            );
            return direction === 'higher_is_better' ? 10 - s : s;
          });
          const got = Array.from(normaliseColumn(values, spec));
          got.forEach((x, i) =>
            Number.isNaN(reference[i])
              ? expect(x).toBeNaN()
              : expect(x).toBeCloseTo(reference[i] as number, 9),
          );
        },
      ),
    );
  });
});

describe('observedGoalposts', () => {
  it('takes the observed extremes, ignoring missing values', () => {
    expect(observedGoalposts([3, null, 7, NaN, 5], worse)).toEqual({ min: 3, max: 7 });
  });

  it('takes them after winsorising, and clamps below 0 for log', () => {
    expect(
      observedGoalposts([0, 50, 100], { ...worse, transform: { type: 'winsorise', lower: 10, upper: 90 } }),
    ).toEqual({ min: 10, max: 90 });
    expect(observedGoalposts([-4, 9], { ...worse, transform: { type: 'log' } })).toEqual({ min: 0, max: 9 });
  });

  it('is null when there is no range to scale by', () => {
    expect(observedGoalposts([4, 4, null], worse)).toBeNull();
    expect(observedGoalposts([null], worse)).toBeNull();
  });
});

describe('transformValue', () => {
  it('is the identity for none', () => {
    expect(transformValue({ type: 'none' }, -3.5)).toBe(-3.5);
  });
});
