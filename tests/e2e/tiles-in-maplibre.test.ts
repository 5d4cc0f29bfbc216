import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Hono } from 'hono';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../server/config.ts';
import { CHROMIUM_PATH, hasChromium, serveHttp, type RunningServer } from '../support/browser.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// Issue #5: "the tile must open in a stock MapLibre page". A plain page with MapLibre GL JS as published
// (node_modules/maplibre-gl/dist, no build step of ours) points a vector source at /tiles/hromada, as any
// MapLibre user would, and draws it in a real Chromium (WebGL through SwiftShader).

interface MapReport {
  errors: string[];
  sourceFeatures: { id: number | string | undefined; pcode: unknown; population: unknown }[];
  renderedAtCentre: number;
  featureState: Record<string, unknown>;
  painted: boolean;
}
declare global {
  interface Window {
    report?: () => Promise<MapReport>;
  }
}

const PAGE = `<!doctype html>
<meta charset="utf-8">
<title>Hromada Atlas tiles in stock MapLibre</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/e2e/maplibre/maplibre-gl.css">
<style>html, body, #map { margin: 0; width: 640px; height: 480px; }</style>
<div id="map"></div>
<script type="module">
  import * as maplibregl from '/e2e/maplibre/maplibre-gl.mjs';
  const errors = [];
  const map = new maplibregl.Map({
    container: 'map',
    center: [30.52, 50.45],
    zoom: 8,
    fadeDuration: 0,
    canvasContextAttributes: { preserveDrawingBuffer: true },
    style: {
      version: 8,
      sources: {
        hromada: { type: 'vector', url: location.origin + '/tiles/hromada?indicators=population_2022' },
      },
      layers: [
        { id: 'bg', type: 'background', paint: { 'background-color': '#ffffff' } },
        {
          id: 'fill',
          type: 'fill',
          source: 'hromada',
          'source-layer': 'hromada',
          paint: {
            'fill-color': ['case', ['boolean', ['feature-state', 'selected'], false], '#ff0000', '#0033cc'],
          },
        },
        { id: 'line', type: 'line', source: 'hromada', 'source-layer': 'hromada', paint: { 'line-color': '#000' } },
      ],
    },
  });
  map.on('error', (e) => errors.push(String(e.error?.message ?? e.error ?? e)));
  const idle = new Promise((resolve) => map.once('idle', resolve));
  window.report = async () => {
    await idle;
    const features = map.querySourceFeatures('hromada', { sourceLayer: 'hromada' });
    const centre = map.project(map.getCenter());
    const rendered = map.queryRenderedFeatures(centre, { layers: ['fill'] });
    const target = rendered[0];
    if (target) map.setFeatureState({ source: 'hromada', sourceLayer: 'hromada', id: target.id }, { selected: true });
    await new Promise((resolve) => map.once('idle', resolve));
    map.triggerRepaint();
    await new Promise((resolve) => map.once('render', resolve));
    const gl = map.getCanvas().getContext('webgl2') ?? map.getCanvas().getContext('webgl');
    const px = new Uint8Array(4);
    gl.readPixels(Math.floor(gl.drawingBufferWidth / 2), Math.floor(gl.drawingBufferHeight / 2), 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px);
    return {
      errors,
      sourceFeatures: features.map((f) => ({ id: f.id, pcode: f.properties.pcode, population: f.properties.population_2022 })),
      renderedAtCentre: rendered.length,
      featureState: target ? map.getFeatureState({ source: 'hromada', sourceLayer: 'hromada', id: target.id }) : {},
      // The centre is inside Kyiv: drawn in the selected colour (red), not the background (white).
      painted: px[0] > 200 && px[1] < 80 && px[2] < 80,
    };
  };
</script>`;

describe.skipIf(!hasChromium())('vector tiles in a stock MapLibre page', () => {
  let t: TestApp;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    const dist = path.join(repoRoot, 'node_modules', 'maplibre-gl', 'dist');
    const site = new Hono()
      .get('/e2e/', (c) => c.html(PAGE))
      .get('/e2e/maplibre/:file', async (c) => {
        const file = c.req.param('file');
        if (!/^maplibre-gl(-worker)?\.(mjs|css)$/.test(file)) return c.notFound();
        const type = file.endsWith('.css') ? 'text/css' : 'text/javascript; charset=utf-8';
        return c.body(await readFile(path.join(dist, file)), 200, { 'Content-Type': type });
      })
      .all('*', (c) => t.app.fetch(c.req.raw));
    server = await serveHttp(site.fetch);
    // WebGL without a GPU: SwiftShader (STACK-NOTES).
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--use-angle=swiftshader',
        '--enable-unsafe-swiftshader',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
    page = await browser.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error') pageErrors.push(`${msg.text()} (${msg.location().url})`);
    });
    await page.goto(`${server.url}/e2e/`);
    await page.waitForFunction(() => typeof window.report === 'function', undefined, { timeout: 20_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.close();
  });

  it('loads TileJSON and tiles, draws them, and keeps feature ids and joined properties', async () => {
    const report = await page.evaluate(() => window.report!());
    expect(pageErrors).toEqual([]);
    expect(report.errors).toEqual([]);
    expect(report.sourceFeatures.length).toBeGreaterThan(20);
    for (const f of report.sourceFeatures) {
      expect(f.id).toBe(Number(String(f.pcode).slice(2)));
    }
    expect(report.sourceFeatures.some((f) => typeof f.population === 'number')).toBe(true);
    expect(report.renderedAtCentre).toBeGreaterThan(0);
    // feature-state works because every feature has an id.
    expect(report.featureState).toEqual({ selected: true });
    expect(report.painted).toBe(true);
  });
});
