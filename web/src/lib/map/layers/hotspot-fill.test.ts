import { describe, expect, it } from 'vitest';
import type { HotspotUnit, Hotspots } from '../../api/index.ts';
import { fillLegend, fillsOf, significanceBounds } from './hotspot-fill.ts';

// FIXTURE: five made-up hromadas with made-up p- and q-values, to test the cluster and significance maps'
// classes; not the result of a real analysis.
const unit = (
  pcode: string,
  cluster: HotspotUnit['cluster'],
  p: number | null,
  q: number | null,
): HotspotUnit => ({
  pcode,
  nameUk: pcode,
  nameEn: pcode,
  score: 1,
  lag: 1,
  p,
  q,
  cluster,
});
const lisa = (adjust: 'bh' | 'none'): Hotspots =>
  ({
    model: { id: 'cpi', version: '1' },
    method: 'lisa',
    settings: { permutations: 999, seed: 1, alpha: 0.05, adjust },
    globalMoran: null,
    watchList: [],
    units: [
      unit('A', 'HH', 0.001, 0.004),
      unit('B', 'LL', 0.004, 0.03),
      unit('C', 'LH', 0.02, 0.045),
      unit('D', 'ns', 0.3, 0.6),
      unit('E', null, null, null),
    ],
  }) as Hotspots;

describe('the hot-spot fills', () => {
  it('draws nothing as outlines', () => {
    expect(fillsOf(lisa('none'), 'outline').size).toBe(0);
    expect(fillsOf(null, 'cluster').size).toBe(0);
  });

  it('fills the cluster map GeoDa style, with not significant and left out apart', () => {
    const fills = fillsOf(lisa('none'), 'cluster');
    expect(Object.fromEntries(fills)).toEqual({ A: 'HH', B: 'LL', C: 'LH', D: 'ns', E: 'out' });
    const legend = fillLegend(lisa('none'), 'cluster', fills);
    expect(legend.map((e) => [e.fill, e.colour, e.count])).toEqual([
      ['HH', '#ff0000', 1],
      ['LL', '#0000ff', 1],
      ['LH', '#a7adf9', 1],
      ['HL', '#f4ada8', 0],
      ['ns', '#eeeeee', 1],
      ['out', '#9a9a9a', 1],
    ]);
  });

  it('classes the significance map by the p-value, or by q when the analysis controls the FDR', () => {
    expect(significanceBounds(0.05)).toEqual([0.001, 0.01, 0.05]);
    expect(significanceBounds(0.01)).toEqual([0.001, 0.01]);
    expect(Object.fromEntries(fillsOf(lisa('none'), 'significance'))).toEqual({
      A: 'p3',
      B: 'p2',
      C: 'p1',
      D: 'ns',
      E: 'out',
    });
    // With Benjamini–Hochberg the same units are classed by their (larger) q-values.
    expect(Object.fromEntries(fillsOf(lisa('bh'), 'significance'))).toEqual({
      A: 'p2',
      B: 'p1',
      C: 'p1',
      D: 'ns',
      E: 'out',
    });
    const legend = fillLegend(lisa('none'), 'significance', fillsOf(lisa('none'), 'significance'));
    expect(legend.map((e) => [e.fill, e.bound, e.count])).toEqual([
      ['p3', 0.001, 1],
      ['p2', 0.01, 1],
      ['p1', 0.05, 1],
      ['ns', undefined, 1],
      ['out', undefined, 1],
    ]);
  });

  it('with alpha 0.01 the significance map has two classes, the strongest still darkest', () => {
    const data = { ...lisa('none'), settings: { alpha: 0.01, adjust: 'none' as const } };
    expect(Object.fromEntries(fillsOf(data, 'significance'))).toMatchObject({ A: 'p3', B: 'p2' });
    expect(fillLegend(data, 'significance', new Map()).map((e) => e.fill)).toEqual(['p3', 'p2', 'ns', 'out']);
  });

  it('fills Gi* hot and cold spots like high-high and low-low', () => {
    const gi = {
      ...lisa('none'),
      method: 'gi',
      units: [
        { ...unit('A', undefined, 0.001, 0.001), hotspot: 'hot' },
        { ...unit('B', undefined, 0.01, 0.01), hotspot: 'cold' },
        { ...unit('C', undefined, 0.5, 0.5), hotspot: 'ns' },
      ],
    } as Hotspots;
    const fills = fillsOf(gi, 'cluster');
    expect(Object.fromEntries(fills)).toEqual({ A: 'hot', B: 'cold', C: 'ns' });
    expect(fillLegend(gi, 'cluster', fills).map((e) => e.fill)).toEqual(['hot', 'cold', 'ns', 'out']);
  });
});
