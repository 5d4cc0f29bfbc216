import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AggregationMethod } from './aggregate.ts';
import { columnAgeFactors, matrixColumns, normaliseMatrix, precisionFactors } from './indicator-matrix.ts';
import type { IndicatorMatrix } from './indicator-matrix.ts';
import { modelNodeIds, type ModelDefinition } from './model-definition.ts';
import type { ScoreOptions } from './model-structure.ts';
import { modelStructure, resolveAggregations, resolveWeights } from './model-structure.ts';
import { createScoreBuffers, scoreUnits, type ScoreBuffers } from './score-core.ts';
import { createMemoScorer } from './score-memo.ts';
import { fixtureModel, flatModel } from './test-fixtures.ts';

// The memoised scorer must give scoreUnits' results to the last bit (toEqual compares numbers with Object.is)
// after any sequence of scenarios: whatever it kept from an earlier run must be what scoreUnits computes now.

function setup(model: ModelDefinition, matrix: IndicatorMatrix) {
  const structure = modelStructure(model);
  const columns = matrixColumns(structure, matrix);
  const n = matrix.units.length;
  const normalised = normaliseMatrix(structure, columns, n);
  const ages = columnAgeFactors(structure, columns);
  const precision = precisionFactors(structure, columns, n);
  const memo = createMemoScorer(structure, normalised, n, ages, model.minComponentCoverage, precision);
  const fresh = (options: ScoreOptions): ScoreBuffers => {
    const out = createScoreBuffers(structure, n);
    const weights = resolveWeights(structure, options.weights);
    const aggregation = resolveAggregations(model, options.aggregation);
    scoreUnits(
      structure,
      weights,
      aggregation,
      model.minComponentCoverage,
      normalised,
      n,
      ages,
      out,
      precision,
    );
    return out;
  };
  const memoised = (options: ScoreOptions): ScoreBuffers => {
    memo.run(resolveWeights(structure, options.weights), resolveAggregations(model, options.aggregation));
    return memo.out;
  };
  return { fresh, memoised };
}

const asArrays = (b: ScoreBuffers) => ({
  index: Array.from(b.index),
  dimension: Array.from(b.dimension),
  component: Array.from(b.component),
  coverage: Array.from(b.coverage),
  confidence: Array.from(b.confidence),
});

// With `intervals`, about half the columns carry interval widths (some null, some 0, some past the range), so
// units with and without precision below 1 share the matrix as they do when a few communities were assessed.
const matrixOf = (model: ModelDefinition, maxUnits: number, range: [number, number], intervals = false) => {
  const ids = modelNodeIds(model).indicators;
  const value = fc.option(fc.double({ min: range[0], max: range[1], noNaN: true }), { nil: null, freq: 4 });
  const width = fc.option(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 2000, noNaN: true })), {
    nil: null,
    freq: 2,
  });
  return fc.integer({ min: 0, max: maxUnits }).chain((n) =>
    fc
      .tuple(
        ...ids.map(() =>
          fc.record({
            values: fc.array(value, { minLength: n, maxLength: n }),
            widths: intervals
              ? fc.option(fc.array(width, { minLength: n, maxLength: n }), { nil: undefined })
              : fc.constant(undefined),
          }),
        ),
      )
      .map((cols): IndicatorMatrix => ({
        units: Array.from({ length: n }, (_, u) => `U${u}`),
        columns: Object.fromEntries(
          ids.map((id, j) => {
            const { values, widths } = cols[j]!;
            const column = { values, period: `${2020 + j}` };
            return [id, widths === undefined ? column : { ...column, intervalWidths: widths }];
          }),
        ),
      })),
  );
};

const method = fc.constantFrom<AggregationMethod>('arithmetic', 'geometric', 'harmonic');

