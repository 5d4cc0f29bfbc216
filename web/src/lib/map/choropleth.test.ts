import { describe, expect, it } from 'vitest';
import { buildChoropleth } from './choropleth.ts';

// Honest classes and visible uncertainty (issue #14, items 1–2; rule in server/model/comparability.ts).

const values = new Map<string, number>([
  ['UA0102001', 10], // pre-reform Crimea: scored from old data, not compared
  ['UA0102002', 10],
  ['UA0102003', 10],
  ['UA1400001', 6],
  ['UA1400002', 5],
  ['UA6300001', 4],
  ['UA6300002', 3],
  ['UA4600001', 2],
]);
const comparable = new Set(['UA1400001', 'UA1400002', 'UA6300001', 'UA6300002', 'UA4600001']);

describe('buildChoropleth with comparable units', () => {
  it('sets quantile breaks from the comparable units only', () => {
    const all = buildChoropleth({ values, method: 'quantile', palette: 'ylorrd' });
    const honest = buildChoropleth({ values, method: 'quantile', palette: 'ylorrd', comparable });
    // Five comparable values in five quantile classes: one each, the top class starting at 6 — not at 10,
    // where the three Crimean units would put it.
    expect(honest.classOf.get('UA1400001')).toBe(honest.classification.bins.length - 1);
    expect(honest.classification.bins.reduce((n, b) => n + b.count, 0)).toBe(5);
    expect(all.classification.bins.reduce((n, b) => n + b.count, 0)).toBe(8);
    expect(all.classOf.get('UA1400001')).not.toBe(all.classification.bins.length - 1);
  });

  it('draws the units that are not compared faded, still in the class their value falls in', () => {
    const c = buildChoropleth({ values, method: 'quantile', palette: 'ylorrd', comparable });
    expect(c.marks?.get('UA0102001')).toBe('faded');
    expect(c.marks?.get('UA1400001')).toBeUndefined();
    expect(c.classOf.get('UA0102001')).toBe(c.classification.bins.length - 1);
  });

  it('hides the units below the "hide below" confidence, and only those', () => {
    const confidence = new Map([...values.keys()].map((p) => [p, p.startsWith('UA01') ? 0.11 : 0.42]));
    confidence.set('UA4600001', 0.2);
    const c = buildChoropleth({
      values,
      method: 'quantile',
      palette: 'ylorrd',
      comparable,
      confidence,
      hideBelow: 0.3,
    });
    const hidden = [...(c.marks ?? [])].filter(([, m]) => m === 'hidden').map(([p]) => p);
    expect(hidden.sort()).toEqual(['UA0102001', 'UA0102002', 'UA0102003', 'UA4600001']);
    expect(c.hideBelow).toBe(0.3);
  });

  it('marks nothing for a measure without ranks (an indicator)', () => {
    expect(buildChoropleth({ values, method: 'quantile', palette: 'ylorrd' }).marks).toBeUndefined();
  });
});
