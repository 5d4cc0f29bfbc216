import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// Time for the indices (issue #14 item 5), over the real imported data: the dates the scores change at, the
// scores as of two occupied-area snapshots, one hromada's trend and the profile's one-row scores (pcode).

interface IndexDates {
  model: { id: string };
  dates: { date: string; kinds: string[]; indicatorIds: string[] }[];
}
interface Summary {
  asOf: string | null;
  rankedCount: number;
  units: { pcode: string; score: number | null; rank: number | null; confidence: number }[];
}

let t: TestApp;
let dates: IndexDates;
beforeAll(async () => {
  t = await createTestApp();
  dates = (await t.getJson<IndexDates>('/api/models/cpi/dates')).body;
});
afterAll(async () => {
  await t?.close();
});

describe('GET /api/models/{id}/dates', () => {
  it('lists the occupied-area snapshots, budget years and other periods, oldest first, each with its kind', async () => {
    const list = dates.dates.map((d) => d.date);
    expect(list).toEqual([...list].sort());
    expect(new Set(list).size).toBe(list.length);
    const snapshots = (await t.getJson<{ date: string }[]>('/api/occupied-areas')).body.map((s) => s.date);
    const occupied = dates.dates.filter((d) => d.kinds.includes('occupied_area')).map((d) => d.date);
    expect(occupied).toEqual(snapshots);
    expect(dates.dates.some((d) => d.kinds.includes('budget_year'))).toBe(true);
    for (const d of dates.dates) expect(d.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('answers 404 for an unknown model', async () => {
    expect((await t.app.request('/api/models/nope/dates')).status).toBe(404);
  });
});

describe('asOf between two occupied-area snapshots', () => {
  it("changes at least one hromada's CPI, and a pcode asks for that hromada's row only", async () => {
    const snaps = dates.dates.filter((d) => d.kinds.includes('occupied_area')).map((d) => d.date);
    const [a, b] = [snaps[0]!, snaps.at(-1)!];
    const get = (asOf: string) =>
      t.getJson<Summary>(`/api/models/cpi/scores?fields=summary&bands=false&asOf=${asOf}`);
    const [sa, sb] = [(await get(a)).body, (await get(b)).body];
    const after = new Map(sb.units.map((u) => [u.pcode, u]));
    const changed = sa.units.filter(
      (u) =>
        u.score !== null &&
        after.get(u.pcode)?.score != null &&
        Math.abs(u.score - after.get(u.pcode)!.score!) > 0.01,
    );
    expect(changed.length).toBeGreaterThan(0);

    const one = changed[0]!;
    const row = await t.getJson<Summary>(
      `/api/models/cpi/scores?fields=summary&bands=false&asOf=${a}&pcode=${one.pcode}`,
    );
    expect(row.status).toBe(200);
    expect(row.body.units).toEqual([one]);
    expect(row.body.rankedCount).toBe(sa.rankedCount);
    const full = await t.getJson<Summary>(`/api/models/cpi/scores?bands=false&pcode=${one.pcode}`);
    expect(full.body.units.map((u) => u.pcode)).toEqual([one.pcode]);

    // The trend of that hromada has one point per date, and its score differs at the two snapshots.
    const trend = await t.getJson<{
      points: {
        date: string;
        score: number | null;
        dimensions: Record<string, number | null>;
        indicators: Record<string, number | null>;
      }[];
    }>(`/api/models/cpi/trend?pcode=${one.pcode}`);
    expect(trend.status).toBe(200);
    expect(trend.body.points.map((p) => p.date)).toEqual(dates.dates.map((d) => d.date));
    const at = (d: string) => trend.body.points.find((p) => p.date === d)!;
    // The summary keeps 7 decimals of a score (score-view.ts).
    expect(at(a).score).toBeCloseTo(one.score!, 6);
    expect(at(b).score).toBeCloseTo(after.get(one.pcode)!.score!, 6);
    expect(Object.keys(at(b).dimensions).length).toBeGreaterThan(0);
    expect(at(b).indicators).toHaveProperty('cpi_occupied_share');
  });

  it('answers a 404 naming pcode for an unknown hromada and a 400 for a malformed one', async () => {
    for (const path of ['/api/models/cpi/scores?pcode=UA9999999', '/api/models/cpi/trend?pcode=UA9999999']) {
      const res = await t.app.request(path);
      expect(res.status, path).toBe(404);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/pcode/);
    }
    for (const path of [
      '/api/models/cpi/scores?pcode=kyiv',
      '/api/models/cpi/trend',
      '/api/models/cpi/trend?pcode=1',
    ]) {
      const res = await t.app.request(path);
      expect(res.status, path).toBe(400);
      expect(await res.text()).toMatch(/pcode/);
    }
  });
});
