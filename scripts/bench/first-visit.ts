import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { repoRoot } from '../../server/config.ts';
import { formatTable, median, type Row } from './lib/measure.ts';
import { startWireCounter, type WireCounter } from './lib/wire-counter.ts';

// B4 first visit and repeat visit, B10 time to first choropleth (issue #15, item 4): the app opened in
// Chromium through a relay that counts every byte the server sends (headers and encoded bodies, MapLibre's
// worker requests included; lib/wire-counter.ts), from the navigation until the map marks its first
// choropleth drawn (`performance.mark('atlas:first-choropleth')`, MapView.svelte). What the browser takes from
// its cache never reaches the relay. B10 compares the mark's time with a stock MapLibre page on the same
// origin that loads the same vector tiles and scores and paints the same five colours.
//
// Alone: `npx tsx scripts/bench/first-visit.ts http://localhost:8080` against a running server with the
// built client (npm start); `npm run bench` runs it against its own server.

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const VIEWPORT = { width: 1280, height: 720 };
const PAINTED = '#map[data-first-paint="true"]';

function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
    ],
  });
}

interface Visit {
  bytes: number;
  requests: number;
  ms: number;
  /** When the colours were set (ms from the navigation's start). */
  setMs: number;
}

/** The mark the app (MapView.svelte) and the stock page set when their first choropleth is drawn. */
const PAINT_MARK = 'atlas:first-choropleth';
/** The mark both set when the colours are given to the map: before it, waiting for data; after, drawing. */
const SET_MARK = 'atlas:choropleth-set';

/**
 * Opens `url` in a new page of `context`; counts the bytes the relay saw from the navigation's start until the
 * page marked its first choropleth (requests begun after it, deck.gl's chunks say, are not "until the first
 * choropleth"), and times that mark from the navigation's start.
 */
async function visit(
  context: BrowserContext,
  wire: WireCounter,
  url: string,
  done: (p: Page) => Promise<unknown>,
): Promise<Visit> {
  const page = await context.newPage();
  let requests = 0;
  page.on('request', () => requests++);
  const from = Date.now();
  await page.goto(url);
  await done(page);
  const paint = await page.evaluate(
    ([name, setName]) => {
      const mark = performance.getEntriesByName(name)[0];
      const set = performance.getEntriesByName(setName)[0];
      return mark
        ? { at: performance.timeOrigin + mark.startTime, ms: mark.startTime, setMs: set?.startTime ?? NaN }
        : null;
    },
    [PAINT_MARK, SET_MARK] as const,
  );
  if (!paint) throw new Error(`${url} painted without its "${PAINT_MARK}" mark`);
  const count = requests;
  await page.close();
  return {
    bytes: wire.bytesBetween(from, Math.ceil(paint.at)),
    requests: count,
    ms: paint.ms,
    setMs: paint.setMs,
  };
}

const appPainted = (page: Page) => page.waitForSelector(PAINTED, { timeout: 120_000, state: 'attached' });

/**
 * The stock page: MapLibre's own build (its ES module and worker) from node_modules, the same TileJSON
 * and tiles, the same scores, their five classes in the app's default palette (YlOrRd) set as
 * feature-state, like the app does; it marks the body when MapLibre is idle after the colours are set.
 */
function stockPage(): string {
  return `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="/__stock/maplibre-gl.css">
<style>html,body,#map{margin:0;height:100%}</style></head><body><div id="map"></div>
<script type="module">
import * as maplibregl from '/__stock/maplibre-gl.mjs';
maplibregl.setWorkerUrl('/__stock/maplibre-gl-worker.mjs');
const colours = ['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026'];
const map = new maplibregl.Map({ container: 'map', bounds: [22.1, 44.3, 40.2, 52.4],
  style: { version: 8, sources: {}, layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#e8ebef' } }] } });
const scores = fetch('/api/models/cpi/scores?bands=true&fields=summary').then((r) => r.json());
map.on('load', async () => {
  map.addSource('h', { type: 'vector', url: location.origin + '/tiles/hromada?properties=pcode', promoteId: 'pcode' });
  map.addLayer({ id: 'fill', type: 'fill', source: 'h', 'source-layer': 'hromada', paint: { 'fill-color':
    ['match', ['coalesce', ['feature-state', 'c'], -1], ...colours.flatMap((c, i) => [i, c]), '#d9d9d9'] } });
  const body = await scores;
  // The server's classes (1–5), as the app colours them.
  for (const u of body.units) if (u.class) map.setFeatureState({ source: 'h', sourceLayer: 'hromada', id: u.pcode }, { c: u.class - 1 });
  performance.mark('${SET_MARK}');
  map.once('idle', () => { performance.mark('${PAINT_MARK}'); document.body.setAttribute('data-first-paint', 'true'); });
});
</script></body></html>`;
}

