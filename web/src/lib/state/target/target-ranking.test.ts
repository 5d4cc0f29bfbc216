import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTERS, type TargetFilterParams } from './target-params.ts';
import { exclusionOf, rankChange, rankEligible, type UnitFacts } from './target-ranking.ts';

function unit(pcode: string, patch: Partial<UnitFacts> = {}): UnitFacts {
  return {
    pcode,
    nameUk: pcode,
    nameEn: pcode,
    oblastPcode: pcode.slice(0, 4),
    population: 10_000,
    isCrimea: false,
    occupiedShare: 0,
    coverage: 0,
    sectors: [],
    ...patch,
  };
}

const filters = (patch: Partial<TargetFilterParams> = {}): TargetFilterParams => ({
  ...DEFAULT_FILTERS,
  ...patch,
});

describe('target-ranking', () => {
  // Issue #14: the table ranks only what the map compares (comparability.ts), whatever the filters say.
  it('leaves out what the map does not compare: pre-reform Crimea and confidence below the threshold', () => {
    const f = filters();
    expect(exclusionOf(unit('UA0102001'), 9, 1, f, 'flat', 0.5)).toBe('notCompared');
    expect(exclusionOf(unit('UA1200001'), 9, 0.49, f, 'flat', 0.5)).toBe('notCompared');
    expect(exclusionOf(unit('UA1200001'), 9, 0.5, f, 'flat', 0.5)).toBeNull();
    const r = rankEligible(
      [unit('UA0102001'), unit('UA1200001'), unit('UA1200002')],
      Float64Array.from([10, 5, 4]),
      Float64Array.from([0.11, 0.9, 0.3]),
      f,
      'flat',
      0.5,
    );
    expect([...r.order]).toEqual([1]);
    expect(r.excluded).toEqual({ notCompared: 2 });
  });

  it('leaves hromadas out for the reasons and in the order the targeting service checks them', () => {
    const f = filters({
      oblasts: ['UA12'],
      populationMin: 1000,
      populationMax: 50_000,
      minConfidence: 0.5,
      sector: 'wash',
    });
    expect(exclusionOf(unit('UA1200001'), NaN, 1, f, 'flat')).toBe('unscored');
    expect(exclusionOf(unit('UA5900001'), 5, 1, f, 'flat')).toBe('oblast');
    expect(exclusionOf(unit('UA1200001', { occupiedShare: 0.5 }), 5, 1, f, 'flat')).toBe('occupied');
    expect(exclusionOf(unit('UA1200001', { occupiedShare: 0.49 }), 5, 1, f, 'flat')).toBeNull();
    expect(exclusionOf(unit('UA1200001', { isCrimea: true, occupiedShare: null }), 5, 1, f, 'flat')).toBe(
      'occupied',
    );
    expect(exclusionOf(unit('UA1200001', { population: null }), 5, 1, f, 'flat')).toBe('populationUnknown');
    expect(exclusionOf(unit('UA1200001', { population: 999 }), 5, 1, f, 'flat')).toBe('populationLow');
    expect(exclusionOf(unit('UA1200001', { population: 50_001 }), 5, 1, f, 'flat')).toBe('populationHigh');
    expect(exclusionOf(unit('UA1200001'), 5, 0.49, f, 'flat')).toBe('confidence');
    expect(exclusionOf(unit('UA1200001', { sectors: ['wash'] }), 5, 1, f, 'flat')).toBe('covered');
    // Occupied communities count when asked for; a per-capita cost needs the population.
    expect(
      exclusionOf(unit('UA1200001', { occupiedShare: 1 }), 5, 1, filters({ excludeOccupied: false }), 'flat'),
    ).toBeNull();
    expect(exclusionOf(unit('UA1200001', { population: null }), 5, 1, filters(), 'per_capita')).toBe(
      'populationUnknown',
    );
  });

  it('ranks the eligible by score, ties sharing a rank, and counts what was left out', () => {
    const facts = ['UA0100001', 'UA1200002', 'UA1200001', 'UA1200003', 'UA1200004'].map((p, i) =>
      unit(p, i === 0 ? { isCrimea: true } : {}),
    );
    const score = Float64Array.from([9, 3, 5, 5, NaN]);
    const r = rankEligible(facts, score, new Float64Array(5).fill(1), filters(), 'flat');
    expect([...r.order].map((u) => facts[u]!.pcode)).toEqual(['UA1200001', 'UA1200003', 'UA1200002']);
    expect([...r.ranks]).toEqual([0, 3, 1, 1, 0]);
    expect(r.excluded).toEqual({ occupied: 1, unscored: 1 });
  });

  it('measures a rank change as before − after: positive is up towards rank 1', () => {
    const before = Int32Array.from([1, 2, 0]);
    const after = Int32Array.from([2, 1, 1]);
    expect(rankChange(before, after, 0)).toBe(-1);
    expect(rankChange(before, after, 1)).toBe(1);
    expect(rankChange(before, after, 2)).toBeNull();
  });
});
