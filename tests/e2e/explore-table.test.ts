import { describe, expect, it } from 'vitest';
import { hasChromium } from '../support/browser.ts';
import { clientInBrowser } from '../support/web-client.ts';

// Issue #14 item 4, in a real Chromium over the real app and imported data: "the top 5 in Donetsk oblast" comes
// straight out of the Explore view's table, in the oblast the view is filtered to, without going to Target.
// The expected answer is read from the API (the index's ranks), not copied from the client.

interface ScoreRow {
  pcode: string;
  nameUk: string;
  oblastPcode: string;
  rank: number | null;
}

describe.skipIf(!hasChromium())('the Explore table in a real browser', () => {
  const env = clientInBrowser();

  it('lists the top 5 of Donetsk oblast by the index, as the API ranks them', async () => {
    const { status, body } = await env.server.test.getJson<{ units: ScoreRow[] }>(
      '/api/models/cpi/scores?bands=false',
    );
    expect(status).toBe(200);
    const collator = new Intl.Collator('uk');
    const expected = body.units
      .filter((u) => u.oblastPcode === 'UA14' && u.rank !== null)
      .sort((a, b) => a.rank! - b.rank! || collator.compare(a.nameUk, b.nameUk))
      .slice(0, 5)
      .map((u) => u.nameUk);
    expect(expected).toHaveLength(5);

    const client = await env.open('/?ob=UA14');
    const { page } = client;
    await page.getByRole('button', { name: /Таблиця/ }).click();
    await page.waitForSelector('#explore-table tbody tr');
    const names = await page.$$eval('#explore-table tbody tr th button', (els) =>
      els.map((e) => e.textContent!.trim()),
    );
    expect(names.slice(0, 5)).toEqual(expected);
    // Only Donetsk oblast's hromadas are listed.
    const pcodes = await page.$$eval('#explore-table tbody tr', (els) =>
      els.map((e) => e.getAttribute('data-pcode')!),
    );
    expect(pcodes.length).toBe(body.units.filter((u) => u.oblastPcode === 'UA14').length);
    expect(pcodes.every((p) => p.startsWith('UA14'))).toBe(true);

    // In step with the map: a click on a row opens the hromada (the profile), and the row shows it is open.
    await page.locator('#explore-table tbody tr th button').nth(2).click();
    await page.waitForFunction(
      (name) => document.querySelector('#profile-title')?.textContent?.trim() === name,
      expected[2],
    );
    expect(
      await page.locator('#explore-table tbody tr[aria-selected="true"]').getAttribute('data-pcode'),
    ).toBe(pcodes[2]);
  });
});