async function stockRoutes(context: BrowserContext, base: string): Promise<void> {
  const dist = path.join(repoRoot, 'node_modules', 'maplibre-gl', 'dist');
  const files: Record<string, [string, string]> = {
    '/__stock/index.html': ['text/html', stockPage()],
    '/__stock/maplibre-gl.mjs': [
      'text/javascript',
      await readFile(path.join(dist, 'maplibre-gl.mjs'), 'utf8'),
    ],
    '/__stock/maplibre-gl-worker.mjs': [
      'text/javascript',
      await readFile(path.join(dist, 'maplibre-gl-worker.mjs'), 'utf8'),
    ],
    '/__stock/maplibre-gl.css': ['text/css', await readFile(path.join(dist, 'maplibre-gl.css'), 'utf8')],
  };
  await context.route(`${base}/__stock/**`, (route) => {
    const file = files[new URL(route.request().url()).pathname];
    return file
      ? route.fulfill({ status: 200, contentType: file[0], body: file[1] })
      : route.fulfill({ status: 404 });
  });
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export async function benchFirstVisit(server: string, rounds = ROUNDS): Promise<Row[]> {
  const { hostname, port } = new URL(server);
  const wire = await startWireCounter({ host: hostname, port: Number(port) });
  const base = wire.origin;
  const browser = await launch();
  try {
    const first: Visit[] = [];
    const repeat: Visit[] = [];
    const app: number[] = [];
    const stock: number[] = [];
    const appSet: number[] = [];
    const stockSet: number[] = [];
    // One warm-up of each (the server's caches, Chromium's shader compiler), then alternating rounds.
    for (let round = -1; round < rounds; round++) {
      const context = await browser.newContext({ viewport: VIEWPORT, locale: 'uk-UA' });
      const a = await visit(context, wire, `${base}/`, appPainted);
      const again = await visit(context, wire, `${base}/`, appPainted);
      await context.close();
      const stockContext = await browser.newContext({ viewport: VIEWPORT });
      await stockRoutes(stockContext, base);
      const s = await visit(stockContext, wire, `${base}/__stock/index.html`, (p) =>
        p.waitForSelector('body[data-first-paint="true"]', { timeout: 120_000, state: 'attached' }),
      );
      await stockContext.close();
      if (round < 0) continue;
      first.push(a);
      repeat.push(again);
      app.push(a.ms);
      stock.push(s.ms);
      appSet.push(a.setMs);
      stockSet.push(s.setMs);
    }
    const med = (xs: Visit[], f: (v: Visit) => number) => median(xs.map(f));
    const firstBytes = med(first, (v) => v.bytes);
    const repeatBytes = med(repeat, (v) => v.bytes);
    const appMs = median(app);
    const stockMs = median(stock);
    const ratios = app.map((a, i) => a / stock[i]!);
    return [
      {
        id: 'B4',
        what: `first visit in Chromium until the first choropleth is painted (${med(first, (v) => v.requests)} requests: HTML, JS, CSS, data, tiles)`,
        engine: '–',
        a: { value: firstBytes, unit: 'bytes', label: 'first visit' },
        b: { value: 700 * 1024, unit: 'bytes', label: 'budget' },
        ratio: firstBytes / (700 * 1024),
        goal: { op: '<=', value: 1 },
      },
      {
        id: 'B4',
        what: `repeat visit, warm cache, until the first choropleth (${med(repeat, (v) => v.requests)} requests)`,
        engine: '–',
        a: { value: repeatBytes, unit: 'bytes', label: 'repeat visit' },
        b: { value: 30 * 1024, unit: 'bytes', label: 'budget' },
        ratio: repeatBytes / (30 * 1024),
        goal: { op: '<=', value: 1 },
      },
      {
        id: 'B10',
        what:
          'time to first choropleth, first visit: the app vs a stock MapLibre page (same tiles, scores, colours); ' +
          `colours set at ${seconds(median(appSet))} vs ${seconds(median(stockSet))}, then drawn in ` +
          `${seconds(appMs - median(appSet))} vs ${seconds(stockMs - median(stockSet))}`,
        engine: '–',
        a: { value: appMs, unit: 'ms', label: 'app' },
        b: { value: stockMs, unit: 'ms', label: 'stock MapLibre' },
        ratio: appMs / stockMs,
        goal: { op: '<=', value: 1.3 },
        spread: [Math.min(...ratios), Math.max(...ratios)],
      },
    ];
  } finally {
    await browser.close();
    await wire.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const base = (process.argv[2] ?? 'http://localhost:8080').replace(/\/$/, '');
  benchFirstVisit(base).then(
    (rows) => console.log(formatTable(rows)),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
