import { describe, expect, it } from 'vitest';
import type { IndicatorMatrix } from './indicator-matrix.ts';
import { ModelInputError } from './model-error.ts';
import type { ScoreOptions } from './model-structure.ts';
import { classOf, createScorer, scoreModel } from './score.ts';
import { fixtureModel, flatModel } from './test-fixtures.ts';

// The fixture model (test-fixtures.ts), aggregation index geometric, dimensions and components arithmetic:
//   pressure (w 1) ── exposure (w 1): a 0–100 worse · b 0–10 better · c log 0–999 worse (w 2)
//   capacity (w 1) ── revenue (w 2): d winsorised 10–90, goalposts 0–100, better · e 0–1 worse
//                  └─ transfers (w 1): f 0–10 worse
//
// U1: a 50 → 5 · b 4 → 6 · c 9 → 10·log10(10)/log10(1000) = 10/3 · d 95 → 90 → 9 → inverted 1 · e 0.5 → 5 · f 2 → 2
//   exposure = (5 + 6 + 2·10/3) / 4 = 53/12;  pressure = 53/12
//   revenue = (1 + 5) / 2 = 3;  transfers = 2;  capacity = (2·3 + 1·2) / 3 = 8/3
//   index = √((53/12 + 1)(8/3 + 1)) − 1 = √(715/36) − 1 ≈ 3.4566 → class 2 (below 3.5)
// U2: a –, b 4, c 9, d –, e –, f 8
//   exposure has 2 of 3 (≥ two-thirds) = (6 + 2·10/3) / 3 = 38/9;  revenue 0 of 2: no score;  capacity = f = 8
//   index = √((38/9 + 1)·9) − 1 = √47 − 1 ≈ 5.8557 → class 4
// U3: a 50, e 0.5 only: exposure 1 of 3, revenue 1 of 2 (needs 2), transfers 0 of 1 → unscored
// U4: nothing; U5: as U1 (a tie)
const MATRIX: IndicatorMatrix = {
  units: ['U1', 'U2', 'U3', 'U4', 'U5'],
  columns: {
    a: { values: [50, null, 50, null, 50], period: '2024' },
    b: { values: [4, 4, null, null, 4], period: '2024-06' },
    c: { values: [9, 9, null, null, 9], period: '2022' },
    d: { values: [95, null, null, null, 95], period: '2023' },
    e: { values: [0.5, null, 0.5, null, 0.5], period: null },
    f: { values: [2, 8, null, null, 2], period: '2025' },
  },
};

const U1_INDEX = Math.sqrt(715 / 36) - 1;
const U2_INDEX = Math.sqrt(47) - 1;

function unit(result: ReturnType<typeof scoreModel>, pcode: string) {
  const u = result.units.find((x) => x.pcode === pcode);
  if (!u) throw new Error(`no ${pcode}`);
  return u;
}

