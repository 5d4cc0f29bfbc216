import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hasChromium } from '../support/browser.ts';
import { clientInBrowser, mapPixel, saveScreenshot } from '../support/web-client.ts';

// Issue #14, item 6: whatever the classing, the profile's swatch is the colour the map draws the hromada in,
// and its word names that class. Before, the map drew quantile classes while the profile's swatch and word
// were the model's class (Криворізька "4,5 · середній": red on the map, orange in its profile).

interface ScoreRow {
  pcode: string;
  score: number | null;
  class: number | null;
  ranked: boolean;
}
interface UnitProfile {
  pcode: string;
  nameUk: string;
  labelPoint: [number, number] | null;
  isCrimea: boolean;
  areaKm2: number | null;
}

type Rgb = [number, number, number];
const rgb = (c: string): Rgb => {
  const m = /rgba?\((\d+), (\d+), (\d+)/.exec(c)!;
  return [Number(m[1]), Number(m[2]), Number(m[3])];
};
const close = (a: Rgb, b: Rgb, tolerance = 4) => a.every((v, i) => Math.abs(v - b[i]!) <= tolerance);

describe.skipIf(!hasChromium())('colours and words agree (Explore, quantile classes)', () => {
  const env = clientInBrowser();

  async function mapCentre(page: Page): Promise<{ x: number; y: number }> {
    return page.evaluate(() => {
      const r = document.querySelector('.maplibregl-canvas')!.getBoundingClientRect();
      return { x: Math.round(r.left + r.width / 2), y: Math.round(r.top + r.height / 2) };
    });
  }

  it("gives the profile the swatch colour the map draws the hromada in, and that class's word", async () => {
    const scores = (
      await env.server.test.getJson<{ units: ScoreRow[] }>('/api/models/cpi/scores?bands=false')
    ).body;
    const ranked = scores.units.filter((u) => u.ranked && u.score !== null && u.class !== null);
    const sorted = ranked.map((u) => u.score!).sort((a, b) => a - b);
    // A hromada whose place among the compared ones (its quantile) is far from its model class: the case
    // where the model's word and colour disagreed with the quantile map.
    const quintile = (s: number) =>
      Math.min(5, 1 + Math.floor((5 * sorted.filter((x) => x < s).length) / sorted.length));
    const units = (
      await env.server.test.getJson<{ items: UnitProfile[] }>('/api/units?level=hromada&limit=2000')
    ).body.items;
    const area = new Map(units.map((u) => [u.pcode, u.areaKm2 ?? 0]));
    const candidate = ranked
      .filter((u) => Math.abs(quintile(u.score!) - u.class!) >= 2)
      .sort((a, b) => area.get(b.pcode)! - area.get(a.pcode)!)[0];
    expect(candidate, 'a hromada whose quantile and model class differ').toBeDefined();
    const unit = (await env.server.test.getJson<UnitProfile>(`/api/units/${candidate!.pcode}`)).body;

    const client = await env.open(`/?c=quantile&at=7.25/${unit.labelPoint![1]}/${unit.labelPoint![0]}`);
    const { page, problems } = client;
    const centre = await mapCentre(page);
    const pixel = await mapPixel(page, centre.x, centre.y);

    // The legend's class that has the map's colour, and its word.
    const bins = await page.$$eval('.legend .bins li', (els) =>
      els.map((e) => ({
        colour: getComputedStyle(e.querySelector('.swatch')!).backgroundColor,
        word: e.querySelector('.label')?.textContent?.trim() ?? '',
      })),
    );
    const bin = bins.find((b) => close(rgb(b.colour), pixel));
    expect(bin, `map pixel ${pixel.join(',')} is a legend colour`).toBeDefined();
    expect(bin!.word).toMatch(/^квантиль \d з \d$/);

    await page.mouse.click(centre.x, centre.y);
    await page.waitForFunction(
      (name) => document.querySelector('#profile-title')?.textContent?.trim() === name,
      unit.nameUk,
    );
    const swatch = await page
      .getByTestId('profile-swatch')
      .evaluate((e) => getComputedStyle(e).backgroundColor);
    expect(rgb(swatch), `${unit.pcode}: profile swatch vs map`).toSatisfy((c: Rgb) => close(c, pixel));
    expect(await page.getByTestId('profile-class').innerText()).toContain(bin!.word);
    await saveScreenshot(page, 'explore-profile-quantile-class');
    expect(problems).toEqual([]);
  });
});
