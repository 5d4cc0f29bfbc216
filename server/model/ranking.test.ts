import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareRanks, competitionRanks, createRankScratch, rankInto } from './ranking.ts';

describe('competitionRanks', () => {
  it('ranks the highest score first and gives ties the same rank ("1224")', () => {
    expect(competitionRanks([5, 9, 7, 7, 1])).toEqual([4, 1, 2, 2, 5]);
    expect(competitionRanks([3, 3, 3])).toEqual([1, 1, 1]);
  });

  it('leaves unscored units unranked and does not count them', () => {
    expect(competitionRanks([null, 2, NaN, 8])).toEqual([null, 2, null, 1]);
    expect(competitionRanks([])).toEqual([]);
  });

  it('equals 1 + the number of strictly higher scores (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.integer({ min: 0, max: 6 }), { nil: null }), { maxLength: 40 }),
        (scores) => {
          const ranks = competitionRanks(scores);
          scores.forEach((s, i) => {
            if (s === null) expect(ranks[i]).toBeNull();
            else expect(ranks[i]).toBe(1 + scores.filter((t) => t !== null && t > s).length);
          });
        },
      ),
    );
  });

  it('rankInto reuses its buffers', () => {
    const out = new Int32Array(3);
    const scratch = createRankScratch(3);
    rankInto(Float64Array.from([1, NaN, 2]), out, scratch);
    expect(Array.from(out)).toEqual([2, 0, 1]);
    rankInto(Float64Array.from([4, 4, 4]), out, scratch);
    expect(Array.from(out)).toEqual([1, 1, 1]);
    rankInto(Float64Array.from([NaN, NaN, NaN]), out, scratch);
    expect(Array.from(out)).toEqual([0, 0, 0]);
  });
});

describe('rankInto', () => {
  /** 1 + the number of strictly higher scores, by counting: the definition, in O(n²). */
  const naive = (scores: number[]) =>
    scores.map((s) => (s !== s ? 0 : 1 + scores.filter((t) => t > s).length));
  const rank = (scores: number[]) => {
    const out = new Int32Array(scores.length).fill(-1);
    rankInto(Float64Array.from(scores), out, createRankScratch(scores.length));
    return Array.from(out);
  };

  it('equals the definition for any doubles, ties, signed zeros and NaN (property)', () => {
    const score = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constantFrom(0, -0, 1, 2.5, 10, NaN),
      fc.integer({ min: 0, max: 3 }),
    );
    fc.assert(
      fc.property(fc.array(score, { maxLength: 60 }), (s) => {
        expect(rank(s)).toEqual(naive(s));
      }),
    );
  });

  it('stays exact when scores crowd into few buckets (the sort fallback) and for a whole map', () => {
    // One outlier stretches the range, so the rest share the first buckets: more shifts than the budget.
    const crowded = [1e6, ...Array.from({ length: 500 }, (_, i) => ((i * 7919) % 500) / 1e4)];
    expect(rank(crowded)).toEqual(naive(crowded));
    const spread = Array.from({ length: 1769 }, (_, i) => (i % 13 === 0 ? NaN : Math.sin(i) * 5 + 5));
    expect(rank(spread)).toEqual(naive(spread));
    const ties = Array.from({ length: 300 }, (_, i) => (i % 4) * 2.5);
    expect(rank(ties)).toEqual(naive(ties));
  });
});

describe('compareRanks', () => {
  it('gives before − after per unit, positive when the unit moved towards rank 1', () => {
    const before = [
      { pcode: 'A', rank: 1 },
      { pcode: 'B', rank: 2 },
      { pcode: 'C', rank: null },
      { pcode: 'D', rank: 3 },
    ];
    const after = [
      { pcode: 'B', rank: 1 },
      { pcode: 'A', rank: 3 },
      { pcode: 'C', rank: 2 },
      { pcode: 'E', rank: 4 },
    ];
    expect(compareRanks(before, after)).toEqual([
      { pcode: 'B', before: 2, after: 1, change: 1 },
      { pcode: 'A', before: 1, after: 3, change: -2 },
      { pcode: 'C', before: null, after: 2, change: null },
      { pcode: 'E', before: null, after: 4, change: null },
      { pcode: 'D', before: 3, after: null, change: null },
    ]);
  });
});