describe('scoreModel: the hand-computed fixture', () => {
  const result = scoreModel(fixtureModel(), MATRIX);

  it('scores components, dimensions and the index as computed by hand', () => {
    const u1 = unit(result, 'U1');
    expect(u1.components.exposure).toBeCloseTo(53 / 12, 12);
    expect(u1.components.revenue).toBeCloseTo(3, 12);
    expect(u1.components.transfers).toBeCloseTo(2, 12);
    expect(u1.dimensions.pressure).toBeCloseTo(53 / 12, 12);
    expect(u1.dimensions.capacity).toBeCloseTo(8 / 3, 12);
    expect(u1.score).toBeCloseTo(U1_INDEX, 12);
    expect(u1.class).toBe(2);
    expect(u1.unscoredReason).toBeNull();
  });

  it('renormalises over what is present and applies the two-thirds rule per component', () => {
    const u2 = unit(result, 'U2');
    expect(u2.components.exposure).toBeCloseTo(38 / 9, 12);
    expect(u2.components.revenue).toBeNull();
    expect(u2.components.transfers).toBe(8);
    expect(u2.dimensions.capacity).toBe(8);
    expect(u2.score).toBeCloseTo(U2_INDEX, 12);
    expect(u2.class).toBe(4);
  });

  it('ranks the highest score first, ties sharing a rank, unscored units unranked', () => {
    // Threshold 0: every scored unit is comparable (the threshold has its own tests below).
    const all = scoreModel(fixtureModel(), MATRIX, { minConfidence: 0 });
    expect(all.units.map((u) => u.rank)).toEqual([2, 1, null, null, 2]);
    expect(all.units.map((u) => u.unrankedReason)).toEqual([null, null, 'unscored', 'unscored', null]);
    expect(all.rankedCount).toBe(3);
  });

  it('ranks only the units at or above the confidence threshold, the others apart with their reason', () => {
    const confidence = result.units.map((u) => u.confidence);
    // The fixture's data are old (reference date 2025): pick a threshold between two units' confidences.
    const sorted = [...new Set(confidence.filter((c, i) => result.units[i]!.score !== null))].sort();
    expect(sorted.length).toBeGreaterThan(1);
    const min = sorted[1]!;
    const r = scoreModel(fixtureModel(), MATRIX, { minConfidence: min });
    expect(r.minConfidence).toBe(min);
    for (const u of r.units) {
      if (u.score === null) expect(u.unrankedReason).toBe('unscored');
      else if (u.confidence < min)
        expect([u.rank, u.ranked, u.unrankedReason]).toEqual([null, false, 'low_confidence']);
      else expect(u.ranked).toBe(true);
    }
    const ranked = r.units.filter((u) => u.ranked);
    expect(r.rankedCount).toBe(ranked.length);
    // Ranks run 1… over the ranked units alone: a low-confidence unit above them does not push them down.
    expect(Math.min(...ranked.map((u) => u.rank!))).toBe(1);
    expect(() => scoreModel(fixtureModel(), MATRIX, { minConfidence: 2 })).toThrow(/minConfidence/);
  });

  it('never ranks a pre-reform unit of Crimea or Sevastopol, whatever its score and confidence', () => {
    const crimea = { ...MATRIX, units: ['UA0102000', 'U2', 'U3', 'U4', 'UA8500000'] };
    const r = scoreModel(fixtureModel(), crimea, { minConfidence: 0 });
    expect(r.units.map((u) => u.unrankedReason)).toEqual([
      'no_data_since_2014',
      null,
      'unscored',
      'unscored',
      'no_data_since_2014',
    ]);
    // U2 ranks first of one: the Crimean units scored above or level with it do not count.
    expect(r.units[1]!.rank).toBe(1);
    expect(r.rankedCount).toBe(1);
  });

  it('leaves a unit unscored with a reason, never a zero', () => {
    const u3 = unit(result, 'U3');
    expect(u3.score).toBeNull();
    expect(u3.class).toBeNull();
    expect(u3.components).toEqual({ exposure: null, revenue: null, transfers: null });
    expect(u3.dimensions).toEqual({ pressure: null, capacity: null });
    expect(u3.unscoredReason).toBe(
      'no dimension could be scored: pressure has 1 of 3 indicators, capacity has 1 of 3 indicators ' +
        '(a component needs at least 67% of its indicators)',
    );
    expect(unit(result, 'U4').unscoredReason).toMatch(/pressure has 0 of 3 indicators, capacity has 0 of 3/);
    expect(u3.coverage).toBe(0);
    expect(u3.confidence).toBe(0);
  });

  it('computes coverage and confidence from nominal index shares and data age', () => {
    // Shares: a 1/8, b 1/8, c 1/4 (pressure ½ · exposure 1 · 2/4); d 1/6, e 1/6 (capacity ½ · revenue ⅔ · ½);
    // f 1/6. Age factors (reference 2025-01-01, full 1 y, zero 5 y): 2024 → 1, 2024-06 → 1, 2022 → 0.5,
    // 2023 → 0.75, unknown period → 0, 2025 → 1.
    const u1 = unit(result, 'U1');
    expect(u1.coverage).toBeCloseTo(1, 12);
    expect(u1.confidence).toBeCloseTo(1 / 8 + 1 / 8 + 0.5 / 4 + 0.75 / 6 + 0 + 1 / 6, 12);
    // U2 uses b, c (exposure) and f (transfers).
    const u2 = unit(result, 'U2');
    expect(u2.coverage).toBeCloseTo(1 / 8 + 1 / 4 + 1 / 6, 12);
    expect(u2.confidence).toBeCloseTo(1 / 8 + 0.5 / 4 + 1 / 6, 12);
  });

  it('scales a value with a 95 % interval by its precision factor in confidence, never in the score', () => {
    // b (goalposts 0–10, share 1/8) of U1 assessed with an interval 2 wide, f (0–10, share 1/6) 7 wide; with the
    // default settings (zero at half the range, floor 0.25): b → 1 − (2/10)/0.5 = 0.6, f → 1 − 1.4 → 0.25.
    const withIntervals: IndicatorMatrix = {
      ...MATRIX,
      columns: {
        ...MATRIX.columns,
        b: { ...MATRIX.columns.b!, intervalWidths: [2, null, null, null, null] },
        f: { ...MATRIX.columns.f!, intervalWidths: [7, 0, null, null, null] },
      },
    };
    const narrowed = scoreModel(fixtureModel(), withIntervals);
    const u1 = unit(narrowed, 'U1');
    expect(u1.score).toBe(unit(result, 'U1').score);
    expect(u1.coverage).toBe(unit(result, 'U1').coverage);
    expect(u1.confidence).toBeCloseTo(1 / 8 + 0.6 / 8 + 0.5 / 4 + 0.75 / 6 + 0 + 0.25 / 6, 12);
    // A zero-width interval or none at all: factor 1, the confidence of the matrix without intervals.
    expect(unit(narrowed, 'U2').confidence).toBe(unit(result, 'U2').confidence);
    expect(unit(narrowed, 'U5').confidence).toBe(unit(result, 'U1').confidence);
  });

  it('refuses interval widths that are negative or do not match the units', () => {
    const bad = (widths: (number | null)[]) => ({
      ...MATRIX,
      columns: { ...MATRIX.columns, a: { ...MATRIX.columns.a!, intervalWidths: widths } },
    });
    expect(() => scoreModel(fixtureModel(), bad([1, null]))).toThrow(
      /column a has 2 interval widths for 5 units/,
    );
    expect(() => scoreModel(fixtureModel(), bad([1, null, -1, null, null]))).toThrow(
      /column a, unit U3: expected an interval width of at least 0 or null/,
    );
  });

  it('stamps the model, the aggregation and every weight used', () => {
    expect(result.modelId).toBe('fixture');
    expect(result.modelVersion).toBe('1.0.0');
    expect(result.aggregation).toEqual({
      index: 'geometric',
      dimension: 'arithmetic',
      component: 'arithmetic',
    });
    expect(result.weights).toEqual({
      pressure: 1,
      capacity: 1,
      exposure: 1,
      revenue: 2,
      transfers: 1,
      a: 1,
      b: 1,
      c: 2,
      d: 1,
      e: 1,
      f: 1,
    });
  });
});

