import { copyFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ASSESSMENT_COMPONENT_NAMES } from '../../server/model/assessment-components.ts';
import { hasChromium } from '../support/browser.ts';
import {
  clientInBrowser,
  mapPixel,
  saveScreenshot,
  SCREENSHOT_DIR,
  waitForMapIdle,
  type ClientPage,
} from '../support/web-client.ts';

// Issue #4, the Explore view (analysts), in a real Chromium over the real app and imported data: the map draws
// hromadas in the colours of their classes, a click opens a profile with the API's values, the hot spots and
// their watch list, the bivariate map, the occupied-area overlay, a shared URL, the language switch and the
// PNG export. Every expected value is read from the API, not copied from the client.

interface UnitProfile {
  pcode: string;
  nameUk: string;
  nameEn: string;
  population2022: number | null;
  labelPoint: [number, number] | null;
  isCrimea: boolean;
}
interface ScoreRow {
  pcode: string;
  score: number | null;
  class: number | null;
  rank: number | null;
  ranked: boolean;
  proxyComponents: string[];
}
interface HotspotRow {
  pcode: string;
  cluster?: string | null;
}
interface Snapshot {
  date: string;
  source: { name: string; licence: string; attribution: string } | null;
}

type Rgb = [number, number, number];

const hex = (c: string): Rgb => {
  const m = /rgba?\((\d+), (\d+), (\d+)/.exec(c);
  if (m) return [Number(m[1]), Number(m[2]), Number(m[3])];
  return [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)) as Rgb;
};
const close = (a: Rgb, b: Rgb, tolerance = 4) => a.every((v, i) => Math.abs(v - b[i]!) <= tolerance);
const BACKGROUND: Rgb = [0xe8, 0xeb, 0xef];

