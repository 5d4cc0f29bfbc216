import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from '../support/browser.ts';
import {
  countColour as countScreenshotColour,
  mapPixel,
  openClient,
  saveScreenshot,
  startClientServer,
  waitForReady,
  type ClientServer,
} from '../support/web-client.ts';

// Issue #4, the Coverage view (donors): the recorded programmes by organisation, sector and period on the
// map, need against response (the gap), counts, and high-need hromadas with no programme. Every expected
// value is read from the real API over the real imported data, never copied from the client.

interface Site {
  pcode: string;
  nameUk: string;
  nameEn: string;
  oblastPcode: string;
  periodStart: string;
  periodEnd: string | null;
}
interface Programme {
  code: string;
  title: string;
  organisation: { id: number; name: string; nameUk: string | null };
  sector: string;
  periodStart: string;
  periodEnd: string | null;
  sites: Site[];
}
interface ProgrammeList {
  programmes: Programme[];
  facets: { organisations: { id: number; programmes: number }[] };
}
interface CoverageRow {
  pcode: string;
  nameUk: string;
  needs: number | null;
  coverage: number;
  gap: number | null;
}

type Rgb = [number, number, number];

const OCCUPIED_SHARE_MIN = 0.5;
const HIGH_NEED_COUNT = 10;
/** The map area at 1280×720: right of the left column, above the footer. */
const MAP_AREA = { x: 345, y: 0, w: 1280 - 345, h: 690 };

const today = () => new Date().toISOString().slice(0, 10);
const digits = (s: string | null) => Number((s ?? '').replace(/\D/g, ''));
const near = (a: Rgb, b: Rgb, tol = 2) => a.every((v, i) => Math.abs(v - b[i]!) <= tol);

/** The swatch colours of the view's legend, in order, as the page draws them. */
async function legendColours(page: Page): Promise<Rgb[]> {
  return page.$$eval('[aria-labelledby="coverage-legend-title"] li .swatch', (els) =>
    els.map((el) => (getComputedStyle(el).backgroundColor.match(/\d+/g) ?? []).slice(0, 3).map(Number)),
  ) as Promise<Rgb[]>;
}

/** How many map-area pixels are `rgb` (the screenshot, overlays included). */
const countColour = (page: Page, rgb: Rgb, region = MAP_AREA, tol = 6) =>
  countScreenshotColour(page, rgb, region, tol);

/** Points of the map well inside one hromada: the pixel and its four neighbours 3 px away are the same. */
async function interiorPoints(page: Page): Promise<{ x: number; y: number }[]> {
  const out: { x: number; y: number }[] = [];
  for (let y = 220; y <= 520 && out.length < 12; y += 23)
    for (let x = 520; x <= 860 && out.length < 12; x += 29) {
      const c = await mapPixel(page, x, y);
      const around = await Promise.all(
        [
          [3, 0],
          [-3, 0],
          [0, 3],
          [0, -3],
        ].map(([dx, dy]) => mapPixel(page, x + dx!, y + dy!)),
      );
      if (around.every((a) => near(a, c, 0))) out.push({ x, y });
    }
  return out;
}

async function selectedPcode(page: Page): Promise<string | null> {
  return new URL(page.url()).searchParams.get('sel');
}