describe('scoreModel: options', () => {
  it('geometric vs arithmetic index: the geometric mean lets one dimension offset another less', () => {
    const arithmetic = scoreModel(fixtureModel(), MATRIX, { aggregation: { index: 'arithmetic' } });
    const u1 = unit(arithmetic, 'U1');
    // (53/12 + 8/3) / 2 = 85/24 ≈ 3.5417: class 3, where the geometric 3.4566 is class 2.
    expect(u1.score).toBeCloseTo(85 / 24, 12);
    expect(u1.class).toBe(3);
    expect(u1.score as number).toBeGreaterThan(U1_INDEX);
  });

  it('applies weight overrides at any level', () => {
    const r = scoreModel(fixtureModel(), MATRIX, { weights: { pressure: 3, revenue: 1 } });
    // capacity = (3 + 2) / 2 = 2.5; index = ((53/12 + 1)³ (2.5 + 1))^(1/4) − 1.
    expect(unit(r, 'U1').dimensions.capacity).toBeCloseTo(2.5, 12);
    expect(unit(r, 'U1').score).toBeCloseTo(((65 / 12) ** 3 * 3.5) ** 0.25 - 1, 12);
    expect(r.weights.pressure).toBe(3);
  });

  it('switches a node off with weight 0, and counts the two-thirds rule over the nodes left on', () => {
    const noCapacity = scoreModel(fixtureModel(), MATRIX, { weights: { capacity: 0 } });
    expect(unit(noCapacity, 'U1').score).toBeCloseTo(53 / 12, 12);
    expect(unit(noCapacity, 'U1').dimensions.capacity).toBeNull();
    expect(unit(noCapacity, 'U1').coverage).toBeCloseTo(1, 12);
    // With c off, U2's exposure has 1 (b) of the 2 indicators left: below two-thirds, no score.
    const noC = scoreModel(fixtureModel(), MATRIX, { weights: { c: 0 } });
    expect(unit(noC, 'U2').components.exposure).toBeNull();
    expect(unit(noC, 'U2').score).toBeCloseTo(8, 12);
  });

  it('rejects unknown weight ids, bad weights, bad aggregations, and all-zero weights', () => {
    expect(() => scoreModel(fixtureModel(), MATRIX, { weights: { nope: 1 } })).toThrow(ModelInputError);
    expect(() => scoreModel(fixtureModel(), MATRIX, { weights: { nope: 1, x: 2 } })).toThrow(
      /unknown weight ids "nope", "x" for model fixture; its nodes are pressure, exposure, a, b, c, capacity/,
    );
    expect(() => scoreModel(fixtureModel(), MATRIX, { weights: { a: -1 } })).toThrow(/weight of "a" must be/);
    expect(() => scoreModel(fixtureModel(), MATRIX, { weights: { a: NaN } })).toThrow(
      /weight of "a" must be/,
    );
    expect(() => scoreModel(fixtureModel(), MATRIX, { aggregation: { index: 'median' as never } })).toThrow(
      /aggregation\.index must be/,
    );
    expect(() => scoreModel(fixtureModel(), MATRIX, { weights: { pressure: 0, capacity: 0 } })).toThrow(
      /nothing left to score/,
    );
  });
});

