import { Hono } from 'hono';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bundleForBrowser,
  hasChromium,
  launchChromium,
  serveHttp,
  type BrowserBundle,
  type RunningServer,
} from '../support/browser.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// Issue #3: "the same module re-scores in the browser". server/model is bundled for the browser as the web
// client would load it, run in a real Chromium over the real API's definition and matrix, and must give
// the server's own scores, ranks and classes for the same weights.

interface UnitResult {
  pcode: string;
  score: number | null;
  rank: number | null;
  class: number | null;
}
interface BrowserRun {
  userAgent: string;
  hasNodeProcess: boolean;
  modelVersion: string;
  units: UnitResult[];
}
declare global {
  interface Window {
    rescore?: (modelId: string, weights: Record<string, number>) => Promise<BrowserRun>;
  }
}

const WEIGHTS = { pressure: 2, coping_capacity: 0.5 };
const TOLERANCE = 1e-12;

// The page the test serves: it imports the bundle and re-scores from what the API gives any client.
const PAGE = `<!doctype html>
<meta charset="utf-8">
<title>server/model in the browser</title>
<link rel="icon" href="data:,">
<script type="module">
  import { parseModelDefinition, scoreModel } from './model.js';
  window.rescore = async (modelId, weights) => {
    const get = async (path) => {
      const res = await fetch(path);
      if (!res.ok) throw new Error(path + ': ' + res.status);
      return res.json();
    };
    const [json, matrix] = await Promise.all([get('/api/models/' + modelId), get('/api/models/' + modelId + '/matrix')]);
    const definition = parseModelDefinition(json, '/api/models/' + modelId);
    const result = scoreModel(definition, { units: matrix.units, columns: matrix.columns }, { weights });
    return {
      userAgent: navigator.userAgent,
      hasNodeProcess: typeof globalThis.process !== 'undefined',
      modelVersion: result.modelVersion,
      units: result.units.map((u) => ({ pcode: u.pcode, score: u.score, rank: u.rank, class: u.class })),
    };
  };
</script>`;

describe.skipIf(!hasChromium())('server/model in a real browser', () => {
  let t: TestApp;
  let bundle: BrowserBundle;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    // highs is loaded on demand by targeting only; scoring never reaches it.
    bundle = await bundleForBrowser('server/model/index.ts', ['highs']);
    t = await createTestApp();
    // The test's own routes sit in front of the real app; the product serves neither.
    const site = new Hono()
      .get('/e2e/', (c) => c.html(PAGE))
      .get('/e2e/model.js', (c) =>
        c.body(bundle.code, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }),
      )
      .all('*', (c) => t.app.fetch(c.req.raw));
    server = await serveHttp(site.fetch);
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error') pageErrors.push(`${msg.text()} (${msg.location().url})`);
    });
    await page.goto(`${server.url}/e2e/`);
    await page.waitForFunction(() => typeof window.rescore === 'function', undefined, { timeout: 10_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.close();
  });

  it('bundles server/model with nothing from Node: only its own files and zod', () => {
    const outside = bundle.inputs.filter((f) => !/^(server\/model\/[a-z-]+\.ts|node_modules\/zod\/)/.test(f));
    expect(outside).toEqual([]);
    expect(bundle.inputs).toContain('server/model/score.ts');
    // The one import left to the browser is highs, behind targeting's dynamic import().
    expect([...new Set(bundle.externalImports)]).toEqual(['highs']);
  });

  it('re-scores the CPI with custom weights exactly as the server does', async () => {
    const run = await page.evaluate(({ weights }) => window.rescore!('cpi', weights), { weights: WEIGHTS });
    expect(pageErrors).toEqual([]);
    expect(run.userAgent).toMatch(/HeadlessChrome|Chrome/);
    expect(run.hasNodeProcess).toBe(false);

    const res = await t.app.request('/api/models/cpi/scores', {
      method: 'POST',
      body: JSON.stringify({ weights: WEIGHTS, bands: false }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(200);
    const scored = (await res.json()) as { model: { version: string }; units: UnitResult[] };
    expect(run.modelVersion).toBe(scored.model.version);
    expect(run.units.map((u) => u.pcode)).toEqual(scored.units.map((u) => u.pcode));
    expect(run.units).toHaveLength(1769);

    const mismatches = run.units.flatMap((b, i) => {
      const s = scored.units[i]!;
      const sameScore =
        b.score === null || s.score === null ? b.score === s.score : Math.abs(b.score - s.score) <= TOLERANCE;
      return sameScore && b.rank === s.rank && b.class === s.class ? [] : [{ browser: b, server: s }];
    });
    expect({ count: mismatches.length, first: mismatches.slice(0, 5) }).toEqual({ count: 0, first: [] });
    expect(run.units.filter((u) => u.score !== null).length).toBeGreaterThan(1400);

    // The weights must have mattered, or the comparison above would prove nothing about them.
    const defaults = (await t.getJson<{ units: UnitResult[] }>('/api/models/cpi/scores?bands=false')).body;
    const moved = defaults.units.filter((u, i) => u.rank !== run.units[i]!.rank).length;
    expect(moved).toBeGreaterThan(100);
  });
});