describe.skipIf(!hasChromium())('the Explore view in a real browser', () => {
  const env = clientInBrowser();

  const api = async <T>(p: string): Promise<T> => {
    const { status, body } = await env.server.test.getJson<T>(p);
    expect(status, p).toBe(200);
    return body;
  };

  const open = (query: string, viewport?: { width: number; height: number }): Promise<ClientPage> =>
    env.open(`/${query}`, viewport);

  /** The page position of the map canvas's centre (where a camera's lat/lon is drawn). */
  async function mapCentre(page: Page): Promise<{ x: number; y: number }> {
    return page.evaluate(() => {
      const r = document.querySelector('.maplibregl-canvas')!.getBoundingClientRect();
      return { x: Math.round(r.left + r.width / 2), y: Math.round(r.top + r.height / 2) };
    });
  }

  /** A camera on a hromada's label point (its pole of inaccessibility: well inside it). */
  const cameraOn = (u: UnitProfile, zoom = 7.25) => `${zoom}/${u.labelPoint![1]}/${u.labelPoint![0]}`;

  /** The largest hromada (outside Crimea) of those `keep` accepts, with its profile. */
  async function largest(keep: (pcode: string, u: UnitProfile) => boolean): Promise<UnitProfile> {
    const list = await api<{ items: (UnitProfile & { areaKm2: number | null })[] }>(
      '/api/units?level=hromada&limit=2000',
    );
    const best = list.items
      .filter((u) => !u.isCrimea && keep(u.pcode, u))
      .sort((a, b) => (b.areaKm2 ?? 0) - (a.areaKm2 ?? 0))[0]!;
    return api<UnitProfile>(`/api/units/${best.pcode}`);
  }

  it("draws each hromada in its class's legend colour, and a click opens its profile with the API's values", async () => {
    const scores = await api<{ units: ScoreRow[]; rankedCount: number }>(
      '/api/models/cpi/scores?bands=false',
    );
    const byPcode = new Map(scores.units.map((u) => [u.pcode, u]));
    const unit = await largest(
      (p, u) => byPcode.get(p)?.class != null && byPcode.get(p)!.ranked && u.population2022 !== null,
    );
    const row = byPcode.get(unit.pcode)!;

    // The model's own classes: the API says which class the hromada is in, the legend which colour that is.
    const { page, problems } = await open(`?c=fixed&at=${cameraOn(unit)}`);
    const swatches = await page.$$eval('.legend .bins .swatch', (els) =>
      els.map((e) => getComputedStyle(e).backgroundColor),
    );
    // Five classes, "no data" and (issue #14) the faded units that are scored but not compared.
    expect(swatches.length).toBe(7);
    const expected = hex(swatches[row.class! - 1]!);
    const centre = await mapCentre(page);
    const pixel = await mapPixel(page, centre.x, centre.y);
    expect(close(pixel, BACKGROUND, 2)).toBe(false);
    expect(pixel, `${unit.pcode} class ${row.class}`).toSatisfy((p: Rgb) => close(p, expected));
    await saveScreenshot(page, 'explore-choropleth');

    await page.mouse.click(centre.x, centre.y);
    await page.waitForFunction(
      (name) => document.querySelector('#profile-title')?.textContent?.trim() === name,
      unit.nameUk,
    );
    const facts = await page.locator('.panel .facts').first().innerText();
    expect(unit.population2022).not.toBeNull();
    expect(facts.replace(/\D/g, '')).toContain(String(unit.population2022));
    const score = await page.locator('.panel .index .big').innerText();
    // One decimal, as the profile prints it.
    expect(Math.abs(Number(score.replace(',', '.')) - row.score!)).toBeLessThanOrEqual(0.05 + 1e-9);
    // Issue #13: components scored from open-data proxies are named under the score, with why they count less.
    const proxies = page.locator('.panel .index .proxies');
    if (row.proxyComponents.length > 0) {
      const note = await proxies.innerText();
      for (const c of row.proxyComponents)
        expect(note).toContain(ASSESSMENT_COMPONENT_NAMES[c as keyof typeof ASSESSMENT_COMPONENT_NAMES].uk);
    } else {
      expect(await proxies.count()).toBe(0);
    }
    expect(new URL(page.url()).searchParams.get('sel')).toBe(unit.pcode);
    // Issue #14: one denominator, stated — the API's count of comparable hromadas, in the profile and legend.
    const flat = (x: string) => x.replace(/\s/g, ' ');
    const of = (n: number) => flat(new Intl.NumberFormat('uk-UA').format(n));
    expect(flat(await page.getByTestId('profile-rank').innerText())).toContain(
      `Місце ${of(row.rank!)} з ${of(scores.rankedCount)} порівнянних громад`,
    );
    expect(flat(await page.getByTestId('ranked-rule').innerText())).toContain(of(scores.rankedCount));
    await saveScreenshot(page, 'explore-profile');
    expect(problems).toEqual([]);
  });

  it('draws a scored unit that is not compared (Crimea, no data since 2014) faded, and keys it', async () => {
    const scores = await api<{ units: (ScoreRow & { unrankedReason: string | null })[] }>(
      '/api/models/cpi/scores?bands=false',
    );
    const apart = scores.units.filter((u) => u.unrankedReason === 'no_data_since_2014' && u.class === 5);
    expect(apart.length).toBeGreaterThan(0);
    const units = await api<{ items: (UnitProfile & { areaKm2: number | null })[] }>(
      '/api/units?level=hromada&limit=2000',
    );
    const set = new Set(apart.map((u) => u.pcode));
    const biggest = units.items.filter((u) => set.has(u.pcode)).sort((a, b) => b.areaKm2! - a.areaKm2!)[0]!;
    const unit = await api<UnitProfile>(`/api/units/${biggest.pcode}`);
    const { page, problems } = await open(`?c=fixed&lbl=0&at=${cameraOn(unit, 8)}`);
    const swatches = await page.$$eval('.legend .bins .swatch', (els) =>
      els.map((e) => getComputedStyle(e).backgroundColor),
    );
    const full = hex(swatches[4]!);
    const centre = await mapCentre(page);
    const pixel = await mapPixel(page, centre.x, centre.y);
    // Its class's colour at reduced opacity over the background: neither the full colour nor no fill.
    expect(close(pixel, full, 12), `${unit.pcode} faded`).toBe(false);
    expect(close(pixel, BACKGROUND, 2)).toBe(false);
    expect(pixel[1] + pixel[2]).toBeGreaterThan(full[1] + full[2] + 60);
    expect(await page.getByTestId('legend-faded').innerText()).toMatch(/2014/);
    expect(problems).toEqual([]);
  });

  it("outlines the hot spots and lists the API's low-high watch list, which opens a hromada", async () => {
    const h = await api<{ units: HotspotRow[]; watchList: HotspotRow[] }>(
      '/api/models/needs/hotspots?method=lisa',
    );
    const { page, problems } = await open('?m=index:needs&hs=lisa&lang=en');
    await page.waitForSelector('#hotspot-key-title');
    const counts = await page.$$eval('.key .entries li', (lis) =>
      lis.map((li) => [li.children[1]!.textContent!.trim(), li.querySelector('.count')!.textContent!.trim()]),
    );
    const apiCount = (c: string) => String(h.units.filter((u) => u.cluster === c).length);
    expect(counts).toEqual([
      ['High among high (cluster)', apiCount('HH')],
      ['Low among low (cluster)', apiCount('LL')],
      ['High among low (outlier)', apiCount('HL')],
      ['Low among high (watch)', apiCount('LH')],
    ]);
    const listed = await page.$$eval('#watch-list button', (bs) => bs.map((b) => b.dataset.pcode));
    expect(listed).toEqual(h.watchList.map((u) => u.pcode));
    expect(listed.length).toBeGreaterThan(0);
    await page.locator('.legend').evaluate((l) => (l.scrollTop = l.scrollHeight));
    await saveScreenshot(page, 'explore-hotspots');

    const first = await api<UnitProfile>(`/api/units/${listed[0]}`);
    await page.click(`#watch-list button[data-pcode="${listed[0]}"]`);
    await page.waitForFunction(
      (name) => document.querySelector('#profile-title')?.textContent?.trim() === name,
      first.nameEn,
    );
    expect(problems).toEqual([]);
  });

  it('makes a 3×3 bivariate map of CPI × coverage gap', async () => {
    const cpi = await api<{ units: ScoreRow[] }>('/api/models/cpi/scores?bands=false');
    const gap = await api<{ units: { pcode: string; gap: number | null }[] }>('/api/coverage');
    const gapOf = new Map(gap.units.map((u) => [u.pcode, u.gap]));
    const both = cpi.units.filter((u) => u.score !== null && gapOf.get(u.pcode) != null);
    const unit = await largest((p) => both.some((u) => u.pcode === p));

    const { page, problems } = await open(`?m2=index:gap&at=${cameraOn(unit)}`);
    await page.waitForSelector('.legend .grid td');
    const cells = await page.$$eval('.legend .grid td', (tds) =>
      tds.map((td) => ({
        colour: getComputedStyle(td).backgroundColor,
        n: td.textContent!.replace(/\D/g, ''),
      })),
    );
    expect(cells).toHaveLength(9);
    expect(new Set(cells.map((c) => c.colour)).size).toBe(9);
    // Every hromada with both values is in one cell.
    expect(cells.reduce((s, c) => s + Number(c.n), 0)).toBe(both.length);
    const centre = await mapCentre(page);
    const pixel = await mapPixel(page, centre.x, centre.y);
    expect(
      cells.some((c) => close(pixel, hex(c.colour))),
      `pixel ${pixel.join(',')}`,
    ).toBe(true);
    await page.locator('.legend').evaluate((l) => (l.scrollTop = 0));
    await saveScreenshot(page, 'explore-bivariate');
    expect(problems).toEqual([]);
  });

  it('darkens the occupied area of the chosen snapshot and names its source and licence', async () => {
    const snapshots = await api<Snapshot[]>('/api/occupied-areas');
    expect(snapshots.length).toBeGreaterThan(0);
    const latest = snapshots.at(-1)!;
    const share = await api<{ values: Record<string, number> }>(
      `/api/indicators/occupied_share/values?level=hromada&period=${latest.date}`,
    );
    const unit = await largest((p) => share.values[p] === 1);

    // The overlay is a hatch: the mean of a row of pixels one hatch tile (12 px) long, around the centre.
    const mean = async (page: Page): Promise<Rgb> => {
      const c = await mapCentre(page);
      const px = await Promise.all(Array.from({ length: 12 }, (_, i) => mapPixel(page, c.x - 6 + i, c.y)));
      return [0, 1, 2].map((k) => px.reduce((s, p) => s + p[k]!, 0) / px.length) as Rgb;
    };
    const plain = await open(`?at=${cameraOn(unit, 8)}`);
    const before = await mean(plain.page);

    // In English the key names the source in the API's own words (the Ukrainian key gives its Ukrainian text).
    const { page, problems } = await open(`?at=${cameraOn(unit, 8)}&occ=${latest.date}&lang=en`);
    await page.waitForSelector('#occupied-source');
    await waitForMapIdle(page);
    const after = await mean(page);
    // Relative luminance (WCAG): at least 15 % darker under the overlay.
    const luminance = (p: Rgb) => {
      const [r, g, b] = p.map((v) =>
        v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4,
      );
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    expect(
      luminance(after),
      `${before.map(Math.round).join(',')} → ${after.map(Math.round).join(',')}`,
    ).toBeLessThan(luminance(before) * 0.85);
    const source = await page.locator('#occupied-source').innerText();
    expect(source).toContain(latest.source!.attribution);
    expect(source).toContain(latest.source!.licence);
    await saveScreenshot(page, 'explore-occupied');
    expect([...plain.problems, ...problems]).toEqual([]);
  });

  it('restores the whole view from a shared URL, and switches language', async () => {
    const snapshots = await api<Snapshot[]>('/api/occupied-areas');
    const date = snapshots[0]!.date;
    const models = await api<{ id: string; name: { uk: string; en: string } }[]>('/api/models');
    const sel = (await largest(() => true)).pcode;
    const profile = await api<UnitProfile>(`/api/units/${sel}`);
    const query = `?m=index:needs&m2=indicator:idps_per_1000&hs=lisa&occ=${date}&sel=${sel}&lang=en&at=6.5/48.5/33&lbl=0`;
    const { page, problems } = await open(query);
    await page.waitForFunction(
      (name) => document.querySelector('#profile-title')?.textContent?.trim() === name,
      profile.nameEn,
    );
    expect(await page.inputValue('#measure-select')).toBe('index:needs');
    expect(await page.inputValue('#measure2-select')).toBe('indicator:idps_per_1000');
    expect(await page.inputValue('#hotspots-select')).toBe('lisa');
    expect(await page.inputValue('#occupied-select')).toBe(date);
    expect(await page.isChecked('#labels-toggle')).toBe(false);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    const needsName = models.find((m) => m.id === 'needs')!.name;
    await page.waitForSelector('.legend .grid td');
    expect(await page.locator('#legend-title').innerText()).toContain(needsName.en);
    // The link the page keeps is the one it was opened with (nothing lost, nothing added).
    const kept = new URL(page.url()).searchParams;
    for (const [k, v] of new URLSearchParams(query)) expect(kept.get(k), k).toBe(v);
    await saveScreenshot(page, 'explore-url-restored');

    await page.click('button.lang');
    await page.waitForFunction(() => document.documentElement.lang === 'uk');
    await page.waitForFunction(
      (name) => document.querySelector('#legend-title')?.textContent?.includes(name),
      needsName.uk,
    );
    expect(await page.locator('#profile-title').innerText()).toBe(profile.nameUk);
    expect(new URL(page.url()).searchParams.get('lang')).toBeNull();
    expect(problems).toEqual([]);
  });

  it('exports the map as a PNG at least as large as the map, framed with its legend', async () => {
    const { page, problems } = await open('?m2=index:gap&hs=lisa');
    const canvas = await page.evaluate(() => {
      const c = document.querySelector<HTMLCanvasElement>('.maplibregl-canvas')!;
      return { width: c.width, height: c.height };
    });
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-png')]);
    expect(download.suggestedFilename()).toMatch(/^hromada-atlas-cpi-x-gap-\d{4}-\d{2}-\d{2}\.png$/);
    const png = await readFile((await download.path())!);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    expect(width).toBeGreaterThanOrEqual(canvas.width);
    expect(height).toBeGreaterThanOrEqual(canvas.height);
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await copyFile((await download.path())!, path.join(SCREENSHOT_DIR, 'explore-export.png'));
    expect(problems).toEqual([]);
  });
});
