import { describe, expect, it } from 'vitest';
import type { IndicatorMatrix } from './indicator-matrix.ts';
import { ModelInputError } from './model-error.ts';
import { scoreModel } from './score.ts';
import { fixtureModel, flatModel } from './test-fixtures.ts';
import { monteCarloRanks } from './uncertainty.ts';

const matrix = (
  columns: (number | null)[][],
  units = columns[0]?.map((_, u) => `U${u}`) ?? [],
): IndicatorMatrix => ({
  units,
  columns: Object.fromEntries(columns.map((values, i) => [`i${i}`, { values, period: '2024' }])),
});

// Fixture model, eight units with varied values; U7 has nothing and stays unscored.
const FIXTURE: IndicatorMatrix = {
  units: ['U0', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7'],
  columns: {
    a: { values: [10, 90, 50, 30, 70, 20, 100, null], period: '2024' },
    b: { values: [9, 1, 5, 6, 2, 8, 0, null], period: '2024' },
    c: { values: [0, 500, 20, 9, 99, 5, 999, null], period: '2022' },
    d: { values: [80, 20, 50, 60, 30, 70, 10, null], period: '2024' },
    e: { values: [0.1, 0.9, 0.4, 0.5, 0.8, 0.2, 1, null], period: '2024' },
    f: { values: [1, 8, 5, 4, 9, 2, 10, null], period: '2024' },
  },
};

describe('monteCarloRanks', () => {
  it('collapses to the nominal rank when nothing varies', () => {
    const m = matrix([
      [1, 5, 3, 5],
      [2, 6, 1, 5],
    ]);
    const r = monteCarloRanks(flatModel(2), m, {
      runs: 50,
      weightJitter: 0,
      aggregationAlternatives: ['arithmetic'],
      normalisationAlternatives: ['goalposts'],
    });
    const nominal = scoreModel(flatModel(2), m).units.map((u) => u.rank);
    expect(r.units.map((u) => u.rank)).toEqual(nominal);
    for (const u of r.units) expect([u.rankP5, u.medianRank, u.rankP95]).toEqual([u.rank, u.rank, u.rank]);
  });

  it('gives bands with p5 ≤ median ≤ p95 within [1, units scored], and none for unscored units', () => {
    const r = monteCarloRanks(fixtureModel(), FIXTURE, { runs: 300, seed: 5 });
    expect(r.runs).toBe(300);
    expect(r.weightJitter).toBe(0.25);
    expect(r.aggregationAlternatives).toEqual(['arithmetic', 'geometric']);
    expect(r.normalisationAlternatives).toEqual(['goalposts', 'observed']);
    for (const u of r.units.slice(0, 7)) {
      expect(u.rankP5 as number).toBeGreaterThanOrEqual(1);
      expect(u.rankP5 as number).toBeLessThanOrEqual(u.medianRank as number);
      expect(u.medianRank as number).toBeLessThanOrEqual(u.rankP95 as number);
      expect(u.rankP95 as number).toBeLessThanOrEqual(7);
    }
    expect(r.units[7]).toEqual({ pcode: 'U7', rank: null, medianRank: null, rankP5: null, rankP95: null });
    // U6 is worst on every indicator: rank 1 in every run.
    expect(r.units[6]).toMatchObject({ rank: 1, medianRank: 1, rankP5: 1, rankP95: 1 });
    // U0 is best on every indicator: last in every run.
    expect(r.units[0]).toMatchObject({ rank: 7, medianRank: 7, rankP5: 7, rankP95: 7 });
  });

  it('is reproducible from its seed', () => {
    const a = monteCarloRanks(fixtureModel(), FIXTURE, { runs: 100, seed: 9 });
    expect(monteCarloRanks(fixtureModel(), FIXTURE, { runs: 100, seed: 9 })).toEqual(a);
  });

  it('uses min-max over the observed range as the normalisation alternative', () => {
    // Goalposts 0–10 for both. Fixed: A (1, 0) → 0.5, B (0, 2) → 1, C (0.5, 10) → 5.25: C, B, A.
    // Observed ranges i0 [0, 1], i1 [0, 10]: A → (10 + 0)/2 = 5, B → (0 + 2)/2 = 1, C → (5 + 10)/2 = 7.5: C, A, B.
    const m = matrix(
      [
        [1, 0, 0.5],
        [0, 2, 10],
      ],
      ['A', 'B', 'C'],
    );
    const only = (mode: 'goalposts' | 'observed') =>
      monteCarloRanks(flatModel(2), m, {
        runs: 20,
        weightJitter: 0,
        aggregationAlternatives: ['arithmetic'],
        normalisationAlternatives: [mode],
      }).units.map((u) => u.medianRank);
    expect(only('goalposts')).toEqual([3, 2, 1]);
    expect(only('observed')).toEqual([2, 3, 1]);
  });

  it('keeps switched-off nodes off: weight jitter perturbs the scenario, not the model', () => {
    // U0 and U1 differ only in capacity; with capacity off they tie in every run.
    const twins: IndicatorMatrix = {
      units: ['U0', 'U1', 'U2'],
      columns: {
        a: { values: [50, 50, 10], period: '2024' },
        b: { values: [5, 5, 9], period: '2024' },
        c: { values: [99, 99, 0], period: '2024' },
        d: { values: [10, 90, 50], period: '2024' },
        e: { values: [1, 0, 0.5], period: '2024' },
        f: { values: [10, 0, 5], period: '2024' },
      },
    };
    const r = monteCarloRanks(fixtureModel(), twins, { runs: 200, weights: { capacity: 0 } });
    expect(r.units[0]).toMatchObject({ medianRank: 1, rankP5: 1, rankP95: 1 });
    expect(r.units[1]).toMatchObject({ medianRank: 1, rankP5: 1, rankP95: 1 });
  });

  it('rejects bad options', () => {
    const run = (options: Parameters<typeof monteCarloRanks>[2]) => () =>
      monteCarloRanks(fixtureModel(), FIXTURE, options);
    expect(run({ runs: 0 })).toThrow(ModelInputError);
    expect(run({ runs: 1.5 })).toThrow(/runs must be a positive integer/);
    expect(run({ weightJitter: 1 })).toThrow(/weightJitter/);
    expect(run({ aggregationAlternatives: [] })).toThrow(/must not be empty/);
    expect(run({ aggregationAlternatives: ['mode' as never] })).toThrow(
      /must be arithmetic, geometric or harmonic/,
    );
    expect(run({ normalisationAlternatives: ['zscore' as never] })).toThrow(/goalposts or observed/);
    expect(run({ weights: { nope: 1 } })).toThrow(/unknown weight id/);
  });
});
