import { Hono } from 'hono';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, serveHttp, type RunningServer } from '../support/browser.ts';
import { ASSESSMENT_COMPONENT_NAMES } from '../../server/model/assessment-components.ts';
import {
  mapPixel,
  openClient,
  saveScreenshot,
  startClientServer,
  waitForMapIdle,
  type ClientServer,
} from '../support/web-client.ts';

// Issue #4, the parts every view shares: the three views as tabs whose choice lives in the URL, the data's
// freshness in the footer, and a map that needs no internet unless an online basemap is configured.

const MAGENTA = '#ff00ff';

describe.skipIf(!hasChromium())('the app shell in Chromium', () => {
  let browser: Browser;
  let plain: ClientServer;
  let withBasemap: ClientServer;
  let styleServer: RunningServer;

  beforeAll(async () => {
    // A stand-in for an online basemap: a MapLibre style whose background is a colour the atlas never uses.
    const styles = new Hono().get('/style.json', (c) => {
      c.header('Access-Control-Allow-Origin', '*');
      return c.json({
        version: 8,
        sources: {},
        layers: [{ id: 'paper', type: 'background', paint: { 'background-color': MAGENTA } }],
      });
    });
    styleServer = await serveHttp(styles.fetch);
    [plain, withBasemap] = await Promise.all([
      startClientServer(),
      startClientServer({
        env: {
          ATLAS_BASEMAP_STYLE_URL: `${styleServer.url}/style.json`,
          ATLAS_BASEMAP_ATTRIBUTION: 'Test basemap ©',
        },
      }),
    ]);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await plain?.close();
    await withBasemap?.close();
    await styleServer?.close();
  });

  it('switches views with the tabs (mouse and arrow keys) and keeps the view in the URL', async () => {
    const client = await openClient(browser, plain.url, '/');
    const { page } = client;
    expect(await page.getAttribute('#tab-explore', 'aria-selected')).toBe('true');
    await page.click('#tab-coverage');
    await page.waitForSelector('.app[data-view="coverage"][data-ready="true"]');
    expect(new URL(page.url()).searchParams.get('v')).toBe('coverage');
    await page.focus('#tab-coverage');
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector('.app[data-view="target"]');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-target');
    expect(new URL(page.url()).searchParams.get('v')).toBe('target');
    await page.click('#tab-explore');
    expect(new URL(page.url()).searchParams.get('v')).toBeNull();
    await client.close();

    const reopened = await openClient(browser, plain.url, '/?v=target');
    expect(await reopened.page.getAttribute('#tab-target', 'aria-selected')).toBe('true');
    expect(reopened.problems).toEqual([]);
    await reopened.close();
  });

  it('shows when the data was imported, as the API says, and asks nothing of the internet', async () => {
    const external: string[] = [];
    const client = await openClient(browser, plain.url, '/');
    client.page.on('request', (r) => {
      if (!r.url().startsWith(plain.url) && !r.url().startsWith('data:')) external.push(r.url());
    });
    const config = await plain.test.getJson<{ data: { importedAt: string } }>('/api/client-config');
    expect(await client.page.getAttribute('#data-freshness time', 'datetime')).toBe(
      config.body.data.importedAt,
    );
    expect(await client.page.locator('#basemap-toggle').count()).toBe(0);
    await client.page.mouse.move(640, 360);
    await waitForMapIdle(client.page);
    expect(external).toEqual([]);
    expect(client.problems).toEqual([]);
    await client.close();
  });

  it('draws the boundaries from vector tiles (issue #5), not from whole-country layers', async () => {
    const client = await openClient(browser, plain.url, '/');
    const paths = client.responses.map((r) => ({ ...r, path: r.url.slice(plain.url.length) }));
    const tiles = paths.filter((r) => /^\/tiles\/(hromada|oblast)\/\d+\/\d+\/\d+\?/.test(r.path));
    // The hromada tiles over Ukraine at the opening zoom, pinned to the data version, without the names
    // (the unit index has them).
    const hromadaTiles = tiles.filter((r) => r.path.startsWith('/tiles/hromada/'));
    expect(hromadaTiles.length).toBeGreaterThanOrEqual(4);
    const dataVersion = (await plain.test.getJson<{ dataVersion: string }>('/api/health')).body.dataVersion;
    for (const r of tiles) {
      expect([200, 204], r.path).toContain(r.status);
      expect(new URL(r.url).searchParams.get('v'), r.path).toBe(dataVersion);
      expect(new URL(r.url).searchParams.get('properties'), r.path).toBe('pcode');
    }
    expect(
      paths
        .filter((r) => r.path.startsWith('/api/layers/'))
        .map((r) => r.path)
        .sort(),
    ).toEqual([
      '/api/layers/hromada.index.json',
      '/api/layers/oblast.index.json',
      '/api/layers/raion.index.json',
    ]);
    // And they are drawn: the middle of Ukraine is a class colour, not the background or the land.
    const [r, g, b] = await mapPixel(client.page, 800, 330);
    expect([r, g, b]).not.toEqual([232, 235, 239]);
    expect([r, g, b]).not.toEqual([255, 255, 255]);
    expect(client.problems).toEqual([]);
    await client.close();
  });

  it('shows a hromada’s community-security assessments in its profile, with the component names', async () => {
    // FIXTURE: a hand-made assessment in this file's private database copy (no real assessments are open).
    await plain.test.database.db
      .insertInto('assessments')
      .values({
        unit_pcode: 'UA2604019',
        assessed_on: '2026-03-01',
        assessor: 'FIXTURE assessor',
        cohesion_trust: 7.5,
        police_community: 4,
      })
      .execute();
    const profile = await plain.test.getJson<{ assessments: { scores: Record<string, number | null> }[] }>(
      '/api/units/UA2604019',
    );
    expect(profile.body.assessments[0]!.scores.cohesion_trust).toBe(7.5);
    const client = await openClient(browser, plain.url, '/?sel=UA2604019');
    await client.page.waitForSelector('#profile-assessments');
    const text = (await client.page.textContent('#profile-assessments'))!.replace(/\s+/g, ' ');
    expect(text).toContain('FIXTURE assessor');
    // The one wording of the components (server/model/assessment-components.ts, the instrument's terms).
    expect(text).toContain(`${ASSESSMENT_COMPONENT_NAMES.cohesion_trust.uk} 7,5`);
    expect(text).toContain('Згуртованість громади і довіра 7,5');
    expect(text).toContain(`${ASSESSMENT_COMPONENT_NAMES.police_community.uk} 4`);
    expect(text).not.toContain(ASSESSMENT_COMPONENT_NAMES.resident_leadership.uk);
    expect(client.problems).toEqual([]);
    await client.close();
  });

  it('draws a configured basemap under the hromadas, credits it, and lets the user turn it off', async () => {
    const client = await openClient(browser, withBasemap.url, '/');
    const { page } = client;
    // Top right of a 1280×720 map fitted to Ukraine: Belarus/Russia, outside every hromada.
    const outside = { x: 1200, y: 40 };
    await page.waitForFunction(() => Boolean(document.querySelector('.maplibregl-canvas')));
    await expect
      .poll(async () => mapPixel(page, outside.x, outside.y), { timeout: 15_000 })
      .toEqual([255, 0, 255]);
    expect(await page.textContent('.footer')).toContain('Test basemap ©');
    await saveScreenshot(page, 'shell-basemap');
    await page.click('#basemap-toggle');
    await expect
      .poll(async () => mapPixel(page, outside.x, outside.y), { timeout: 15_000 })
      .not.toEqual([255, 0, 255]);
    expect(client.problems).toEqual([]);
    await client.close();
  });
});
