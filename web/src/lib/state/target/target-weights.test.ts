import { describe, expect, it } from 'vitest';
import { parseModelDefinition } from '../../../../../server/model/model-definition.ts';
import { DEFINITIONS } from '../../testing/target-fake-api.ts';
import {
  WEIGHT_MAX,
  WEIGHT_MIN,
  normaliseOverrides,
  roundWeight,
  sameWeights,
  shareOf,
  weightTree,
  withWeight,
} from './target-weights.ts';

const cpi = parseModelDefinition(DEFINITIONS.cpi, 'cpi');

describe('target-weights', () => {
  it('gives the dimensions and their components with the default weights, in the definition’s order', () => {
    const tree = weightTree(cpi);
    expect(tree.map((d) => [d.id, d.defaultWeight, d.children.map((c) => c.id)])).toEqual([
      ['pressure', 1, ['war']],
      ['capacity', 1, ['fiscal', 'social']],
    ]);
  });

  it('shows a weight as its share of its level', () => {
    const [pressure, capacity] = weightTree(cpi) as [
      ReturnType<typeof weightTree>[number],
      ReturnType<typeof weightTree>[number],
    ];
    const tree = [pressure, capacity];
    expect(shareOf(pressure, tree, {})).toBe(0.5);
    expect(shareOf(pressure, tree, { pressure: 3 })).toBe(0.75);
    expect(shareOf(capacity.children[0]!, capacity.children, { social: 4 })).toBe(0.2);
  });

  it('keeps only real changes: a weight moved back to its default is no override', () => {
    const [pressure] = weightTree(cpi);
    const moved = withWeight({}, pressure!, 2);
    expect(moved).toEqual({ pressure: 2 });
    expect(withWeight(moved, pressure!, 1)).toEqual({});
  });

  it('drops unknown ids, defaults and impossible weights from a saved scenario, and keeps 0 (switched off)', () => {
    expect(
      normaliseOverrides(cpi, { pressure: 2, capacity: 1, gone: 3, war: 0, c_occ: 2, social: -1 }),
    ).toEqual({
      weights: { pressure: 2, war: 0, c_occ: 2 },
      unknown: ['gone'],
    });
  });

  it('puts slider values on their steps and inside the slider', () => {
    expect(roundWeight(0.30000000000000004)).toBe(0.3);
    expect(roundWeight(0)).toBe(WEIGHT_MIN);
    expect(roundWeight(99)).toBe(WEIGHT_MAX);
    expect(sameWeights({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(sameWeights({ a: 1 }, { a: 1, b: 2 })).toBe(false);
  });
});
