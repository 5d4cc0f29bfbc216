import { BASE_PROPERTIES } from '../../server/features/tiles/tile-properties.ts';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import pg from 'pg';
import { repoRoot } from '../../server/config.ts';
import { detectCapabilities } from '../../server/db/capabilities.ts';
import { openPglite, openPostgres } from '../../server/db/client.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import type { DB } from '../../server/db/schema.ts';
import { findLayerUnits } from '../../server/features/layers/layers.repository.ts';
import { MIN_WEIGHT, QUANTIZATION } from '../../server/features/layers/layers.service.ts';
import { loadModelDefinitions } from '../../server/features/models/model-registry.ts';
import { tileAt, type TileCoord } from '../../server/features/tiles/tile-coords.ts';
import { bandFor, ZOOM_BANDS } from '../../server/features/tiles/tile-geometry.ts';
import { findBandFeatures, mvtQuery } from '../../server/features/tiles/tiles.repository.ts';
import { createTilesService } from '../../server/features/tiles/tiles.service.ts';
import { buildBandIndex, renderVectorTile } from '../../server/features/tiles/vt-renderer.ts';
import { createScorer } from '../../server/model/index.ts';
import { cachedPathFor, fetchSources } from '../../server/pipeline/fetch-sources.ts';
import { importAll } from '../../server/pipeline/import-all.ts';
import { importFile } from '../../server/pipeline/importers/index.ts';
import { loadSourcesManifest, type SourcesManifest } from '../../server/pipeline/sources-manifest.ts';
import { runChild, startServer, type BenchServer } from './lib/children.ts';
import { ImportSteps } from './lib/import-steps.ts';
import { benchFirstVisit } from './first-visit.ts';
import { benchScaleCurve } from './scale-curve.ts';
import { quantile, sampleLatencies } from './lib/latency.ts';
import { load } from './lib/load.ts';
import { formatTable, median, met, ratioSpread, sideBySide, timeMs, type Row } from './lib/measure.ts';
import type { FixedResponse } from './serve.ts';

// `npm run bench` (issue #5): every goal as a ratio of two measurements taken side by side in this one run,
// on both databases where the goal concerns one. See docs/benchmarks.md for what each line means.

const run = promisify(execFile);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
/** Imports and PGlite starts take seconds each: fewer rounds. */
const IMPORT_ROUNDS = Number(process.env.BENCH_IMPORT_ROUNDS ?? 3);
/** HTTP and SQL concurrency: the same on both sides of every throughput ratio. */
const CONNECTIONS = 4;
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DATA_DIR = path.resolve(process.env.ATLAS_DATA_MIRROR ?? path.join(repoRoot, '..', 'shared', 'data'));
const BROWSER_ENCODING = 'gzip, deflate, br, zstd';
const KYIV = { lon: 30.5234, lat: 50.4501 };

const rows: Row[] = [];
/**
 * The bare-Hono 304 ratio of this run (B2 context): the 304 lines' goal is 0.9 × this floor (issue #15), since
 * no app on Hono can answer a 304 faster than Hono itself.
 */
let honoFloor304: number | null = null;
const log = (msg: string) => console.error(`[bench] ${msg}`);

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  /** As sent on the wire (still compressed). */
  body: Buffer;
}

/** A GET without decompression (fetch would hide the bytes on the wire). */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: Object.fromEntries(
              Object.entries(res.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]),
            ),
            body: Buffer.concat(chunks),
          }),
        );
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

