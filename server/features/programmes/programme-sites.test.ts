import { describe, expect, it } from 'vitest';
import { resolveSites } from './programme-sites.ts';

const known = new Set(['UA6312027', 'UA6314017', 'UA2604019']);
const programme = { period_start: '2025-01-01', period_end: '2025-12-31' };

describe('resolveSites', () => {
  it("reads pcodes and KATOTTG codes, and takes the programme's period where a site gives none", () => {
    const { sites, problems } = resolveSites(
      [
        { pcode: ' ua6312027 ' },
        { pcode: 'UA63140170000087785', periodStart: '2025-03-01', periodEnd: null, reached: 40 },
      ],
      known,
      programme,
    );
    expect(problems).toEqual([]);
    expect(sites).toEqual([
      { unit_pcode: 'UA6312027', period_start: '2025-01-01', period_end: '2025-12-31', reached: null },
      { unit_pcode: 'UA6314017', period_start: '2025-03-01', period_end: null, reached: 40 },
    ]);
  });

  it('reports every bad site with its index and why', () => {
    const { problems } = resolveSites(
      [
        { pcode: 'UA6312027' },
        { pcode: 'UA63' },
        { pcode: 'kharkiv' },
        { pcode: 'UA9999999' },
        { pcode: 'UA6312027' },
        { pcode: 'UA2604019', periodStart: '2025-06-01', periodEnd: '2025-05-01' },
      ],
      known,
      programme,
    );
    expect(problems.map((p) => [p.index, p.pcode])).toEqual([
      [1, 'UA63'],
      [2, 'kharkiv'],
      [3, 'UA9999999'],
      [4, 'UA6312027'],
      [5, 'UA2604019'],
    ]);
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/oblast pcode; a hromada \(ADM3\) pcode/),
      expect.stringMatching(/neither a hromada pcode/),
      'no hromada UA9999999 in the imported boundaries',
      'UA6312027 from 2025-01-01 is already at index 0',
      'periodEnd 2025-05-01 is before periodStart 2025-06-01',
    ]);
  });
});
