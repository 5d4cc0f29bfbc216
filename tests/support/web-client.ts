import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import lockfile from 'proper-lockfile';
import { repoRoot } from '../../server/config.ts';
import { mountWebClient } from '../../server/web-client.ts';
import { staleReason } from '../../scripts/build-web.ts';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium, serveHttp, type RunningServer } from './browser.ts';
import { createTestApp, type TestApp } from './test-app.ts';

// The harness for the map client's end-to-end tests (issue #4): the built client (web/dist, built here when
// stale, as `npm start` does) served by the real app over a private copy of the real imported database, and
// pages opened in Debian's Chromium that report their console errors and failed requests.

const webDir = path.join(repoRoot, 'web');

/** Where e2e tests save the screenshots they take (looked at by people, not compared by the tests). */
export const SCREENSHOT_DIR = path.join(repoRoot, '.atlas', 'screenshots');

/** Builds web/dist when it is missing or older than web/src; one build at a time across processes. */
export async function ensureWebBuild(): Promise<void> {
  const release = await lockfile.lock(webDir, {
    lockfilePath: path.join(repoRoot, '.atlas', 'web-build.lock'),
    retries: { retries: 120, minTimeout: 500, maxTimeout: 2000 },
    realpath: false,
  });
  try {
    if (!staleReason(webDir)) return;
    const vite = await import('vite');
    await vite.build({ configFile: path.join(webDir, 'vite.config.ts'), logLevel: 'error' });
  } finally {
    await release();
  }
}

export interface ClientServer extends RunningServer {
  test: TestApp;
}

/** The real app with the built client mounted, over real HTTP on a free port. */
export async function startClientServer(opts: { env?: NodeJS.ProcessEnv } = {}): Promise<ClientServer> {
  await mkdir(path.join(repoRoot, '.atlas'), { recursive: true });
  await ensureWebBuild();
  const test = await createTestApp(opts);
  mountWebClient(test.app);
  const server = await serveHttp(test.app.fetch);
  return {
    ...server,
    test,
    close: async () => {
      await server.close();
      await test.close();
    },
  };
}

export interface ClientPage {
  page: Page;
  /** Console errors and failed requests seen so far (a test asserts this is empty at its end). */
  problems: string[];
  /** Every request the page (and its workers) made, from the first, with the status it got. */
  responses: { url: string; status: number }[];
  close(): Promise<void>;
}

/**
 * Opens `pathAndQuery` of the client in a new page of `viewport` size and waits until the app says it is
 * ready (`.app[data-ready="true"]`: boundaries and the view's values loaded) and the map is idle.
 */
export async function openClient(
  browser: Browser,
  baseUrl: string,
  pathAndQuery = '/',
  viewport = { width: 1280, height: 720 },
  /** bypassCSP: let a test inject a script (axe-core, tests/support/axe.ts) past the app's CSP. */
  opts: { bypassCSP?: boolean } = {},
): Promise<ClientPage> {
  const context = await browser.newContext({
    viewport,
    acceptDownloads: true,
    locale: 'uk-UA',
    bypassCSP: opts.bypassCSP ?? false,
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => {
    // A request the app cancelled on purpose (a newer one replaced it) is not a problem.
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`request failed: ${r.url()}`);
  });
  const responses: { url: string; status: number }[] = [];
  page.on('response', (r) => {
    responses.push({ url: r.url(), status: r.status() });
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  await page.goto(`${baseUrl}${pathAndQuery}`);
  await waitForReady(page);
  return { page, problems, responses, close: () => context.close() };
}

/** Waits for the app's ready marker and for the map to finish drawing. */
export async function waitForReady(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForSelector('.app[data-ready="true"]', { timeout });
  await waitForMapIdle(page);
}

/**
 * Resolves once MapLibre has every tile in view and has drawn it: a change made just before gets two
 * frames to start loading, then MapView's `data-idle` marker (MapLibre's `idle` event) must be set, then
 * four more frames let the deck.gl overlay follow.
 */
export async function waitForMapIdle(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const canvas = document.querySelector('.maplibregl-canvas');
      return canvas !== null;
    },
    undefined,
    { timeout: 30_000 },
  );
  const frames = (n: number) =>
    page.evaluate(
      (count) =>
        new Promise<void>((resolve) => {
          let seen = 0;
          const tick = () => (++seen >= count ? resolve() : requestAnimationFrame(tick));
          requestAnimationFrame(tick);
        }),
      n,
    );
  await frames(2);
  await page.waitForSelector('#map[data-idle="true"]', { timeout: 30_000 });
  await frames(4);
}

/** The colour of the map's canvas at a CSS pixel of the page, as [r, g, b]. */
export async function mapPixel(page: Page, x: number, y: number): Promise<[number, number, number]> {
  return page.evaluate(
    ([px, py]) => {
      const canvas = document.querySelector<HTMLCanvasElement>('.maplibregl-canvas')!;
      const rect = canvas.getBoundingClientRect();
      const scale = canvas.width / rect.width;
      const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl'))!;
      const out = new Uint8Array(4);
      const gx = Math.round((px - rect.left) * scale);
      const gy = Math.round(gl.drawingBufferHeight - (py - rect.top) * scale);
      gl.readPixels(gx, gy, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, out);
      return [out[0]!, out[1]!, out[2]!] as [number, number, number];
    },
    [x, y] as const,
  );
}

/** An area of the page, in CSS pixels. */
export interface Region {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * How many pixels of a screenshot's `region` are `rgb` (within `tol` per channel): what the page shows,
 * the map's canvases and the DOM over them included.
 */
export async function countColour(
  page: Page,
  rgb: readonly [number, number, number],
  region: Region,
  tol: number,
): Promise<number> {
  const png = (await page.screenshot()).toString('base64');
  return page.evaluate(
    async ({ png, rgb, region, tol }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${png}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const d = ctx.getImageData(region.x, region.y, region.w, region.h).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4)
        if (
          Math.abs(d[i]! - rgb[0]) <= tol &&
          Math.abs(d[i + 1]! - rgb[1]) <= tol &&
          Math.abs(d[i + 2]! - rgb[2]) <= tol
        )
          n++;
      return n;
    },
    { png, rgb, region, tol },
  );
}

/** Saves a screenshot under .atlas/screenshots/<name>.png and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/**
 * One client server and one Chromium for a describe block: started before its tests, closed after them
 * with every page opened through `open`. For tests that only open the client and ask its API.
 */
export function clientInBrowser() {
  let server: ClientServer | undefined;
  let browser: Browser | undefined;
  const opened: ClientPage[] = [];
  beforeAll(async () => {
    server = await startClientServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const c of opened) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });
  return {
    get server(): ClientServer {
      if (!server) throw new Error('the client server starts in beforeAll');
      return server;
    },
    /** openClient() on this block's server and browser; the page is closed after the block. */
    async open(pathAndQuery: string, viewport?: { width: number; height: number }): Promise<ClientPage> {
      if (!server || !browser) throw new Error('the client server starts in beforeAll');
      const client = await openClient(browser, server.url, pathAndQuery, viewport);
      opened.push(client);
      return client;
    },
  };
}
