import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AggregationMethod } from './aggregate.ts';
import type { IndicatorMatrix } from './indicator-matrix.ts';
import { modelNodeIds } from './model-definition.ts';
import type { ScoreOptions } from './model-structure.ts';
import { scoreModel } from './score.ts';
import { fixtureModel } from './test-fixtures.ts';

// Properties of issue #3 over the fixture model (three transforms, both directions, two dimensions), random
// values (missing ones included, many beyond the goalposts), random aggregations and random weights.

const model = fixtureModel();
const ids = modelNodeIds(model);
const nodeIds = [...ids.dimensions, ...ids.components, ...ids.indicators];

// Raw values spread well beyond each fixture indicator's goalposts.
const rawRange: Record<string, [number, number]> = {
  a: [-50, 150],
  b: [-5, 15],
  c: [-10, 2000],
  d: [-20, 120],
  e: [-0.5, 1.5],
  f: [-5, 15],
};

const value = (id: string) => {
  const [min, max] = rawRange[id] as [number, number];
  // Subnormal numbers are no data anyone has, and they make 2^k weight scaling inexact (w·x underflows).
  const x = fc.double({ min, max, noNaN: true }).map((v) => (Math.abs(v) < 1e-100 ? 0 : v));
  return fc.option(x, { nil: null, freq: 4 });
};

const matrixArb = (minUnits = 1) =>
  fc.integer({ min: minUnits, max: 12 }).chain((n) =>
    fc
      .record(
        Object.fromEntries(
          ids.indicators.map((id) => [id, fc.array(value(id), { minLength: n, maxLength: n })]),
        ),
      )
      .map((columns): IndicatorMatrix => ({
        units: Array.from({ length: n }, (_, u) => `U${u}`),
        columns: Object.fromEntries(
          Object.entries(columns).map(([id, values]) => [id, { values, period: '2024' }]),
        ),
      })),
  );

const method = fc.constantFrom<AggregationMethod>('arithmetic', 'geometric', 'harmonic');
const optionsArb: fc.Arbitrary<ScoreOptions> = fc.record({
  aggregation: fc.record({ index: method, dimension: method, component: method }),
  weights: fc.record(
    Object.fromEntries(nodeIds.map((id) => [id, fc.double({ min: 0.05, max: 20, noNaN: true })])),
  ),
});

describe('scoreModel properties', () => {
  it('worsening an indicator in its bad direction never lowers the index or a dimension score', () => {
    fc.assert(
      fc.property(
        matrixArb(),
        optionsArb,
        fc.nat(),
        fc.constantFrom(...ids.indicators),
        fc.double({ min: 0, max: 500, noNaN: true }),
        (matrix, options, pick, id, step) => {
          const u = pick % matrix.units.length;
          const column = matrix.columns[id];
          const before = column?.values[u];
          fc.pre(column !== undefined && before !== null && before !== undefined);
          const node = model.dimensions
            .flatMap((d) => d.components.flatMap((c) => c.indicators))
            .find((i) => i.id === id);
          const worse =
            node?.direction === 'higher_is_worse' ? (before as number) + step : (before as number) - step;
          const values = [...(column?.values ?? [])];
          values[u] = worse;
          const worsened: IndicatorMatrix = {
            ...matrix,
            columns: { ...matrix.columns, [id]: { values, period: '2024' } },
          };
          const a = scoreModel(model, matrix, options).units[u];
          const b = scoreModel(model, worsened, options).units[u];
          const eps = 1e-9;
          if (a?.score !== null)
            expect(b?.score as number).toBeGreaterThanOrEqual((a?.score as number) - eps);
          for (const d of ids.dimensions) {
            const x = a?.dimensions[d];
            if (x !== null && x !== undefined)
              expect(b?.dimensions[d] as number).toBeGreaterThanOrEqual(x - eps);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('relabelling (permuting) the units permutes the scores and ranks with them', () => {
    fc.assert(
      fc.property(
        matrixArb(2).chain((m) =>
          fc.tuple(fc.constant(m), fc.shuffledSubarray([...m.units.keys()], { minLength: m.units.length })),
        ),
        optionsArb,
        ([matrix, perm], options) => {
          const permuted: IndicatorMatrix = {
            units: perm.map((i) => matrix.units[i] as string),
            columns: Object.fromEntries(
              Object.entries(matrix.columns).map(([id, col]) => [
                id,
                { values: perm.map((i) => col.values[i] ?? null), period: col.period },
              ]),
            ),
          };
          const a = scoreModel(model, matrix, options);
          const b = scoreModel(model, permuted, options);
          const byPcode = new Map(b.units.map((x) => [x.pcode, x]));
          for (const x of a.units) expect(byPcode.get(x.pcode)).toEqual(x);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('scaling all weights by a constant changes nothing (exactly so for powers of two)', () => {
    fc.assert(
      fc.property(
        matrixArb(),
        optionsArb,
        fc.double({ min: 0.001, max: 1000, noNaN: true }),
        fc.integer({ min: -20, max: 20 }),
        (matrix, options, factor, exponent) => {
          const scaled = (c: number): ScoreOptions => ({
            ...options,
            weights: Object.fromEntries(Object.entries(options.weights ?? {}).map(([id, w]) => [id, w * c])),
          });
          const base = scoreModel(model, matrix, options);
          // 2^k scales every sum exactly, so results — ties and ranks included — are bit-identical.
          const exact = scoreModel(model, matrix, scaled(2 ** exponent));
          expect(exact.units).toEqual(base.units);
          const other = scoreModel(model, matrix, scaled(factor));
          other.units.forEach((x, u) => {
            const y = base.units[u];
            if (y?.score === null) expect(x.score).toBeNull();
            else expect(x.score).toBeCloseTo(y?.score as number, 9);
            expect(x.coverage).toBeCloseTo(y?.coverage as number, 9);
            expect(x.confidence).toBeCloseTo(y?.confidence as number, 9);
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps every score in [0, 10], coverage and confidence in [0, 1], classes and ranks consistent', () => {
    fc.assert(
      fc.property(matrixArb(), optionsArb, (matrix, options) => {
        const { units } = scoreModel(model, matrix, options);
        // Ranks count the ranked units only (comparability.ts, issue #14).
        const ranked = units.filter((x) => x.ranked);
        for (const x of units) {
          for (const s of [x.score, ...Object.values(x.dimensions), ...Object.values(x.components)]) {
            if (s === null) continue;
            expect(s).toBeGreaterThanOrEqual(0);
            expect(s).toBeLessThanOrEqual(10);
          }
          expect(x.coverage).toBeGreaterThanOrEqual(0);
          expect(x.coverage).toBeLessThanOrEqual(1);
          expect(x.confidence).toBeGreaterThanOrEqual(0);
          expect(x.confidence).toBeLessThanOrEqual(x.coverage + 1e-12);
          if (x.score === null) {
            expect([x.class, x.rank, x.coverage]).toEqual([null, null, 0]);
            expect(x.unscoredReason).toMatch(/^no dimension could be scored: /);
          } else {
            expect(x.class).not.toBeNull();
            if (x.ranked) {
              expect(x.confidence).toBeGreaterThanOrEqual(model.confidence.minForRanking);
              expect(x.rank).toBe(1 + ranked.filter((y) => (y.score as number) > (x.score as number)).length);
            } else {
              expect([x.rank, x.unrankedReason]).toEqual([null, 'low_confidence']);
            }
            expect(x.coverage).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