/** Scenarios that change few things at a time (as sliders do), zeros and repeats included. */
const scenariosOf = (model: ModelDefinition) => {
  const ids = modelNodeIds(model);
  const nodes = [...ids.dimensions, ...ids.components, ...ids.indicators];
  const weight = fc.oneof(fc.constantFrom(0, 1, 2), fc.double({ min: 0.05, max: 20, noNaN: true }));
  const scenario: fc.Arbitrary<ScoreOptions> = fc.record(
    {
      weights: fc.dictionary(fc.constantFrom(...nodes), weight, { maxKeys: 3 }),
      aggregation: fc.record({ index: method, dimension: method, component: method }, { requiredKeys: [] }),
    },
    { requiredKeys: [] },
  );
  return fc.array(scenario, { minLength: 1, maxLength: 8 });
};

function sameAsScoreUnits(model: ModelDefinition, range: [number, number], maxUnits = 12, intervals = false) {
  fc.assert(
    fc.property(matrixOf(model, maxUnits, range, intervals), scenariosOf(model), (matrix, scenarios) => {
      const { fresh, memoised } = setup(model, matrix);
      for (const options of scenarios) {
        let expected: ScoreBuffers;
        try {
          expected = fresh(options);
        } catch {
          // Every indicator switched off: the memoised side refuses the same scenario.
          expect(() => memoised(options)).toThrow(/nothing left to score/);
          continue;
        }
        expect(asArrays(memoised(options))).toEqual(asArrays(expected));
      }
    }),
    { numRuns: 200 },
  );
}

describe('createMemoScorer', () => {
  it('equals scoreUnits bit for bit over any sequence of scenarios (property)', () => {
    sameAsScoreUnits(fixtureModel(), [-50, 2000]);
  });

  it('equals scoreUnits for a model of more indicators than one 30-bit pattern mask holds (property)', () => {
    sameAsScoreUnits(flatModel(40), [-1, 11], 6);
  });

  it('equals scoreUnits bit for bit when values carry intervals: precision is not keyed by pattern (property)', () => {
    sameAsScoreUnits(fixtureModel(), [-50, 2000], 12, true);
    sameAsScoreUnits(flatModel(40), [-1, 11], 6, true);
  });

  it('gives two units of one pattern but different interval widths different confidences', () => {
    const model = fixtureModel();
    const column = (values: (number | null)[], period: string) => ({ values, period });
    const matrix: IndicatorMatrix = {
      units: ['U1', 'U2', 'U3'],
      columns: {
        a: { ...column([50, 50, 50], '2024'), intervalWidths: [5, 40, null] },
        b: column([4, 4, 4], '2024'),
        c: column([9, 9, 9], '2024'),
        d: column([20, 20, 20], '2024'),
        e: column([0.5, 0.5, 0.5], '2024'),
        f: column([2, 2, 2], '2024'),
      },
    };
    const { fresh, memoised } = setup(model, matrix);
    const out = memoised({});
    const [c1, c2, c3] = Array.from(out.confidence);
    // A memo keyed by the pattern alone would give all three the first unit's confidence.
    expect(c3).toBeCloseTo(1, 12);
    expect(c1).toBeLessThan(1);
    expect(c2).toBeLessThan(c1!);
    expect(asArrays(out)).toEqual(asArrays(fresh({})));
  });

  it('re-aggregates only the index level when a dimension weight moves, and recomputes below on change', () => {
    const model = fixtureModel();
    const matrix: IndicatorMatrix = {
      units: ['U1', 'U2'],
      columns: {
        a: { values: [50, null], period: '2024' },
        b: { values: [4, 4], period: '2024' },
        c: { values: [9, 9], period: '2022' },
        d: { values: [95, 20], period: '2023' },
        e: { values: [0.5, null], period: '2024' },
        f: { values: [2, 8], period: '2025' },
      },
    };
    const { fresh, memoised } = setup(model, matrix);
    const steps: ScoreOptions[] = [
      {},
      { weights: { pressure: 3 } },
      { weights: { pressure: 3, revenue: 0 } },
      { weights: { pressure: 0 } },
      { weights: { capacity: 2 }, aggregation: { index: 'harmonic' } },
      {},
    ];
    for (const options of steps) {
      expect(asArrays(memoised(options)), JSON.stringify(options)).toEqual(asArrays(fresh(options)));
    }
  });
});
