import { describe, expect, it } from 'vitest';
import { AggregationMethodSchema } from './model-definition.ts';
import {
  AGGREGATION_METHODS,
  modelStructure,
  resolveAggregations,
  resolveWeights,
  weightsById,
} from './model-structure.ts';
import { fixtureModel } from './test-fixtures.ts';

describe('modelStructure', () => {
  it('flattens the tree into contiguous ranges in definition order', () => {
    const s = modelStructure(fixtureModel());
    expect(s.indicators.map((i) => i.id)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(s.componentIds).toEqual(['exposure', 'revenue', 'transfers']);
    expect(s.dimensionIds).toEqual(['pressure', 'capacity']);
    expect(Array.from(s.componentStart)).toEqual([0, 3, 5, 6]);
    expect(Array.from(s.dimensionStart)).toEqual([0, 1, 3]);
  });
});

describe('resolveWeights', () => {
  const s = modelStructure(fixtureModel());

  it('takes the definition’s weights and applies overrides by node id', () => {
    const w = resolveWeights(s, { revenue: 5, f: 0.5 });
    expect(Array.from(w.dimension)).toEqual([1, 1]);
    expect(Array.from(w.component)).toEqual([1, 5, 1]);
    expect(Array.from(w.indicator)).toEqual([1, 1, 2, 1, 1, 0.5]);
    expect(weightsById(s, w)).toMatchObject({ revenue: 5, f: 0.5, a: 1 });
  });

  it('accepts zero (a node switched off) unless nothing is left', () => {
    expect(() => resolveWeights(s, { a: 0, b: 0, c: 0 })).not.toThrow();
    expect(() => resolveWeights(s, { exposure: 0, revenue: 0, transfers: 0 })).toThrow(
      /nothing left to score/,
    );
    expect(() => resolveWeights(s, { a: 0, b: 0, c: 0, d: 0, e: 0, f: 0 })).toThrow(/nothing left to score/);
  });

  it('rejects unknown ids and bad values', () => {
    expect(() => resolveWeights(s, { g: 1 })).toThrow(/unknown weight id "g"/);
    expect(() => resolveWeights(s, { a: -0.1 })).toThrow(/weight of "a"/);
    expect(() => resolveWeights(s, { a: Infinity })).toThrow(/weight of "a"/);
    expect(() => resolveWeights(s, { a: '2' as unknown as number })).toThrow(/weight of "a"/);
  });
});

describe('resolveAggregations', () => {
  it('knows the same methods as the schema', () => {
    expect([...AGGREGATION_METHODS].sort()).toEqual([...AggregationMethodSchema.options].sort());
  });

  it('overrides levels and rejects unknown levels and methods', () => {
    const m = fixtureModel();
    expect(resolveAggregations(m, { dimension: 'harmonic' })).toEqual({
      index: 'geometric',
      dimension: 'harmonic',
      component: 'arithmetic',
    });
    expect(() => resolveAggregations(m, { indicator: 'geometric' } as never)).toThrow(
      /unknown aggregation level/,
    );
    expect(() => resolveAggregations(m, { component: 'max' as never })).toThrow(/aggregation\.component/);
  });
});
