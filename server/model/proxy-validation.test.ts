import { describe, expect, it } from 'vitest';
import { parseModelDefinition } from './model-definition.ts';
import { spearman, validateProxies } from './proxy-validation.ts';
import { fixtureModelInput } from './test-fixtures.ts';

describe('spearman', () => {
  it('is 1 for a monotone relation, −1 for a reversed one, over the units both have', () => {
    expect(spearman([1, 2, 3, null, 5], [10, 20, 30, 40, 1000]).rho).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toEqual({ rho: -1, n: 4 });
    expect(spearman([1, 2, 3, null], [1, null, 3, 4])).toEqual({ rho: null, n: 2 });
  });

  it('uses average ranks for ties (Pearson over ranks)', () => {
    // ranks x: 1.5 1.5 3 4 · y: 1 2 3 4 → r = 4.5 / √(4.5 · 5) = √0.9
    expect(spearman([0, 0, 1, 2], [1, 2, 3, 4]).rho).toBeCloseTo(Math.sqrt(0.9), 12);
  });
});

describe('validateProxies', () => {
  const text = (en: string) => ({ uk: en, en });
  const node = (id: string, proxy: boolean) => ({
    id,
    indicatorId: id,
    period: 'latest' as const,
    weight: 1,
    direction: 'higher_is_worse' as const,
    transform: { type: 'none' as const },
    goalposts: { min: 0, max: 10 },
    ...(proxy ? { proxy: true } : {}),
  });
  const model = parseModelDefinition(
    {
      ...fixtureModelInput(),
      id: 'm',
      aggregation: { index: 'arithmetic', dimension: 'arithmetic', component: 'arithmetic' },
      dimensions: [
        {
          id: 'pressure',
          name: text('p'),
          weight: 1,
          components: [{ id: 'x', name: text('x'), weight: 1, indicators: [node('px', false)] }],
        },
        {
          id: 'social',
          name: text('s'),
          weight: 1,
          components: [
            { id: 'c', name: text('c'), weight: 1, indicators: [node('own', false), node('q', true)] },
          ],
        },
      ],
    },
    'm',
  );

  it('counts coverage and the units scored from proxies, and compares the index with them on and off', () => {
    const v = validateProxies(
      model,
      {
        units: ['A', 'B', 'C', 'D'],
        columns: {
          px: { values: [1, 2, 3, 4], period: '2024' },
          own: { values: [5, null, null, null], period: '2024' },
          q: { values: [9, 8, null, 1], period: '2024' },
        },
      },
      [100, 200, 300, 400],
      [[1], [0, 2], [1, 3], [2]],
      'pressure',
      'social',
    );
    expect(v.coverage).toEqual([{ node: 'q', component: 'c', present: 3, share: 0.75 }]);
    expect(v.proxyScored).toEqual([{ component: 'c', units: 2 }]);
    expect(v.against[0]!.pressure).toEqual({ rho: -1, n: 3 });
    expect(v.ranks.scoredBoth).toBe(4);
  });
});