describe('createScorer', () => {
  it('re-scores the same data under any scenario exactly as scoreModel does', () => {
    const scorer = createScorer(fixtureModel(), MATRIX);
    expect(scorer.units).toEqual(MATRIX.units);
    const scenarios = [
      {},
      { weights: { pressure: 3 } },
      { aggregation: { index: 'arithmetic' as const } },
      {},
    ];
    for (const options of scenarios)
      expect(scorer.score(options)).toEqual(scoreModel(fixtureModel(), MATRIX, options));
  });

  it('re-scores after weight changes at every level exactly as a fresh scorer does (issue #5, B6: memoised)', () => {
    const scorer = createScorer(fixtureModel(), MATRIX);
    // Each step keeps what it can of the step before: one dimension weight, then deeper, then back.
    const steps: ScoreOptions[] = [
      {},
      { weights: { pressure: 2 } },
      { weights: { pressure: 3 } },
      { weights: { pressure: 3, transfers: 0 } },
      { weights: { pressure: 3, f: 0, c: 5 } },
      { weights: { capacity: 0 } },
      { weights: { pressure: 3 }, aggregation: { dimension: 'geometric' } },
      { weights: { pressure: 3 } },
      {},
    ];
    for (const options of steps) {
      const fresh = createScorer(fixtureModel(), MATRIX);
      expect(scorer.score(options), JSON.stringify(options)).toEqual(fresh.score(options));
      expect(scorer.scoreColumns(options)).toEqual(fresh.scoreColumns(options));
    }
  });

  it('gives the same index, rank and confidence as columns, in arrays a later run does not overwrite', () => {
    const scorer = createScorer(fixtureModel(), MATRIX);
    for (const options of [
      {},
      { weights: { pressure: 3 } },
      { aggregation: { index: 'arithmetic' as const } },
    ]) {
      const full = scorer.score(options).units;
      const cols = scorer.scoreColumns(options);
      expect(Array.from(cols.index, (x) => (Number.isNaN(x) ? null : x))).toEqual(full.map((u) => u.score));
      expect(Array.from(cols.rank, (r) => (r === 0 ? null : r))).toEqual(full.map((u) => u.rank));
      expect(Array.from(cols.confidence)).toEqual(full.map((u) => u.confidence));
    }
    const first = scorer.scoreColumns();
    const kept = first.index.slice();
    scorer.scoreColumns({ weights: { pressure: 9 } });
    expect(first.index).toEqual(kept);
    expect(() => scorer.scoreColumns({ weights: { zz: 1 } })).toThrow(/unknown weight id/);
  });

  it('checks the matrix at creation and the weights at each score', () => {
    expect(() => createScorer(fixtureModel(), { units: ['A'], columns: {} })).toThrow(/no column/);
    const scorer = createScorer(fixtureModel(), MATRIX);
    expect(() => scorer.score({ weights: { zz: 1 } })).toThrow(/unknown weight id/);
    expect(scorer.score({ minConfidence: 0 }).units[1]?.rank).toBe(1);
  });
});