async function getJson<T>(url: string): Promise<T> {
  const res = await rawGet(url);
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${res.body.toString()}`);
  return JSON.parse(res.body.toString()) as T;
}

// ---------------------------------------------------------------------------------------------------------
// Databases

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const createdDatabases = new Set<string>();

async function createDatabase(name: string, template?: string): Promise<string> {
  await admin((c) => c.query(`create database ${name}${template ? ` template ${template}` : ''}`));
  createdDatabases.add(name);
  return withDatabase(ADMIN_URL, name);
}

async function dropDatabase(name: string): Promise<void> {
  await admin((c) => c.query(`drop database if exists ${name} with (force)`));
  createdDatabases.delete(name);
}

/** Whether the native PostgreSQL is there and can create PostGIS; the reason when not. */
async function probeNative(): Promise<string | null> {
  try {
    const { rows: ext } = await admin((c) =>
      c.query<{ n: number }>(`select count(*)::int as n from pg_available_extensions where name = 'postgis'`),
    );
    return ext[0]?.n ? null : 'PostGIS is not installed (apt-get install postgresql-15-postgis-3)';
  } catch (err) {
    return `no PostgreSQL at ${new URL(ADMIN_URL).host} (${(err as Error).message})`;
  }
}

async function boundaryImport(db: Kysely<DB>, manifest: SourcesManifest): Promise<void> {
  for (const file of manifest.files.filter((f) => f.importer === 'boundaries')) {
    await importFile(db, manifest, {
      importer: 'boundaries',
      filePath: cachedPathFor(DATA_DIR, file),
      options: file.options as { level?: string },
    });
  }
}

/** Sample tiles: those holding every fifth hromada's label point, at zoom z, once each. */
async function sampleTiles(db: Kysely<DB>, z: number): Promise<TileCoord[]> {
  const { rows: points } = await sql<{ lon: number; lat: number }>`
    select ST_X(label_point) as lon, ST_Y(label_point) as lat from admin_units
    where level = 'hromada' and label_point is not null order by pcode`.execute(db);
  const seen = new Map<string, TileCoord>();
  points.forEach((p, i) => {
    if (i % 5) return;
    const t = tileAt(p.lon, p.lat, z);
    seen.set(`${t.x}/${t.y}`, t);
  });
  return [...seen.values()];
}

const tilePath = (t: TileCoord) => `/tiles/hromada/${t.z}/${t.x}/${t.y}`;

// ---------------------------------------------------------------------------------------------------------
// B7: full import vs ogr2ogr (native only)

async function benchImport(manifest: SourcesManifest, benchDb: string): Promise<string> {
  log('B7: import vs ogr2ogr, alternating rounds');
  const emptyDb = `${benchDb}_empty`;
  const emptyUrl = await createDatabase(emptyDb);
  const migrated = openPostgres(emptyUrl);
  await migrateToLatest(migrated.db);
  await migrated.close();

  let round = 0;
  let keep: string | null = null;
  const importSteps = new ImportSteps();
  const importInto = async (kind: 'full' | 'boundaries', keepIt = false) => {
    const name = `${benchDb}_r${round++}`;
    const database = openPostgres(await createDatabase(name, emptyDb));
    const ms = await timeMs(() =>
      kind === 'full'
        ? importAll(database.db, manifest, DATA_DIR, importSteps.record)
        : boundaryImport(database.db, manifest),
    );
    importSteps.nextRound();
    await database.close();
    if (keepIt) {
      if (keep) await dropDatabase(keep);
      keep = name;
    } else await dropDatabase(name);
    return ms;
  };
  const hasOgr = await run('ogr2ogr', ['--version']).then(
    () => true,
    () => false,
  );
  const u = new URL(ADMIN_URL);
  const ogr = async () => {
    const name = `${benchDb}_r${round++}`;
    await createDatabase(name, emptyDb);
    const connection = [
      `host=${u.hostname}`,
      `port=${u.port || 5432}`,
      `user=${decodeURIComponent(u.username || 'postgres')}`,
      u.password ? `password=${decodeURIComponent(u.password)}` : '',
      `dbname=${name}`,
    ].join(' ');
    const ms = await timeMs(async () => {
      for (const file of manifest.files.filter((f) => f.importer === 'boundaries')) {
        const level = String((file.options as { level?: string }).level);
        await run('ogr2ogr', [
          '-f',
          'PostgreSQL',
          `PG:${connection}`,
          cachedPathFor(DATA_DIR, file),
          '-nln',
          `ogr_${level}`,
          '-nlt',
          'PROMOTE_TO_MULTI',
          '-lco',
          'GEOMETRY_NAME=geom',
          '-lco',
          'SPATIAL_INDEX=GIST',
        ]);
      }
    });
    await dropDatabase(name);
    return ms;
  };

  const full: number[] = [];
  const boundaries: number[] = [];
  const ogrTimes: number[] = [];
  if (hasOgr) {
    await importInto('boundaries');
    await ogr();
  }
  for (let r = 0; r < IMPORT_ROUNDS; r++) {
    const last = r === IMPORT_ROUNDS - 1;
    const steps = [
      async () => full.push(await importInto('full', last)),
      async () => boundaries.push(await importInto('boundaries')),
      async () => hasOgr && ogrTimes.push(await ogr()),
    ];
    for (const step of r % 2 ? steps.reverse() : steps) await step();
  }
  const o = median(ogrTimes);
  const note = hasOgr ? undefined : 'ogr2ogr missing: apt-get install gdal-bin';
  rows.push(importBudgetRow('PostgreSQL', median(full), importSteps.summary()));
  // The first goal (≤ 2× ogr2ogr) compared 14 files and neighbours with 3 files loaded bare; issue #15
  // replaced it by the time budget above. The ratio stays as a report beside B7b's like-for-like one.
  rows.push({
    id: 'B7',
    what: 'full import (all sources, neighbours) vs ogr2ogr loading the 3 boundary GeoJSONs',
    engine: 'PostgreSQL',
    a: { value: median(full), unit: 'ms', label: 'import' },
    b: hasOgr ? { value: o, unit: 'ms', label: 'ogr2ogr' } : null,
    ratio: hasOgr ? median(full) / o : null,
    goal: null,
    note,
  });
  rows.push({
    id: 'B7b',
    what: 'boundaries import alone (the same 3 GeoJSONs) vs ogr2ogr',
    engine: 'PostgreSQL',
    a: { value: median(boundaries), unit: 'ms', label: 'import' },
    b: hasOgr ? { value: o, unit: 'ms', label: 'ogr2ogr' } : null,
    ratio: hasOgr ? median(boundaries) / o : null,
    goal: { op: '<=', value: 2 },
    note,
  });
  await dropDatabase(emptyDb);
  return keep!;
}

/** Issue #15's budget for the full import on this 2-core machine, per database. */
const IMPORT_BUDGET_MS = { PostgreSQL: 8_000, PGlite: 20_000 } as const;

/** B7: the full import's median time against its budget, with each group of steps' time in the note. */
function importBudgetRow(engine: keyof typeof IMPORT_BUDGET_MS, ms: number, steps: string): Row {
  const budget = IMPORT_BUDGET_MS[engine];
  return {
    id: 'B7',
    what: `full import (all sources, neighbours) into an empty migrated ${engine} database vs its budget`,
    engine,
    a: { value: ms, unit: 'ms', label: 'import' },
    b: { value: budget, unit: 'ms', label: 'budget' },
    ratio: ms / budget,
    goal: { op: '<=', value: 1 },
    note: steps,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Per engine: B2 (cached serving vs node:http), B3 (live tiles vs the bare renderer), B9 (targeting)

interface Engine {
  name: 'PostgreSQL' | 'PGlite';
  server: BenchServer;
  /** The tiles of B3 at z7 and z10. */
  tiles: Record<7 | 10, TileCoord[]>;
  /** B3's baseline: the same tiles rendered without HTTP (ST_AsMVT over a pool, or geojson-vt in process). */
  direct: (tiles: TileCoord[], concurrency: number, amount: number) => Promise<number>;
  directLabel: string;
}

async function benchServing(engine: Engine, tmp: string): Promise<void> {
  const app = engine.server.url('app');
  const version = (await getJson<{ dataVersion: string }>(`${app}/api/health`)).dataVersion;
  const kyiv7 = tileAt(KYIV.lon, KYIV.lat, 7);
  const paths = {
    layer: '/api/layers/hromada.topojson',
    tile: `${tilePath(kyiv7)}?v=${version}`,
  };
  // Warm: builds the layer, the tile geometry and the cached tile.
  const br = { 'Accept-Encoding': BROWSER_ENCODING };
  const layer = await rawGet(app + paths.layer, br);
  const tile = await rawGet(app + paths.tile, br);
  const notModified = await rawGet(app + paths.tile, { ...br, 'If-None-Match': tile.headers.etag! });
  if (layer.status !== 200 || tile.status !== 200 || notModified.status !== 304) {
    throw new Error(`warm-up: layer ${layer.status}, tile ${tile.status}, 304 path ${notModified.status}`);
  }
  const fixed = (r: RawResponse): FixedResponse => {
    const headers = { ...r.headers };
    delete headers.date;
    delete headers.connection;
    delete headers['keep-alive'];
    delete headers['x-request-id'];
    return { status: r.status, headers, bodyBase64: r.body.toString('base64') };
  };
  const responsesFile = path.join(tmp, `responses-${engine.name}.json`);
  await writeFile(
    responsesFile,
    JSON.stringify({ '/layer': fixed(layer), '/tile': fixed(tile), '/304': fixed(notModified) }),
  );
  const jsonFile = path.join(tmp, 'b1.json');
  if (!existsSync(jsonFile)) {
    await writeFile(jsonFile, (await rawGet(`${app}/api/units?level=oblast&limit=100`)).body);
  }
  const baselines = await startServer({ kind: 'baselines', jsonFile, responsesFile });
  try {
    if (!rows.some((r) => r.id === 'B1')) {
      log('B1: Hono JSON route vs node:http');
      const r = await sideBySide({
        rounds: ROUNDS,
        a: () => load({ base: baselines.url('honoJson'), paths: ['/json'], ...http200(20_000) }),
        b: () => load({ base: baselines.url('nodeJson'), paths: ['/json'], ...http200(20_000) }),
      });
      rows.push(
        throughputRow('B1', 'JSON route (27 oblasts, 9 KB): Hono vs node:http', '–', r, 'Hono', 0.85),
      );
      log('B2 context: a bare Hono app answering the same 304 vs node:http');
      const floor = await sideBySide({
        rounds: ROUNDS,
        a: () => load({ base: baselines.url('hono304'), paths: ['/304'], ...notModifiedLoad() }),
        b: () => load({ base: baselines.url('nodeFixed'), paths: ['/304'], ...notModifiedLoad() }),
      });
      const context = throughputRow(
        'B2',
        '304: bare Hono + requestId, same headers (framework floor)',
        '–',
        floor,
        'Hono',
        0.85,
      );
      context.goal = null;
      honoFloor304 = floor.ratio;
      rows.push(context);
    }
    log(`B2 on ${engine.name}: layer, cached tile and 304 vs node:http serving the same bytes`);
    const cases = [
      ['layer (hromadas TopoJSON, brotli)', paths.layer, '/layer', 400, br, [200]],
      ['cached tile (z7, brotli)', paths.tile, '/tile', 10_000, br, [200]],
      [
        '304 (tile, If-None-Match)',
        paths.tile,
        '/304',
        20_000,
        { ...br, 'If-None-Match': tile.headers.etag! },
        [304],
      ],
    ] as const;
    for (const [what, ours, theirs, amount, headers, expect] of cases) {
      const r = await sideBySide({
        rounds: ROUNDS,
        a: () => load({ base: app, paths: [ours], connections: CONNECTIONS, amount, headers, expect }),
        b: () =>
          load({
            base: baselines.url('nodeFixed'),
            paths: [theirs],
            connections: CONNECTIONS,
            amount,
            headers,
            expect,
          }),
      });
      const row = throughputRow('B2', what, engine.name, r, 'app', 0.85);
      if (theirs === '/304' && honoFloor304 !== null) {
        row.goal = { op: '>=', value: +(0.9 * honoFloor304).toFixed(2) };
        row.note = `goal 0.9 × the bare-Hono floor ${honoFloor304.toFixed(2)}`;
      }
      rows.push(row);
    }
  } finally {
    await baselines.stop();
  }

  for (const z of [7, 10] as const) {
    log(`B3 on ${engine.name}: live z${z} tiles over HTTP vs ${engine.directLabel}`);
    const list = engine.tiles[z];
    // About two seconds a side: enough to leave connection set-up and the first second behind.
    const amount = engine.name === 'PGlite' ? (z === 10 ? 3_000 : 800) : z === 10 ? 1_200 : 500;
    const r = await sideBySide({
      rounds: ROUNDS,
      a: () =>
        load({
          base: engine.server.url('live'),
          paths: list.map(tilePath),
          connections: CONNECTIONS,
          amount,
          expect: [200, 204],
        }),
      b: () => engine.direct(list, CONNECTIONS, amount),
    });
    const row = throughputRow(
      'B3',
      `live z${z} tiles (${list.length} tiles, no cache) vs ${engine.directLabel}`,
      engine.name,
      r,
      'HTTP',
      z === 7 ? 0.7 : 0.6,
      'direct',
    );
    // The goal compares HTTP with the tile SQL; PGlite has none (no ST_AsMVT), so its line is a report.
    if (engine.name === 'PGlite') {
      row.goal = null;
      row.note = 'no tile SQL on PGlite: report';
    }
    rows.push(row);
  }

  log(`B9 on ${engine.name}: exact targeting over all hromadas`);
  // Each solve asks a budget no earlier one asked (a hryvnia more each time): solves are cached by request
  // and data version (issue #15 item 2), and a cached answer is not a solve.
  let budget = 50_000_000;
  const post = async () => {
    const body = JSON.stringify({
      cost: { type: 'per_capita', amount: 20 },
      budget: budget++,
      filters: { excludeOccupied: false },
      method: 'exact',
    });
    const t0 = performance.now();
    const res = await fetch(`${app}/api/targeting`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
    });
    const json = (await res.json()) as { optimal?: boolean; selected?: unknown[] };
    if (res.status !== 200 || !json.optimal)
      throw new Error(`targeting: ${res.status} ${JSON.stringify(json)}`);
    return { ms: performance.now() - t0, selected: json.selected!.length };
  };
  await post();
  const times: number[] = [];
  let selected = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const r = await post();
    times.push(r.ms);
    selected = r.selected;
  }
  rows.push({
    id: 'B9',
    what: `exact targeting, all hromadas eligible (HiGHS, ${selected} selected), POST /api/targeting`,
    engine: engine.name,
    a: { value: median(times), unit: 'ms', label: 'solve' },
    b: null,
    ratio: null,
    goal: null,
  });

  await benchIsolation(engine, app + paths.tile, br);
}

/**
 * B11 (issue #15 item 2): the p99 latency of a cached tile while 4 exact targeting solves run, against the
 * same load with nothing else to do. The solves run in the worker pool, so the event loop that serves the tile
 * only shares the CPU with them. Each round asks 4 budgets no earlier round asked: the gate's cache must
 * not answer them.
 */
async function benchIsolation(engine: Engine, tileUrl: string, headers: Record<string, string>) {
  log(`B11 on ${engine.name}: p99 of a cached tile while 4 exact targeting solves run, vs idle`);
  const app = engine.server.url('app');
  const solve = async (budget: number) => {
    const res = await fetch(`${app}/api/targeting`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        cost: { type: 'per_capita', amount: 20 },
        budget,
        filters: { excludeOccupied: false },
        method: 'exact',
      }),
    });
    const json = (await res.json()) as { optimal?: boolean };
    if (res.status !== 200 || !json.optimal)
      throw new Error(`B11 targeting: ${res.status} ${JSON.stringify(json)}`);
  };
  const tiles = (done: () => boolean) =>
    sampleLatencies({ url: tileUrl, headers, connections: 4, done, min: 400 });
  let budget = 45_000_000;
  const busy: number[] = [];
  const idle: number[] = [];
  const solveMs: number[] = [];
  await solve(budget++); // the pool's thread started and HiGHS loaded
  for (let round = 0; round < ROUNDS; round++) {
    let solving = true;
    const t0 = performance.now();
    const solves = Promise.all([0, 1, 2, 3].map(() => solve(budget++))).finally(() => {
      solving = false;
      solveMs.push(performance.now() - t0);
    });
    const during = await tiles(() => !solving);
    await solves;
    // The same number of tile requests with nothing else running.
    let left = during.length;
    const quiet = await tiles(() => --left <= 0);
    busy.push(quantile(during, 0.99));
    idle.push(quantile(quiet, 0.99));
  }
  const ratios = busy.map((b, i) => b / idle[i]!);
  rows.push({
    id: 'B11',
    what: `cached tile p99 (4 connections) while 4 exact solves run (${(median(solveMs) / 1000).toFixed(1)} s) vs idle`,
    engine: engine.name,
    a: { value: median(busy), unit: 'ms', label: 'during solves' },
    b: { value: median(idle), unit: 'ms', label: 'idle' },
    ratio: median(busy) / median(idle),
    goal: { op: '<=', value: 2 },
    spread: [Math.min(...ratios), Math.max(...ratios)],
  });
}

function notModifiedLoad() {
  return { connections: CONNECTIONS, amount: 20_000, expect: [304] as const };
}

function http200(amount: number) {
  return { connections: CONNECTIONS, amount, expect: [200] as const };
}

function throughputRow(
  id: string,
  what: string,
  engine: string,
  r: Awaited<ReturnType<typeof sideBySide>>,
  label: string,
  goal: number,
  baselineLabel = 'node:http',
): Row {
  return {
    id,
    what,
    engine,
    a: { value: r.medianA, unit: 'req/s', label },
    b: { value: r.medianB, unit: 'req/s', label: baselineLabel },
    ratio: r.ratio,
    spread: ratioSpread(r),
    goal: { op: '>=', value: goal },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Engine-independent: B4 (bytes), B5 (one indicator's payload), B6 (re-scoring)

type LayerUnits = Awaited<ReturnType<typeof findLayerUnits>>;

/** mapshaper from node_modules (npm install --no-save mapshaper) or from the PATH; null when neither has it. */
async function findMapshaper(): Promise<string | null> {
  for (const candidate of [path.join(repoRoot, 'node_modules', '.bin', 'mapshaper'), 'mapshaper']) {
    const found = await run(candidate, ['-v']).then(
      () => true,
      () => false,
    );
    if (found) return candidate;
  }
  return null;
}

async function benchBytes(app: string, units: LayerUnits, tmp: string): Promise<void> {
  log('B4: layer bytes vs mapshaper; initial view');
  // mapshaper gets exactly what the layer is built from, and Visvalingam at the same threshold: our weight is
  // a spherical triangle area in steradians; mapshaper's interval is 0.65 × √(area in m²) (its
  // "linear equivalent"), on a sphere of radius 6378137 m.
  const input = {
    type: 'FeatureCollection',
    // The pcode as the feature id: mapshaper keeps it as the TopoJSON id (its default id field, FID).
    features: units.map((u) => ({
      type: 'Feature',
      id: u.pcode,
      properties: { nameUk: u.name_uk, nameEn: u.name_en, parentPcode: u.parent_pcode },
      geometry: u.geometry,
    })),
  };
  const inFile = path.join(tmp, 'hromada.geojson');
  const outFile = path.join(tmp, 'hromada.mapshaper.topojson');
  await writeFile(inFile, JSON.stringify(input));
  const interval = 0.65 * Math.sqrt(MIN_WEIGHT) * 6378137;
  const ours = (await rawGet(`${app}/api/layers/hromada.topojson`)).body;
  const ourBr = (await rawGet(`${app}/api/layers/hromada.topojson`, { 'Accept-Encoding': 'br' })).body;
  const what = `whole-country hromada layer vs mapshaper (Visvalingam, same threshold, quantisation ${QUANTIZATION})`;
  const mapshaper = await findMapshaper();
  if (!mapshaper) {
    // Not a dependency: its msgpackr-extract platform packages are missing from some registries, which
    // breaks `npm ci` from the lockfile. Installed on demand, it is found here.
    rows.push({
      id: 'B4',
      what,
      engine: '–',
      a: { value: ours.byteLength, unit: 'bytes', label: 'ours' },
      b: null,
      ratio: null,
      goal: { op: '<=', value: 1.05 },
      note: 'mapshaper not installed: npm install --no-save mapshaper@0.6.113',
    });
  } else {
    await run(mapshaper, [
      '-i',
      inFile,
      '-simplify',
      'visvalingam',
      `interval=${interval.toFixed(3)}`,
      'no-repair',
      '-rename-layers',
      'hromada',
      '-o',
      'format=topojson',
      `quantization=${QUANTIZATION}`,
      'bbox',
      outFile,
    ]);
    const theirs = await readFile(outFile);
    rows.push({
      id: 'B4',
      what,
      engine: '–',
      a: { value: ours.byteLength, unit: 'bytes', label: 'ours' },
      b: { value: theirs.byteLength, unit: 'bytes', label: 'mapshaper' },
      ratio: ours.byteLength / theirs.byteLength,
      goal: { op: '<=', value: 1.05 },
      note: `brotli: ours ${(ourBr.byteLength / 1024).toFixed(1)} KiB`,
    });
  }

  // The initial view as the web client loads it (web/src: App.svelte, MapView.svelte): the unit indexes
  // (names, boxes, label points), the catalogue, the default index's scores, and the shapes as vector tiles
  // without names (`properties=pcode`) for the zoom-5 tiles over Ukraine (1280×720 shows all of it at z≈5.3;
  // raion borders start at z6, so their tiles are not fetched yet). Compressed as a browser asks.
  const initial = [
    '/api/client-config',
    '/api/auth/me',
    '/api/layers/hromada.index.json',
    '/api/layers/raion.index.json',
    '/api/layers/oblast.index.json',
    '/api/indicators',
    '/api/models',
    '/api/sources',
    '/api/occupied-areas',
    '/api/models/cpi/scores?bands=true&fields=summary',
  ];
  const parts: string[] = [];
  let apiBytes = 0;
  for (const p of initial) {
    const res = await rawGet(app + p, { 'Accept-Encoding': BROWSER_ENCODING });
    if (res.status !== 200) throw new Error(`${p}: ${res.status}`);
    apiBytes += res.body.byteLength;
    if (res.body.byteLength > 8 * 1024) {
      parts.push(`${p.replace('/api/', '').replace(/\?.*/, '')} ${(res.body.byteLength / 1024).toFixed(0)}`);
    }
  }
  let tileBytes = 0;
  let n = 0;
  for (const source of ['hromada', 'oblast']) {
    const tileJsonUrl = `${app}/tiles/${source}?properties=pcode`;
    tileBytes += (await rawGet(tileJsonUrl, { 'Accept-Encoding': BROWSER_ENCODING })).body.byteLength;
    const { bounds, tiles } = await getJson<{ bounds: [number, number, number, number]; tiles: string[] }>(
      tileJsonUrl,
    );
    const [x0, x1] = [tileAt(bounds[0], 0, 5).x, tileAt(bounds[2], 0, 5).x];
    const [y0, y1] = [tileAt(0, bounds[3], 5).y, tileAt(0, bounds[1], 5).y];
    for (let x = x0; x <= x1; x++) {
      for (let y = y0; y <= y1; y++) {
        const url = tiles[0]!.replace('{z}', '5').replace('{x}', String(x)).replace('{y}', String(y));
        tileBytes += (await rawGet(url, { 'Accept-Encoding': BROWSER_ENCODING })).body.byteLength;
        n++;
      }
    }
  }
  parts.push(`${n} z5 tiles + TileJSON ${(tileBytes / 1024).toFixed(0)}`);
  const total = apiBytes + tileBytes;
  rows.push({
    id: 'B4',
    what: `initial view as the client loads it, compressed (KiB: ${parts.join(', ')}, rest ${((total - tileBytes) / 1024).toFixed(0)} in all)`,
    engine: '–',
    a: { value: total, unit: 'bytes', label: 'total' },
    b: { value: 250 * 1024, unit: 'bytes', label: 'budget' },
    ratio: total / (250 * 1024),
    goal: { op: '<=', value: 1 },
  });

  log('B5: one indicator payload vs the uint16 + gzip floor');
  const id = 'population_2022';
  const url = `${app}/api/indicators/${id}/values?level=hromada`;
  // What the client fetches: the positional form, aligned to a unit list it fetches once (immutable URL).
  const columnsUrl = `${url}&format=columns`;
  const payload = (await rawGet(columnsUrl, { 'Accept-Encoding': BROWSER_ENCODING })).body;
  const { unitsUrl } = await getJson<{ unitsUrl: string }>(columnsUrl);
  const unitList = (await rawGet(app + unitsUrl, { 'Accept-Encoding': BROWSER_ENCODING })).body;
  const keyedPayload = (await rawGet(url, { 'Accept-Encoding': BROWSER_ENCODING })).body;
  const values = Object.values((await getJson<{ values: Record<string, number> }>(url)).values);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const q = new Uint16Array(values.map((v) => Math.round(((v - min) / (max - min || 1)) * 65534)));
  const floor = gzipSync(Buffer.from(q.buffer), { level: 9 }).byteLength;
  rows.push({
    id: 'B5',
    what:
      `${id} values (${values.length} hromadas) as served (format=columns; its unit list, ` +
      `${(unitList.byteLength / 1024).toFixed(1)} KiB, once per session), compressed, vs the same values as uint16 gzipped`,
    engine: '–',
    a: { value: payload.byteLength, unit: 'bytes', label: 'payload' },
    b: { value: floor, unit: 'bytes', label: 'floor' },
    ratio: payload.byteLength / floor,
    goal: { op: '<=', value: 1.5 },
  });
  rows.push({
    id: 'B5',
    what: `${id} values keyed by pcode (the default form), compressed, vs the same floor`,
    engine: '–',
    a: { value: keyedPayload.byteLength, unit: 'bytes', label: 'payload' },
    b: { value: floor, unit: 'bytes', label: 'floor' },
    ratio: keyedPayload.byteLength / floor,
    goal: null,
  });

  log('B6: re-scoring with the client model vs a plain weighted-sum loop');
  const definition = loadModelDefinitions().get('cpi')!;
  const matrix = await getJson<{
    units: string[];
    columns: Record<string, { values: (number | null)[]; period: string | null }>;
  }>(`${app}/api/models/cpi/matrix`);
  const scorer = createScorer(definition, { units: matrix.units, columns: matrix.columns });
  const dims = definition.dimensions.map((d) => d.id);
  // The loop's inputs, prepared once as createScorer prepares its own: each column scaled to 0–1.
  const columns = Object.values(matrix.columns).map((c) => {
    const present = c.values.filter((v): v is number => v !== null);
    const lo = Math.min(...present);
    const span = Math.max(...present) - lo || 1;
    return Float64Array.from(c.values, (v) => (v === null ? NaN : (v - lo) / span));
  });
  const n2 = matrix.units.length;
  const out = new Float64Array(n2);
  const ITER = 100;
  let sink = 0;
  const r = await sideBySide({
    rounds: ROUNDS,
    a: async () => {
      const t0 = performance.now();
      for (let i = 0; i < ITER; i++) {
        // A slider move: one dimension's weight changes; the map needs each unit's index and rank.
        const res = scorer.scoreColumns({ weights: { [dims[i % dims.length]!]: 1 + (i % 5) } });
        sink += res.rank.length;
      }
      return ((performance.now() - t0) / ITER) * 1000;
    },
    b: async () => {
      const t0 = performance.now();
      for (let i = 0; i < ITER; i++) {
        const w = columns.map((_, k) => (k % dims.length === i % dims.length ? 1 + (i % 5) : 1));
        for (let u = 0; u < n2; u++) {
          let s = 0;
          let ws = 0;
          for (let k = 0; k < columns.length; k++) {
            const x = columns[k]![u]!;
            if (x === x) {
              s += w[k]! * x;
              ws += w[k]!;
            }
          }
          out[u] = ws > 0 ? s / ws : NaN;
        }
        sink += out[0]! === out[0]! ? 1 : 0;
      }
      return ((performance.now() - t0) / ITER) * 1000;
    },
  });
  if (sink < 0) log('');
  rows.push({
    id: 'B6',
    what: `re-score ${n2} hromadas (cpi, ${columns.length} indicators): scorer.scoreColumns() (index + rank + confidence) vs weighted-sum loop`,
    engine: '–',
    a: { value: r.medianA, unit: 'µs', label: 'model' },
    b: { value: r.medianB, unit: 'µs', label: 'loop' },
    ratio: r.ratio,
    spread: ratioSpread(r),
    goal: { op: '<=', value: 3 },
  });

  // B12: the scale curve, on synthetic units shaped like the real matrix just fetched (scale-curve.ts).
  if (process.env.BENCH_SKIP_SCALE !== '1')
    rows.push(...(await benchScaleCurve(definition, matrix, undefined, log)));
}

// ---------------------------------------------------------------------------------------------------------

/** The rows measured in Chromium (B4 first visit, B10); `BENCH_BROWSER=0` leaves them out. */
const BROWSER_ROWS = process.env.BENCH_BROWSER !== '0';
/** Steps that threw, each with its first line: printed under the table, and the run exits 1. */
const failed: string[] = [];

async function main(): Promise<void> {
  const started = performance.now();
  const manifest = await loadSourcesManifest();
  let dataDir = DATA_DIR;
  if (!existsSync(path.join(dataDir, 'cod-ab-reach'))) {
    // A fresh clone without the mirror: the pinned files, checked against their sha256.
    dataDir = path.join(repoRoot, '.atlas', 'cache');
    log(`no data mirror at ${DATA_DIR}: fetching the pinned sources into ${dataDir}`);
    await fetchSources({ manifest, cacheDir: dataDir });
  }
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'atlas-bench-'));
  const benchDb = `atlas_bench_${process.pid}`;
  const servers: BenchServer[] = [];
  log(`rounds: ${ROUNDS} (imports: ${IMPORT_ROUNDS}); ${os.cpus().length} CPUs; data: ${dataDir}`);
  if (BROWSER_ROWS) {
    // The client as `npm start` serves it, built before any server starts (on a fresh clone there is none):
    // built when web/ changed since the last build.
    await run(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'scripts', 'build-web.ts')]);
  }
  try {
    const nativeProblem = await probeNative();
    if (nativeProblem) {
      log(`native PostgreSQL skipped: ${nativeProblem}`);
      rows.push({
        id: 'B7',
        what: 'import vs ogr2ogr',
        engine: 'PostgreSQL',
        a: null,
        b: null,
        ratio: null,
        goal: null,
        note: nativeProblem,
      });
    } else {
      const name = await benchImport(manifest, benchDb);
      const url = withDatabase(ADMIN_URL, name);
      const database = openPostgres(url);
      const capabilities = await detectCapabilities(database.db);
      await createTilesService({ db: database.db, capabilities }).warm();
      await sql`analyze`.execute(database.db);
      const tiles = { 7: await sampleTiles(database.db, 7), 10: await sampleTiles(database.db, 10) };
      const server = await startServer({ kind: 'app', database: { kind: 'postgres', url } });
      servers.push(server);
      await benchServing(
        {
          name: 'PostgreSQL',
          server,
          tiles,
          directLabel: 'the same ST_AsMVT SQL over a pool',
          direct: async (list, concurrency, amount) => {
            const per = Math.ceil(amount / concurrency);
            const t0 = performance.now();
            await Promise.all(
              Array.from({ length: concurrency }, async () => {
                for (let i = 0; i < per; i++) {
                  const tile = list[i % list.length]!;
                  await mvtQuery({
                    layer: 'hromada',
                    level: 'hromada',
                    band: bandFor(tile.z).band,
                    tile,
                    extras: null,
                    properties: BASE_PROPERTIES,
                  }).execute(database.db);
                }
              }),
            );
            return (per * concurrency) / ((performance.now() - t0) / 1000);
          },
        },
        tmp,
      );
      await benchBytes(server.url('app'), await findLayerUnits(database.db, 'hromada'), tmp);
      await server.stop();
      servers.pop();
      await database.close();
    }

    log('PGlite: migrate and import into a temporary data directory');
    const dataDirPglite = path.join(tmp, 'pglite');
    await mkdir(dataDirPglite);
    const pglite = await openPglite({ dataDir: dataDirPglite });
    await migrateToLatest(pglite.db);
    const pgliteSteps = new ImportSteps();
    const importMs = await timeMs(() => importAll(pglite.db, manifest, dataDir, pgliteSteps.record));
    rows.push(importBudgetRow('PGlite', importMs, pgliteSteps.summary()));
    await createTilesService({ db: pglite.db, capabilities: await detectCapabilities(pglite.db) }).warm();
    const tiles = { 7: await sampleTiles(pglite.db, 7), 10: await sampleTiles(pglite.db, 10) };
    const indexes = new Map<number, ReturnType<typeof buildBandIndex>>();
    for (const band of ZOOM_BANDS) {
      indexes.set(band.band, buildBandIndex(band, await findBandFeatures(pglite.db, 'hromada', band.band)));
    }
    // Without a native database, B4–B6 run against the PGlite server.
    const layerUnits = nativeProblem === null ? null : await findLayerUnits(pglite.db, 'hromada');
    await pglite.close();

    log('B8: warm start of a persisted PGlite vs bare PGlite + PostGIS, alternating fresh processes');
    const b8 = await sideBySide({
      rounds: IMPORT_ROUNDS,
      a: async () => (await runChild<{ ms: number }>('pglite-start.ts', ['warm', dataDirPglite])).ms,
      b: async () => (await runChild<{ ms: number }>('pglite-start.ts', ['bare'])).ms,
    });
    rows.push({
      id: 'B8',
      what: 'warm start: open persisted data dir + migrations check + probe vs create in memory + postgis',
      engine: 'PGlite',
      a: { value: b8.medianA, unit: 'ms', label: 'warm' },
      b: { value: b8.medianB, unit: 'ms', label: 'bare' },
      ratio: b8.ratio,
      goal: { op: '<=', value: 1.3 },
    });

    const server = await startServer({ kind: 'app', database: { kind: 'pglite', dataDir: dataDirPglite } });
    servers.push(server);
    await benchServing(
      {
        name: 'PGlite',
        server,
        tiles,
        directLabel: 'the same geojson-vt + vt-pbf render in process',
        direct: async (list, _concurrency, amount) => {
          const t0 = performance.now();
          for (let i = 0; i < amount; i++) {
            const tile = list[i % list.length]!;
            renderVectorTile(indexes.get(bandFor(tile.z).band)!, 'hromada', tile, null, BASE_PROPERTIES);
          }
          return amount / ((performance.now() - t0) / 1000);
        },
      },
      tmp,
    );
    if (layerUnits) await benchBytes(server.url('app'), layerUnits, tmp);
    if (BROWSER_ROWS) {
      log('B4 first and repeat visit, B10 time to first choropleth: Chromium');
      try {
        rows.push(...(await benchFirstVisit(server.url('web'))));
      } catch (err) {
        // One failed step must not lose the other rows' measurements (a run takes ~10 minutes): the row says
        // it failed and the run exits non-zero after printing the table.
        const message = err instanceof Error ? err.message.split('\n')[0]! : String(err);
        failed.push(`B4/B10: ${message}`);
        rows.push({
          id: 'B4',
          what: 'first visit (browser)',
          engine: 'Chromium',
          a: null,
          b: null,
          ratio: null,
          goal: null,
          note: `failed: ${message}`,
        });
      }
    }
    await server.stop();
    servers.pop();
  } finally {
    for (const s of servers) await s.stop();
    for (const name of [...createdDatabases]) await dropDatabase(name).catch(() => {});
    await rm(tmp, { recursive: true, force: true });
  }

  const order = ['B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'B7', 'B7b', 'B8', 'B9', 'B10', 'B11', 'B12'];
  rows.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  const missed = rows.filter((r) => met(r) === false).map((r) => `${r.id} ${r.what.split(' (')[0]}`);
  console.log(
    [
      `Hromada Atlas benchmarks (${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ` +
        `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'CPU'}; ${ROUNDS} alternating rounds after a warm-up, ` +
        `medians; ${CONNECTIONS} connections; ${((performance.now() - started) / 60_000).toFixed(1)} min)`,
      '',
      formatTable(rows),
      '',
      missed.length ? `Goals not met: ${missed.join('; ')}` : 'Every goal met.',
      ...(failed.length ? [`Steps that failed: ${failed.join('; ')}`] : []),
    ].join('\n'),
  );
  if (failed.length) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
