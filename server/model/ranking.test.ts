import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareRanks, competitionRanks, rankInto } from './ranking.ts';

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
    const sorted = new Float64Array(3);
    rankInto(Float64Array.from([1, NaN, 2]), out, sorted);
    expect(Array.from(out)).toEqual([2, 0, 1]);
    rankInto(Float64Array.from([4, 4, 4]), out, sorted);
    expect(Array.from(out)).toEqual([1, 1, 1]);
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
