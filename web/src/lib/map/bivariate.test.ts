import { describe, expect, it } from 'vitest';
import { BIVARIATE_COLOURS } from './palettes.ts';
import { axisStep, buildBivariate, cellOf } from './bivariate.ts';

const units = (n: number, f: (i: number) => number) =>
  new Map(Array.from({ length: n }, (_, i) => [`UA${String(i).padStart(7, '0')}`, f(i)]));

describe('buildBivariate', () => {
  it('puts each hromada in the cell of its two terciles', () => {
    // x rises with i; y falls with i: the low-x units are high-y and the other way round.
    const x = units(9, (i) => i);
    const y = units(9, (i) => 100 - i * 10);
    const b = buildBivariate({ x, y, method: 'quantile' });
    expect(b.x.bins).toHaveLength(3);
    expect(b.y.bins).toHaveLength(3);
    // i = 0..2: x low, y high → row 2, column 0; i = 6..8: x high, y low → row 0, column 2.
    expect(cellOf(b.classOf.get('UA0000000')!)).toEqual({ row: 2, col: 0 });
    expect(cellOf(b.classOf.get('UA0000004')!)).toEqual({ row: 1, col: 1 });
    expect(cellOf(b.classOf.get('UA0000008')!)).toEqual({ row: 0, col: 2 });
    expect(b.counts).toEqual([
      [0, 0, 3],
      [0, 3, 0],
      [3, 0, 0],
    ]);
  });

  it("colours a cell with the scheme's colour of that row and column", () => {
    const x = units(30, (i) => (i * 7) % 30);
    const y = units(30, (i) => (i * 11) % 30);
    const b = buildBivariate({ x, y, method: 'equal' });
    expect(b.colours).toEqual(BIVARIATE_COLOURS.flat());
    for (const [, cls] of b.classOf) {
      const { row, col } = cellOf(cls);
      expect(b.colours[cls]).toBe(BIVARIATE_COLOURS[row]![col]);
      expect(b.grid[row]![col]).toBe(b.colours[cls]);
    }
    expect(b.counts.flat().reduce((a, c) => a + c, 0)).toBe(30);
  });

  it('leaves out a hromada that lacks either value, and classifies only those with both', () => {
    const x = new Map([
      ['A', 1],
      ['B', 2],
      ['C', 3],
      ['D', 4],
      ['E', 1000],
    ]);
    const y = new Map([
      ['A', 10],
      ['B', 20],
      ['C', 30],
      ['D', 40],
      ['F', 50],
    ]);
    const b = buildBivariate({ x, y, method: 'quantile' });
    expect([...b.classOf.keys()].sort()).toEqual(['A', 'B', 'C', 'D']);
    // E (x only) does not stretch the first measure's classes.
    expect(b.x.bins.at(-1)!.upper).toBe(4);
    expect(b.x.n).toBe(4);
  });

  it("uses terciles when asked for the model's five classes", () => {
    const x = units(12, (i) => i);
    const b = buildBivariate({ x, y: x, method: 'fixed' });
    expect(b.x.kind).toBe('quantile');
    expect(b.x.bins).toHaveLength(3);
  });

  it('puts a yes/no measure at the two ends of its axis', () => {
    const x = units(10, (i) => i);
    const flag = units(10, (i) => (i % 2 === 0 ? 1 : 0));
    const b = buildBivariate({ x, y: flag, method: 'quantile' });
    expect(b.y.kind).toBe('categories');
    const rows = new Set([...b.classOf.values()].map((c) => cellOf(c).row));
    expect([...rows].sort()).toEqual([0, 2]);
  });
});

describe('axisStep', () => {
  it('spreads fewer than three classes to the ends', () => {
    expect([0, 1, 2].map((c) => axisStep(c, 3))).toEqual([0, 1, 2]);
    expect([0, 1].map((c) => axisStep(c, 2))).toEqual([0, 2]);
    expect(axisStep(0, 1)).toBe(0);
  });
});