describe('scoreModel: the two-thirds rule', () => {
  const model = flatModel(3);
  const score = (values: (number | null)[], m = model) =>
    scoreModel(m, {
      units: ['X'],
      columns: Object.fromEntries(values.map((v, i) => [`i${i}`, { values: [v], period: '2024' }])),
    }).units[0];

  it('scores 2 of 3 and not 1 of 3', () => {
    expect(score([3, null, 6])?.score).toBe(4.5);
    expect(score([3, null, null])?.score).toBeNull();
    expect(score([3, null, null])?.unscoredReason).toMatch(/dim has 1 of 3 indicators/);
  });

  it('counts by indicator, not by weight, and rounds the requirement up (4 of 6, not 3)', () => {
    const six = flatModel(6);
    expect(score([1, 2, 3, 4, null, null], six)?.score).toBe(2.5);
    expect(score([1, 2, 3, null, null, null], six)?.score).toBeNull();
  });

  it('follows the model’s own minComponentCoverage', () => {
    const half = { ...flatModel(3), minComponentCoverage: 0.5 };
    expect(score([3, null, null], half)?.score).toBeNull(); // needs ⌈1.5⌉ = 2
    expect(score([3, 5, null], half)?.score).toBe(4);
  });
});

describe('scoreModel: the matrix must fit the model', () => {
  const model = flatModel(2);
  const col = (values: (number | null)[]) => ({ values, period: '2024' });

  it('rejects a missing column, an unknown column, a wrong length, duplicate units, non-finite values', () => {
    expect(() => scoreModel(model, { units: ['A'], columns: { i0: col([1]) } })).toThrow(
      /no column for indicator node i1/,
    );
    expect(() =>
      scoreModel(model, { units: ['A'], columns: { i0: col([1]), i1: col([1]), zz: col([1]) } }),
    ).toThrow(/matrix columns zz are not indicator nodes/);
    expect(() => scoreModel(model, { units: ['A'], columns: { i0: col([1]), i1: col([1, 2]) } })).toThrow(
      /column i1 has 2 values for 1 units/,
    );
    expect(() =>
      scoreModel(model, { units: ['A', 'A'], columns: { i0: col([1, 1]), i1: col([1, 1]) } }),
    ).toThrow(/unit A appears twice/);
    expect(() => scoreModel(model, { units: ['A'], columns: { i0: col([Infinity]), i1: col([1]) } })).toThrow(
      /column i0, unit A: expected a finite number or null/,
    );
  });

  it('scores an empty list of units', () => {
    expect(scoreModel(model, { units: [], columns: { i0: col([]), i1: col([]) } }).units).toEqual([]);
  });
});

describe('classOf', () => {
  it('puts a score on a threshold into the higher class', () => {
    const t = [2, 3.5, 5, 6.5] as const;
    expect([0, 1.99, 2, 3.49, 3.5, 4.99, 5, 6.49, 6.5, 10].map((s) => classOf(s, t))).toEqual([
      1, 1, 2, 2, 3, 3, 4, 4, 5, 5,
    ]);
  });
});
