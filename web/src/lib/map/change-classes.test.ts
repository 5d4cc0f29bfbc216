import { describe, expect, it } from 'vitest';
import { changeChoropleth, changeClass } from './change-classes.ts';

describe('change classes', () => {
  it('centres a class on no change and puts values on a threshold in the class above', () => {
    expect([-5, -2, -1, -0.5, 0, 0.49, 0.5, 1.99, 2, 8].map(changeClass)).toEqual([
      0, 1, 1, 2, 2, 2, 3, 3, 4, 4,
    ]);
  });

  it('classes every community with two rounds and counts each class', () => {
    const c = changeChoropleth([
      { pcode: 'UA6312001', difference: 3 },
      { pcode: 'UA6312005', difference: 0.5 },
      { pcode: 'UA6314017', difference: -2.5 },
    ]);
    expect([...c.classOf]).toEqual([
      ['UA6312001', 4],
      ['UA6312005', 3],
      ['UA6314017', 0],
    ]);
    expect(c.classification.bins.map((b) => b.count)).toEqual([1, 0, 0, 1, 1]);
    expect(c.colours).toHaveLength(5);
  });

  it('is empty, never invented, with no communities', () => {
    const c = changeChoropleth([]);
    expect(c.classOf.size).toBe(0);
    expect(c.classification.n).toBe(0);
  });
});
