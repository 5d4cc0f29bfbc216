import { describe, expect, it } from 'vitest';
import { trendGeometry, type TrendInput } from './trend-geometry.ts';

const point = (date: string, score: number | null, ci: [number, number] | null = null): TrendInput => ({
  date,
  score,
  ciLow: ci?.[0] ?? null,
  ciHigh: ci?.[1] ?? null,
  insufficient: score === null,
});

describe('trendGeometry', () => {
  it('places rounds by date and scores on the fixed 0–10 scale, whiskers at the interval ends', () => {
    const g = trendGeometry(
      [point('2030-01-01', 0, [0, 2]), point('2030-07-02', 5, [4, 6]), point('2031-01-01', 10)],
      { width: 240, height: 130 },
    );
    const { left, right, top, bottom } = g.plot;
    expect(g.marks.map((m) => m.x)).toEqual([left, expect.closeTo((left + right) / 2, 0), right]);
    expect(g.marks.map((m) => m.y)).toEqual([bottom, (top + bottom) / 2, top]);
    expect(g.marks[1]!.whisker).toEqual({
      top: bottom - 0.6 * (bottom - top),
      bottom: bottom - 0.4 * (bottom - top),
    });
    expect(g.marks[2]!.whisker).toBeNull();
    expect(g.line.split(' ')).toHaveLength(3);
  });

  it('leaves a round without a number off the line, and keeps it on the axis', () => {
    const g = trendGeometry([
      point('2030-01-01', 4, [3, 5]),
      point('2030-06-01', null),
      point('2031-01-01', 6),
    ]);
    expect(g.marks[1]!.y).toBeNull();
    expect(g.marks[1]!.whisker).toBeNull();
    expect(g.line.match(/[ML]/g)).toEqual(['M', 'L']);
  });

  it('centres a single round and draws no line', () => {
    const g = trendGeometry([point('2030-01-01', 7, [6, 8])], { width: 200, height: 100 });
    expect(g.marks[0]!.x).toBe((g.plot.left + g.plot.right) / 2);
    expect(g.line).toBe('');
  });

  it('writes the first and last dates and drops those that would overlap', () => {
    const g = trendGeometry(
      [point('2030-01-01', 1), point('2030-01-10', 2), point('2030-06-01', 3), point('2030-06-05', 4)],
      { width: 300, height: 120 },
    );
    expect(g.labelled).toEqual([0, 3]);
  });
});
