import { describe, expect, it } from 'vitest';
import { formatTable, median, met, ratioSpread, sideBySide, type Row } from './measure.ts';

describe('bench measurement', () => {
  it('takes medians', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('alternates the order of the sides round by round, after the warm-up', async () => {
    const order: string[] = [];
    let n = 0;
    const r = await sideBySide({
      rounds: 4,
      warmups: 1,
      a: async () => (order.push('a'), 10 + n++),
      b: async () => (order.push('b'), 5),
    });
    expect(order).toEqual(['a', 'b', 'a', 'b', 'b', 'a', 'a', 'b', 'b', 'a']);
    expect(r.b).toEqual([5, 5, 5, 5]);
    expect(r.medianA).toBe(12.5);
    expect(r.ratio).toBe(2.5);
  });

  it('judges goals both ways and prints a Markdown table', () => {
    const row: Row = {
      id: 'B1',
      what: 'x',
      engine: '-',
      a: { value: 900, unit: 'req/s', label: 'Hono' },
      b: { value: 1000, unit: 'req/s', label: 'node:http' },
      ratio: 0.9,
      goal: { op: '>=', value: 0.85 },
    };
    expect(met(row)).toBe(true);
    expect(met({ ...row, goal: { op: '<=', value: 0.5 } })).toBe(false);
    expect(met({ ...row, goal: null })).toBeNull();
    const table = formatTable([row]).split('\n');
    expect(table).toHaveLength(3);
    expect(table[2]).toContain('Hono 900 req/s');
    expect(table[2]).toContain('≥ 0.85');
    expect(table[2]).toContain('yes');
  });
});

describe('ratioSpread', () => {
  it('gives the lowest and highest per-round ratio, which formatTable prints beside the median ratio', () => {
    const r = { a: [9, 10, 12], b: [10, 10, 10], medianA: 10, medianB: 10, ratio: 1 };
    expect(ratioSpread(r)).toEqual([0.9, 1.2]);
    const row: Row = {
      id: 'B1',
      what: 'x',
      engine: '–',
      a: null,
      b: null,
      ratio: 1,
      spread: ratioSpread(r),
      goal: { op: '>=', value: 0.85 },
    };
    expect(formatTable([row])).toContain('1.00 (0.90–1.20)');
  });
});
