import { describe, expect, it } from 'vitest';
import { hasChromium } from '../support/browser.ts';
import { clientInBrowser } from '../support/web-client.ts';

// Issue #14 item 5: the API's asOf changed the CPI of hundreds of hromadas between occupied-area snapshots,
// but the UI had no way to see it. An analyst sets the as-of date, sees it stated and the score change,
// opens the change map between two dates, and reads the profile's sparklines.

interface Summary {
  units: { pcode: string; score: number | null }[];
}

describe.skipIf(!hasChromium())('time for the indices (issue #14, item 5)', () => {
  const env = clientInBrowser();

  it('sets as-of, states the date, re-scores, compares two dates and shows sparklines', async () => {
    const dates = (
      await env.server.test.getJson<{ dates: { date: string; kinds: string[] }[] }>('/api/models/cpi/dates')
    ).body.dates;
    const first = dates.find((d) => d.kinds.includes('occupied_area'))!.date;
    const get = (q: string) =>
      env.server.test.getJson<Summary>(`/api/models/cpi/scores?fields=summary&bands=false${q}`);
    const [then, now] = [(await get(`&asOf=${first}`)).body, (await get('')).body];
    const nowBy = new Map(now.units.map((u) => [u.pcode, u.score]));
    // A hromada whose score, shown with one decimal, differs.
    const u = then.units.find(
      (x) => x.score !== null && nowBy.get(x.pcode) != null && Math.abs(x.score - nowBy.get(x.pcode)!) > 0.2,
    )!;
    expect(u).toBeDefined();

    const c = await env.open(`/?sel=${u.pcode}&lang=en`);
    const { page } = c;
    const stated = page.locator('#asof-stated');
    await stated.waitFor();
    expect(await stated.textContent()).toContain('As of now');
    const big = page.locator('.score .big');
    await page.waitForFunction(
      (want) => document.querySelector('.score .big')?.textContent?.trim() === want,
      (Math.round(nowBy.get(u.pcode)! * 10) / 10).toFixed(1),
    );

    // The sparklines: one per dimension at least, named with first and last values.
    const sparks = page.locator('#profile-index-tree [data-testid="sparkline"]');
    await sparks.first().waitFor();
    expect(await sparks.count()).toBeGreaterThan(3);
    expect(await sparks.first().getAttribute('aria-label')).toMatch(/→/);

    await page.locator('#asof-select').selectOption(first);
    await page.waitForFunction(
      (want) => document.querySelector('.score .big')?.textContent?.trim() === want,
      (Math.round(u.score! * 10) / 10).toFixed(1),
    );
    expect(await stated.textContent()).toMatch(/As of \d/);
    expect(page.url()).toContain(`asof=${first}`);
    expect(await big.textContent()).not.toBe((Math.round(nowBy.get(u.pcode)! * 10) / 10).toFixed(1));

    // The change map between two dates: the first snapshot against now.
    await page.locator('#change-mode-dates').check();
    await page.locator('#date-change-count').waitFor();
    expect(await page.locator('#date-change-count').textContent()).toMatch(/changed/);
    expect(page.url()).toContain('chm=dates');
    // The legend says what the colours now mean: the change, from the first snapshot to now.
    await expect.poll(() => page.locator('#legend-title').textContent()).toMatch(/^Change: /);
    expect(await page.locator('#legend-asof').textContent()).toMatch(/^from .+ to /);
    // …and not the index's own scale, which would misread a change as a score.
    expect(await page.locator('#legend-body').textContent()).not.toContain('higher = worse');
    expect(c.problems).toEqual([]);
  });
});
