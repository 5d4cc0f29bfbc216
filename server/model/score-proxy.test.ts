import { describe, expect, it } from 'vitest';
import type { IndicatorMatrix } from './indicator-matrix.ts';
import type { ModelDefinitionInput } from './model-definition.ts';
import { parseModelDefinition } from './model-definition.ts';
import { ModelInputError } from './model-error.ts';
import { fixtureModelInput } from './test-fixtures.ts';
import { createScorer, scoreModel } from './score.ts';

// The proxy path (score-core.ts, issue #13) on a hand-made model, every aggregation arithmetic:
//   social (w 1) ── cohesion (w 1): assess 0–10 better · proxies p1, p2 0–100 better (coverage rule: 2 of 2)
//   pressure (w 1) ── exposure (w 1): x 0–10 worse
// Every period is 2024, one year before the reference date: age factor 1.
// A: assess 2 → 8 (p1, p2 ignored) · x 4 → 4:  cohesion 8 (own), index (8 + 4)/2 = 6, confidence 1
// B: assess –, p1 30 → 7, p2 10 → 9:  cohesion (7 + 9)/2 = 8 from proxies, index 6,
//    confidence ½ (exposure) + ½ × proxyWeight ½ (cohesion) = ¾, coverage 1
// C: no social value: cohesion –, index 4, confidence ½, coverage ½
// D: assess –, p1 30 only: 1 of 2 proxies, below the coverage rule: cohesion –, index 4
const text = (en: string) => ({ uk: `${en} (uk)`, en });
const indicator = (id: string, max: number, direction: 'higher_is_worse' | 'higher_is_better') => ({
  id,
  indicatorId: `ind_${id}`,
  period: 'latest' as const,
  weight: 1,
  direction,
  transform: { type: 'none' as const },
  goalposts: { min: 0, max },
});

function proxyModelInput(withProxies = true): ModelDefinitionInput {
  return {
    ...fixtureModelInput(),
    id: 'proxied',
    aggregation: { index: 'arithmetic', dimension: 'arithmetic', component: 'arithmetic' },
    dimensions: [
      {
        id: 'social',
        name: text('Social'),
        weight: 1,
        components: [
          {
            id: 'cohesion',
            name: text('Cohesion'),
            weight: 1,
            indicators: [
              indicator('assess', 10, 'higher_is_better'),
              ...(withProxies
                ? [
                    { ...indicator('p1', 100, 'higher_is_better'), proxy: true },
                    { ...indicator('p2', 100, 'higher_is_better'), proxy: true },
                  ]
                : []),
            ],
          },
        ],
      },
      {
        id: 'pressure',
        name: text('Pressure'),
        weight: 1,
        components: [
          {
            id: 'exposure',
            name: text('Exposure'),
            weight: 1,
            indicators: [indicator('x', 10, 'higher_is_worse')],
          },
        ],
      },
    ],
  };
}

const MATRIX: IndicatorMatrix = {
  units: ['A', 'B', 'C', 'D'],
  columns: {
    assess: { values: [2, null, null, null], period: '2024' },
    p1: { values: [50, 30, null, 30], period: '2024' },
    p2: { values: [50, 10, null, null], period: '2024' },
    x: { values: [4, 4, 4, 4], period: '2024' },
  },
};
const { p1: _p1, p2: _p2, ...WITHOUT_PROXY_COLUMNS } = MATRIX.columns;

const model = () => parseModelDefinition(proxyModelInput(), 'proxied');

function unit(result: ReturnType<typeof scoreModel>, pcode: string) {
  const u = result.units.find((x) => x.pcode === pcode);
  if (!u) throw new Error(`no ${pcode}`);
  return u;
}

describe('proxy indicators', () => {
  it('lets an assessment of the component replace its proxies', () => {
    const a = unit(scoreModel(model(), MATRIX), 'A');
    expect(a.components.cohesion).toBeCloseTo(8, 12);
    expect(a.proxyComponents).toEqual([]);
    expect(a.score).toBeCloseTo(6, 12);
    expect(a.confidence).toBeCloseTo(1, 12);
  });

  it('scores a component from its proxies where it has no own value, marked and at lower confidence', () => {
    const b = unit(scoreModel(model(), MATRIX), 'B');
    expect(b.components.cohesion).toBeCloseTo(8, 12);
    expect(b.proxyComponents).toEqual(['cohesion']);
    expect(b.score).toBeCloseTo(6, 12);
    expect(b.coverage).toBeCloseTo(1, 12);
    expect(b.confidence).toBeCloseTo(0.75, 12);
  });

  it('leaves the component missing when its proxies are missing or below the coverage rule', () => {
    const result = scoreModel(model(), MATRIX);
    for (const pcode of ['C', 'D']) {
      const u = unit(result, pcode);
      expect(u.components.cohesion).toBeNull();
      expect(u.proxyComponents).toEqual([]);
      expect(u.score).toBeCloseTo(4, 12);
      expect(u.confidence).toBeCloseTo(0.5, 12);
    }
  });

  it('with useProxies false gives exactly what the model without proxies gives', () => {
    const off = scoreModel(model(), MATRIX, { useProxies: false });
    const before = scoreModel(parseModelDefinition(proxyModelInput(false), 'plain'), {
      units: MATRIX.units,
      columns: WITHOUT_PROXY_COLUMNS,
    });
    expect(
      off.units.map((u) => [u.score, u.components, u.proxyComponents, u.coverage, u.confidence]),
    ).toEqual(before.units.map((u) => [u.score, u.components, u.proxyComponents, u.coverage, u.confidence]));
    expect(unit(off, 'B').components.cohesion).toBeNull();
    expect(off.weights.p1).toBe(0);
  });

  it('re-scores the same data with proxies switched off and on again as a fresh scorer does', () => {
    const scorer = createScorer(model(), MATRIX);
    scorer.score({ useProxies: false });
    expect(scorer.score()).toEqual(scoreModel(model(), MATRIX));
    expect(scorer.score({ useProxies: false })).toEqual(scoreModel(model(), MATRIX, { useProxies: false }));
  });

  it('counts a proxy-based component at the model proxyWeight in confidence', () => {
    const input = proxyModelInput();
    input.confidence = { ...input.confidence, proxyWeight: 0.2 };
    const b = unit(scoreModel(parseModelDefinition(input, 'proxied'), MATRIX), 'B');
    expect(b.confidence).toBeCloseTo(0.5 + 0.5 * 0.2, 12);
  });

  it('validates proxy flags and proxyWeight, defaulting proxyWeight to ½', () => {
    expect(model().confidence.proxyWeight).toBe(0.5);
    const badWeight = proxyModelInput();
    badWeight.confidence = { ...badWeight.confidence, proxyWeight: 1.5 };
    expect(() => parseModelDefinition(badWeight, 'm')).toThrow(ModelInputError);
    const badFlag = JSON.parse(JSON.stringify(proxyModelInput())) as {
      dimensions: { components: { indicators: { proxy?: unknown }[] }[] }[];
    };
    (badFlag.dimensions[0]!.components[0]!.indicators[1] as { proxy?: unknown }).proxy = 'yes';
    expect(() => parseModelDefinition(badFlag, 'm')).toThrow(/proxy/);
  });
});