describe.skipIf(!hasChromium())('the Coverage view in Chromium', () => {
  let server: ClientServer;
  let browser: Browser;
  let list: ProgrammeList;

  const api = async <T>(path: string): Promise<T> => {
    const res = await server.test.getJson<T>(path);
    expect(res.status, path).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    server = await startClientServer();
    browser = await launchChromium();
    list = await api<ProgrammeList>('/api/programmes');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists the recorded programmes as the API gives them, with counts that match', async () => {
    // The real data holds at least the seed programme; the view must show every one, and nothing else.
    expect(list.programmes.length).toBeGreaterThan(0);
    const client = await openClient(browser, server.url, '/?v=coverage');
    const { page } = client;

    const codes = await page.$$eval('#coverage-programmes article', (els) => els.map((e) => e.dataset.code));
    expect(codes).toEqual(list.programmes.map((p) => p.code));
    for (const p of list.programmes) {
      const article = page.locator(`article[data-code="${p.code}"]`);
      expect(await article.locator('h3').textContent()).toBe(p.title);
      expect(await article.locator('[data-field="organisation"]').textContent()).toBe(
        p.organisation.nameUk ?? p.organisation.name,
      );
      const sites = await article
        .locator('button.site')
        .evaluateAll((els) =>
          els.slice(0, 8).map((e) => [e.dataset.pcode, e.querySelector('.name')?.textContent]),
        );
      expect(sites).toEqual(p.sites.slice(0, 8).map((s) => [s.pcode, s.nameUk]));
    }

    const count = async (key: string) => digits(await page.textContent(`[data-count="${key}"]`));
    const hromadas = new Set(list.programmes.flatMap((p) => p.sites.map((s) => s.pcode)));
    expect(await count('programmes')).toBe(list.programmes.length);
    expect(await count('organisations')).toBe(new Set(list.programmes.map((p) => p.organisation.id)).size);
    expect(await count('hromadas')).toBe(hromadas.size);
    const oblasts = await page.$$eval('#coverage-by-oblast tbody tr', (rows) =>
      rows.map((r) => r.dataset.key),
    );
    expect(new Set(oblasts)).toEqual(
      new Set(list.programmes.flatMap((p) => p.sites.map((s) => s.oblastPcode))),
    );
    const recorded = list.facets.organisations.reduce((a, o) => a + o.programmes, 0);
    expect(await page.textContent('#coverage-recorded')).toContain(
      `Програм в атласі: ${recorded}, організацій: ${list.facets.organisations.length}.`,
    );
    // Where the figures come from is on the screen.
    expect(await page.textContent('#coverage-sources')).toMatch(/Програми[\s\S]*Індекс потреб/);

    await saveScreenshot(page, 'coverage-programmes-1280');
    expect(client.problems).toEqual([]);
    await client.close();
  });

  it("opens a programme's hromada from the list: the profile shows it", async () => {
    const site = list.programmes[0]!.sites.at(-1)!;
    const client = await openClient(browser, server.url, '/?v=coverage');
    const { page } = client;
    await page.click(`button.site[data-pcode="${site.pcode}"]`);
    await page.waitForFunction(
      (name) => document.querySelector('#profile-title')?.textContent === name,
      site.nameUk,
    );
    expect(await selectedPcode(page)).toBe(site.pcode);
    expect(await page.getAttribute(`button.site[data-pcode="${site.pcode}"]`, 'aria-current')).toBe('true');
    expect(client.problems).toEqual([]);
    await client.close();
  });

  it('draws hromadas with programmes and their dots, and recolours the map for the gap', async () => {
    const [coverage, needsModel] = await Promise.all([
      api<{ units: CoverageRow[] }>(`/api/coverage?asOf=${today()}`),
      api<{ classes: { thresholds: number[] } }>('/api/models/needs'),
    ]);
    const rows = new Map(coverage.units.map((u) => [u.pcode, u]));
    const withProgramme = new Set(list.programmes.flatMap((p) => p.sites.map((s) => s.pcode)));
    const client = await openClient(browser, server.url, '/?v=coverage');
    const { page } = client;

    // Programmes: the sector's colour (the legend's second entry) is on the map, in the dots at least.
    const [noneColour, sectorColour] = await legendColours(page);
    expect(await countColour(page, sectorColour!)).toBeGreaterThan(60);

    // A point inside a hromada with a needs score and no programme: neutral now.
    let spot: { x: number; y: number; pcode: string } | null = null;
    for (const pt of await interiorPoints(page)) {
      await page.mouse.click(pt.x, pt.y);
      await page.waitForFunction(() => new URL(location.href).searchParams.has('sel'));
      const pcode = (await selectedPcode(page))!;
      const row = rows.get(pcode);
      if (row && row.needs !== null && row.coverage === 0 && !withProgramme.has(pcode)) {
        spot = { ...pt, pcode };
        break;
      }
    }
    expect(spot).not.toBeNull();
    const before = await mapPixel(page, spot!.x, spot!.y);
    expect(near(before, noneColour!)).toBe(true);

    await page.click('label:has(#coverage-mode-gap)');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('cm') === 'gap');
    await waitForReady(page);
    // The gap's class of that hromada, from the API's gap and the needs model's thresholds.
    const gap = rows.get(spot!.pcode)!.gap!;
    const cls = needsModel.classes.thresholds.filter((t) => gap >= t).length;
    const colours = await legendColours(page);
    const after = await mapPixel(page, spot!.x, spot!.y);
    expect(after).not.toEqual(before);
    expect(near(after, colours[cls]!)).toBe(true);
    // Dots mark only hromadas where a programme is active today; the programmes' colour is gone.
    expect(await countColour(page, sectorColour!)).toBe(0);

    await saveScreenshot(page, 'coverage-gap-1280');
    expect(client.problems).toEqual([]);
    await client.close();
  });

  it('lists the high-need hromadas without a programme as GET /api/coverage ranks them', async () => {
    const [coverage, occupied] = await Promise.all([
      api<{ units: CoverageRow[] }>(`/api/coverage?asOf=${today()}`),
      api<{ values: Record<string, number> }>('/api/indicators/occupied_share/values?level=hromada'),
    ]);
    const ranked = (leaveOutOccupied: boolean) =>
      coverage.units
        .filter((u) => u.needs !== null && u.coverage === 0)
        .filter((u) => !leaveOutOccupied || (occupied.values[u.pcode] ?? 0) < OCCUPIED_SHARE_MIN)
        .sort((a, b) => b.needs! - a.needs! || a.pcode.localeCompare(b.pcode))
        .slice(0, HIGH_NEED_COUNT);
    const client = await openClient(browser, server.url, '/?v=coverage&cm=gap');
    const { page } = client;
    const shown = () =>
      page.$$eval('#coverage-need-list button', (els) =>
        els.map((e) => [e.dataset.pcode, e.querySelector('.name')?.textContent]),
      );

    // By default hromadas mostly under occupation are left out: no programme can work there.
    expect(await shown()).toEqual(ranked(true).map((u) => [u.pcode, u.nameUk]));
    await page.click('#coverage-include-occupied');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('cocc') === '1');
    expect(await shown()).toEqual(ranked(false).map((u) => [u.pcode, u.nameUk]));

    const first = ranked(false)[0]!;
    await page.hover(`#coverage-need-list button[data-pcode="${first.pcode}"]`);
    await page.click(`#coverage-need-list button[data-pcode="${first.pcode}"]`);
    await page.waitForFunction(
      (name) => document.querySelector('#profile-title')?.textContent === name,
      first.nameUk,
    );
    expect(await selectedPcode(page)).toBe(first.pcode);
    expect(client.problems).toEqual([]);
    await client.close();
  });

  it('shows the empty state for a period that no programme reaches, and keeps it in the URL', async () => {
    // The year after every recorded programme ends (as the seed is, all have ended).
    const ends = list.programmes.map((p) => p.periodEnd);
    expect(ends.every((e) => e !== null)).toBe(true);
    const year = String(Math.max(...ends.map((e) => Number(e!.slice(0, 4)))) + 1);
    const none = await api<ProgrammeList>(`/api/programmes?activeFrom=${year}-01-01`);
    expect(none.programmes).toEqual([]);

    const client = await openClient(browser, server.url, '/?v=coverage');
    const { page } = client;
    await page.selectOption('#coverage-from', year);
    await page.waitForSelector('#coverage-empty');
    await waitForReady(page);
    expect(new URL(page.url()).searchParams.get('cfrom')).toBe(year);
    expect(digits(await page.textContent('[data-count="programmes"]'))).toBe(0);

    // The link reopens the same empty view, and "clear filters" brings the programmes back.
    await page.reload();
    await waitForReady(page);
    expect(await page.inputValue('#coverage-from')).toBe(year);
    expect(await page.isVisible('#coverage-empty')).toBe(true);
    await page.click('#coverage-empty button');
    await page.waitForSelector('#coverage-programmes article');
    expect(new URL(page.url()).searchParams.get('cfrom')).toBeNull();
    expect(client.problems).toEqual([]);
    await client.close();
  });

  it('restores its filters and the gap on their date from the URL, and keeps them in English', async () => {
    const seed = list.programmes[0]!;
    const from = seed.periodStart.slice(0, 4);
    const to = seed.periodEnd!.slice(0, 4);
    const asOf = `${to}-12-31`;
    const coverage = await api<{ units: CoverageRow[] }>(
      `/api/coverage?asOf=${asOf}&sector=${encodeURIComponent(seed.sector)}`,
    );
    const active = coverage.units.filter((u) => u.coverage > 0).map((u) => u.pcode);
    expect(active.length).toBeGreaterThan(0);

    const query = new URLSearchParams({
      v: 'coverage',
      cm: 'gap',
      corg: String(seed.organisation.id),
      csec: seed.sector,
      cfrom: from,
      cto: to,
    });
    const client = await openClient(browser, server.url, `/?${query.toString()}`);
    const { page } = client;
    expect(await page.isChecked('#coverage-mode-gap')).toBe(true);
    expect(await page.inputValue('#coverage-organisation')).toBe(String(seed.organisation.id));
    expect(await page.inputValue('#coverage-sector')).toBe(seed.sector);
    expect(await page.inputValue('#coverage-from')).toBe(from);
    expect(await page.inputValue('#coverage-to')).toBe(to);
    expect(await page.locator(`article[data-code="${seed.code}"]`).count()).toBe(1);
    // The covered class of the legend counts the hromadas the API finds covered on the period's last day.
    // (Its entries: the gap's classes, "programme active", "no needs score", then, when any, the faded gaps.)
    const entries = await page.$$eval('[aria-labelledby="coverage-legend-title"] li', (els) =>
      els.map((e) => ({
        label: e.querySelector('.label')?.textContent ?? '',
        n: e.querySelector('.n')?.textContent ?? '',
      })),
    );
    const covered = entries.find((e) => e.label.includes('діє програма'));
    expect(covered, JSON.stringify(entries)).toBeDefined();
    expect(digits(covered!.n)).toBe(active.length);
    expect(await page.locator('#coverage-need-list button').count()).toBeGreaterThan(0);

    await page.click('button.lang');
    await page.waitForFunction(
      () => document.querySelector('#coverage-title')?.textContent === 'Programme coverage',
    );
    const params = new URL(page.url()).searchParams;
    expect(params.get('lang')).toBe('en');
    for (const [k, v] of query) expect(params.get(k)).toBe(v);
    expect(await page.isChecked('#coverage-mode-gap')).toBe(true);
    const names = await page
      .locator(`article[data-code="${seed.code}"] button.site .name`)
      .evaluateAll((els) => els.map((e) => e.textContent));
    expect(names).toEqual(seed.sites.slice(0, 8).map((s) => s.nameEn));
    expect(client.problems).toEqual([]);
    await client.close();
  });

  it('fits a phone screen: the map with its key, the panel behind the layers button', async () => {
    const client = await openClient(browser, server.url, '/?v=coverage', { width: 400, height: 800 });
    const { page } = client;
    expect(await page.isVisible('#coverage-map-key')).toBe(true);
    expect(await page.isVisible('#coverage-panel')).toBe(false);
    await saveScreenshot(page, 'coverage-programmes-400');
    await page.click('.toggle-controls');
    await page.waitForSelector('#coverage-panel', { state: 'visible' });
    // Every control of the panel is within the screen's width.
    const overflow = await page.$$eval(
      '#coverage-panel select, #coverage-panel button',
      (els) => els.filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5).length,
    );
    expect(overflow).toBe(0);
    await saveScreenshot(page, 'coverage-panel-400');
    expect(client.problems).toEqual([]);
    await client.close();
  });
});
