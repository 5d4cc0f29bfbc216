import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// Honest ranks on the real data (issue #14, item 1; rule in server/model/comparability.ts). Before, the 297
// pre-reform Crimean units and Sevastopol scored 10.0 at 11 % confidence, tied at "1 of 1,767" and pushed the
// highest-scoring hromada of Donetsk oblast down to 295. Expectations are derived from the answer itself
// (scores, confidences, pcodes), never copied numbers.

interface Unit {
  pcode: string;
  oblastPcode?: string;
  score: number | null;
  rank: number | null;
  ranked: boolean;
  unrankedReason: string | null;
  confidence: number;
  band: { median: number | null } | null;
}
interface Scores {
  minConfidence: number;
  rankedCount: number;
  units: Unit[];
}

const crimean = (p: string) => p.startsWith('UA01') || p.startsWith('UA85');

let t: TestApp;
let cpi: Scores;
beforeAll(async () => {
  t = await createTestApp();
  cpi = (await t.getJson<Scores>('/api/models/cpi/scores')).body;
});
afterAll(async () => {
  await t?.close();
});

describe('honest ranks (GET /api/models/cpi/scores)', () => {
  it("uses the model's threshold and states it", async () => {
    const model = await t.getJson<{ confidence: { minForRanking: number } }>('/api/models/cpi');
    // 0.25 for the CPI (data/models/cpi.json): most hromadas' confidence is 0.41–0.45 on today's data,
    // Kyiv's and Crimea's 0.11.
    expect(model.body.confidence.minForRanking).toBe(0.25);
    expect(cpi.minConfidence).toBe(0.25);
    expect(cpi.units.find((u) => u.pcode === 'UA8000000')?.unrankedReason).toBe('low_confidence');
    // The comparable hromadas are most of the 1,469, not none and not all 1,767 units.
    expect(cpi.rankedCount).toBeGreaterThan(1300);
    expect(cpi.rankedCount).toBeLessThan(1470);
  });

  it('never ranks Sevastopol or a pre-reform Crimean unit, and says why', () => {
    const units = cpi.units.filter((u) => crimean(u.pcode));
    expect(units.length).toBeGreaterThan(250);
    for (const u of units) {
      expect(u.rank).toBeNull();
      expect(u.ranked).toBe(false);
      // Scored or not, they are shown apart as "no data since 2014".
      if (u.score !== null) expect(u.unrankedReason).toBe('no_data_since_2014');
      expect(u.band?.median ?? null).toBeNull();
    }
  });

  it('ranks exactly the current hromadas at or above the threshold; others are scored and apart', () => {
    for (const u of cpi.units) {
      const comparable = u.score !== null && !crimean(u.pcode) && u.confidence >= cpi.minConfidence;
      expect(u.ranked).toBe(comparable);
      if (!comparable && u.score !== null && !crimean(u.pcode))
        expect(u.unrankedReason).toBe('low_confidence');
    }
  });

  it('ranks the top of Donetsk oblast among the comparable hromadas only', () => {
    const donetsk = cpi.units
      .filter((u) => u.pcode.startsWith('UA14') && u.ranked)
      .sort((a, b) => b.score! - a.score!);
    const top = donetsk[0]!;
    const above = cpi.units.filter((u) => u.ranked && u.score! > top.score!).length;
    expect(top.rank).toBe(1 + above);
    // Nothing unranked sits above it in the order: before, 294 Crimean units did.
    expect(top.rank).toBeLessThan(295);
  });

  it('has one denominator: rankedCount is the number of ranked units, ranks run 1…rankedCount', () => {
    const ranked = cpi.units.filter((u) => u.ranked);
    expect(cpi.rankedCount).toBe(ranked.length);
    expect(Math.min(...ranked.map((u) => u.rank!))).toBe(1);
    expect(Math.max(...ranked.map((u) => u.rank!))).toBeLessThanOrEqual(cpi.rankedCount);
    // The summary the map reads agrees.
    return t.getJson<Scores>('/api/models/cpi/scores?fields=summary&bands=false').then(({ body }) => {
      expect(body.rankedCount).toBe(cpi.rankedCount);
      expect(body.units.filter((u) => u.ranked)).toHaveLength(cpi.rankedCount);
    });
  });

  it('takes the threshold from minConfidence: 0 ranks Kyiv, never Crimea; a bad value is a 400', async () => {
    const all = (await t.getJson<Scores>('/api/models/cpi/scores?minConfidence=0&bands=false')).body;
    expect(all.minConfidence).toBe(0);
    expect(all.units.find((u) => u.pcode === 'UA8000000')?.ranked).toBe(true);
    expect(all.units.filter((u) => crimean(u.pcode) && u.ranked)).toEqual([]);
    expect(all.rankedCount).toBeGreaterThanOrEqual(cpi.rankedCount);
    const bad = await t.app.request('/api/models/cpi/scores?minConfidence=1.5');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/minConfidence/);
  });

  it('counts the same units in hot spots as in the ranks', async () => {
    const h = await t.getJson<{ units: { pcode: string; p: number | null }[] }>(
      '/api/models/cpi/hotspots?method=gi',
    );
    const tested = h.body.units.filter((u) => u.p !== null);
    expect(tested.length).toBeLessThanOrEqual(cpi.rankedCount);
    expect(tested.filter((u) => crimean(u.pcode))).toEqual([]);
  });

  it('exports the threshold rule: Ranked and Why unranked columns in the CSV', async () => {
    const res = await t.app.request('/api/models/cpi/scores?format=csv&bands=false');
    const lines = (await res.text()).split('\n');
    const header = lines.find((l) => l.startsWith('Hromada pcode'))!;
    expect(header).toContain('Ranked');
    expect(header).toContain('Why unranked');
    const sevastopol = lines.find((l) => l.startsWith('UA85'));
    expect(sevastopol).toContain('no_data_since_2014');
  });
});
