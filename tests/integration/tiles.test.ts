import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { VectorTile, type VectorTileLayer } from '@mapbox/vector-tile';
import { Hono } from 'hono';
import { sql } from 'kysely';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { detectCapabilities } from '../../server/db/capabilities.ts';
import { tileAt, type TileCoord } from '../../server/features/tiles/tile-coords.ts';
import { createTilesRoutes } from '../../server/features/tiles/tiles.routes.ts';
import { createTilesService } from '../../server/features/tiles/tiles.service.ts';
import type { TileJson, TilesCatalog } from '../../server/features/tiles/tiles.schemas.ts';
import type { AppEnv } from '../../server/shared/app-env.ts';
import { createLogger } from '../../server/shared/logger.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { recordEmptyImportBatch } from '../support/factories.ts';

// Issue #5: vector tiles shaped like Martin's API, on both engines (ST_AsMVT on native PostGIS, geojson-vt +
// vt-pbf on PGlite), with joined properties, 400s for bad addresses and HTTP caching. No timings here.

interface ErrorBody {
  error: { code: string; message: string; requestId: string };
}

let t: TestApp;
let mvt: boolean;
let dataVersion: string;
beforeAll(async () => {
  t = await createTestApp();
  mvt = (await detectCapabilities(t.database.db)).mvt;
  dataVersion = (await t.getJson<{ dataVersion: string }>('/api/health')).body.dataVersion;
});
afterAll(async () => {
  await t?.close();
});

const KYIV = { lon: 30.5234, lat: 50.4501 };
const KHARKIV = { lon: 36.2304, lat: 49.9935 };
const LVIV = { lon: 24.0297, lat: 49.8397 };

const path = (source: string, c: TileCoord, query = '') => `/tiles/${source}/${c.z}/${c.x}/${c.y}${query}`;

interface Requester {
  request(url: string, init?: RequestInit): Response | Promise<Response>;
}

async function getTile(url: string, headers: Record<string, string> = {}, app: Requester = t.app) {
  const res = await app.request(url, { headers });
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}

function decode(bytes: Uint8Array): VectorTile {
  return new VectorTile(new PbfReader(bytes));
}

function features(layer: VectorTileLayer | undefined) {
  const out = [];
  for (let i = 0; i < (layer?.length ?? 0); i++) out.push(layer!.feature(i));
  return out;
}

/** Pcodes of a level whose boundary meets a tile (no buffer), from the source geometry. */
async function pcodesInTile(level: string, c: TileCoord): Promise<string[]> {
  const { rows } = await sql<{ pcode: string }>`
    select pcode from admin_units
    where level = ${level}
      and ST_Intersects(geom, ST_Transform(ST_TileEnvelope(${c.z}::int, ${c.x}::int, ${c.y}::int), 4326))
    order by pcode`.execute(t.database.db);
  return rows.map((r) => r.pcode);
}

describe('GET /tiles (catalogue)', () => {
  it('lists the three sources as Martin does, with the renderer this database allows', async () => {
    const { status, body, headers } = await t.getJson<TilesCatalog>('/tiles');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/^application\/json/);
    expect(Object.keys(body.tiles).sort()).toEqual(['hromada', 'oblast', 'raion']);
    for (const entry of Object.values(body.tiles)) expect(entry.content_type).toBe('application/x-protobuf');
    // The path is chosen from the probed capability, explicitly (STACK-NOTES: PGlite has no ST_AsMVT).
    expect(body.renderer).toBe(mvt ? 'postgis' : 'geojson-vt');
    expect(body.dataVersion).toBe(dataVersion);
    const joinable = new Map(body.joinable.map((j) => [j.id, j]));
    expect(joinable.get('population_2022')?.kind).toBe('indicator');
    expect(joinable.get('cpi')).toMatchObject({ kind: 'index', layers: ['hromada'] });
  });
});

describe('GET /tiles/:source (TileJSON)', () => {
  it('gives TileJSON 3.0.0 with versioned absolute tile URLs, zooms, bounds and the layer fields', async () => {
    const { status, body, headers } = await t.getJson<TileJson>('/tiles/hromada');
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('public, max-age=60');
    expect(body.tilejson).toBe('3.0.0');
    expect(body.scheme).toBe('xyz');
    expect(body.tiles).toEqual([`http://localhost/tiles/hromada/{z}/{x}/{y}?v=${dataVersion}`]);
    expect(body.minzoom).toBe(0);
    expect(body.maxzoom).toBe(14);
    // Ukraine, Crimea included: roughly 22–41° E, 44–53° N.
    const [w, s, e, n] = body.bounds;
    expect(w).toBeGreaterThan(21);
    expect(w).toBeLessThan(23);
    expect(s).toBeGreaterThan(43.5);
    expect(s).toBeLessThan(45);
    expect(e).toBeGreaterThan(40);
    expect(e).toBeLessThan(41);
    expect(n).toBeGreaterThan(52);
    expect(n).toBeLessThan(53);
    expect(body.center).toHaveLength(3);
    expect(body.attribution).toMatch(/COD-AB/);
    expect(body.vector_layers).toHaveLength(1);
    expect(body.vector_layers[0]).toMatchObject({ id: 'hromada', minzoom: 0, maxzoom: 14 });
    expect(Object.keys(body.vector_layers[0]!.fields).sort()).toEqual([
      'nameEn',
      'nameUk',
      'parentPcode',
      'pcode',
    ]);
    expect(body.dataVersion).toBe(dataVersion);
  });

  it('names joined properties in the fields and carries them, sorted, into the tile URL', async () => {
    const { body } = await t.getJson<TileJson>('/tiles/hromada?indicators=population_2022,cpi,cpi');
    expect(body.tiles[0]).toBe(
      `http://localhost/tiles/hromada/{z}/{x}/{y}?v=${dataVersion}&indicators=cpi,population_2022`,
    );
    const fields = body.vector_layers[0]!.fields;
    expect(fields.population_2022).toMatch(/^Number: .*2022/);
    expect(fields.cpi).toMatch(/^Number: /);
    expect(body.attribution).toMatch(/Kyiv School of Economics/);
  });

  it('carries ?properties= into the tile URL and lists only those fields', async () => {
    const { body } = await t.getJson<TileJson>('/tiles/hromada?properties=pcode&indicators=cpi');
    expect(body.tiles[0]).toBe(
      `http://localhost/tiles/hromada/{z}/{x}/{y}?v=${dataVersion}&indicators=cpi&properties=pcode`,
    );
    expect(Object.keys(body.vector_layers[0]!.fields).sort()).toEqual(['cpi', 'pcode']);
  });

  it('describes the oblast layer without a parent field', async () => {
    const { status, body } = await t.getJson<TileJson>('/tiles/oblast');
    expect(status).toBe(200);
    expect(Object.keys(body.vector_layers[0]!.fields)).not.toContain('parentPcode');
  });
});

describe('GET /tiles/:source/:z/:x/:y (vector tiles)', () => {
  it('decodes with @mapbox/vector-tile and holds every hromada that meets the tile, with ids', async () => {
    const c = tileAt(KYIV.lon, KYIV.lat, 10);
    const { res, bytes } = await getTile(path('hromada', c));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-protobuf');
    const tile = decode(bytes);
    expect(Object.keys(tile.layers)).toEqual(['hromada']);
    const layer = tile.layers.hromada!;
    expect(layer.version).toBe(2);
    expect(layer.extent).toBe(4096);
    const found = features(layer);
    for (const f of found) {
      expect(f.type).toBe(3);
      // The feature id is the pcode's digits, so that clients can use feature-state.
      expect(f.id).toBe(Number(String(f.properties.pcode).slice(2)));
      expect(typeof f.properties.nameUk).toBe('string');
      expect(typeof f.properties.nameEn).toBe('string');
      expect(String(f.properties.parentPcode)).toMatch(/^UA\d{4}$/);
    }
    // Exact at z10 (unsimplified band): every unit meeting the tile, plus at most those in the clip buffer.
    const inside = await pcodesInTile('hromada', c);
    const ids = found.map((f) => String(f.properties.pcode)).sort();
    expect(inside.length).toBeGreaterThan(0);
    expect(ids).toEqual(expect.arrayContaining(inside));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length - inside.length).toBeLessThanOrEqual(4);
  });

  it('serves oblasts and raions, and simplified low-zoom tiles that still hold every oblast', async () => {
    const oblasts = await pcodesInTile('oblast', { z: 4, x: 9, y: 5 });
    const { res, bytes } = await getTile('/tiles/oblast/4/9/5');
    expect(res.status).toBe(200);
    const ids = features(decode(bytes).layers.oblast)
      .map((f) => String(f.properties.pcode))
      .sort();
    expect(ids).toEqual(oblasts);
    const raions = await getTile(path('raion', tileAt(KHARKIV.lon, KHARKIV.lat, 8)));
    const raion = features(decode(raions.bytes).layers.raion);
    expect(raion.map((f) => f.properties.pcode)).toContain('UA6312');
    expect(raion.find((f) => f.properties.pcode === 'UA6312')?.id).toBe(6312);
  });

  it('joins indicator values and index scores by pcode', async () => {
    const c = tileAt(LVIV.lon, LVIV.lat, 9);
    const { res, bytes } = await getTile(path('hromada', c, '?indicators=population_2022,cpi'));
    expect(res.status).toBe(200);
    const found = features(decode(bytes).layers.hromada);
    expect(found.length).toBeGreaterThan(5);

    const { rows } = await sql<{ unit_pcode: string; value: number }>`
      select unit_pcode, value from indicator_values
      where indicator_id = 'population_2022'
        and period = (select max(period) from indicator_values where indicator_id = 'population_2022')`.execute(
      t.database.db,
    );
    const population = new Map(rows.map((r) => [r.unit_pcode, r.value]));
    const scores = await t.getJson<{ units: { pcode: string; score: number | null }[] }>(
      '/api/models/cpi/scores?bands=false',
    );
    const cpi = new Map(scores.body.units.map((u) => [u.pcode, u.score]));
    let joined = 0;
    for (const f of found) {
      const pcode = String(f.properties.pcode);
      expect(f.properties.population_2022, pcode).toBe(population.get(pcode));
      const score = cpi.get(pcode);
      if (score === null || score === undefined) expect(f.properties.cpi).toBeUndefined();
      else {
        expect(f.properties.cpi as number).toBeCloseTo(score, 9);
        joined++;
      }
    }
    expect(joined).toBeGreaterThan(0);
  });

  it('keeps only the asked own properties (?properties=, as pg_tileserv), joined values always', async () => {
    const c = tileAt(KHARKIV.lon, KHARKIV.lat, 7);
    const full = features(decode((await getTile(path('hromada', c))).bytes).layers.hromada);
    const { res, bytes } = await getTile(path('hromada', c, '?properties=pcode&indicators=population_2022'));
    expect(res.status).toBe(200);
    const bare = features(decode(bytes).layers.hromada);
    // The same shapes and ids, without the names: the map client takes those from the unit index.
    expect(bare.map((f) => f.id)).toEqual(full.map((f) => f.id));
    expect(bare.length).toBeGreaterThan(20);
    for (const f of bare) {
      expect(Object.keys(f.properties).sort(), String(f.id)).toEqual(
        'population_2022' in f.properties ? ['pcode', 'population_2022'] : ['pcode'],
      );
    }
    expect(bare.some((f) => 'population_2022' in f.properties)).toBe(true);
    const names = features(
      decode((await getTile(path('hromada', c, '?properties=nameEn,pcode'))).bytes).layers.hromada,
    );
    expect(Object.keys(names[0]!.properties).sort()).toEqual(['nameEn', 'pcode']);
    expect(bytes.byteLength).toBeLessThan((await getTile(path('hromada', c))).bytes.byteLength);
  });

  it('answers an empty tile (open sea) with 204 and no body', async () => {
    const { res, bytes } = await getTile('/tiles/hromada/6/0/0');
    expect(res.status).toBe(204);
    expect(bytes.byteLength).toBe(0);
  });

  it('accepts a .pbf or .mvt suffix on y', async () => {
    const c = tileAt(KYIV.lon, KYIV.lat, 7);
    const plain = await getTile(path('hromada', c));
    for (const suffix of ['.pbf', '.mvt']) {
      const { res, bytes } = await getTile(`/tiles/hromada/${c.z}/${c.x}/${c.y}${suffix}`);
      expect(res.status).toBe(200);
      expect(bytes).toEqual(plain.bytes);
    }
  });
});

describe('bad requests', () => {
  async function expectError(url: string, status: number, code: string, message: RegExp) {
    const res = await t.getJson<ErrorBody>(url);
    expect(res.status, url).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(Object.keys(res.body)).toEqual(['error']);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message, url).toMatch(message);
    expect(res.body.error.requestId).toBe(res.headers.get('x-request-id'));
  }

  it('400 for z, x or y out of range or not plain integers, naming the parameter', async () => {
    await expectError('/tiles/hromada/15/0/0', 400, 'BAD_REQUEST', /^path parameter z: .*0 to 14/);
    await expectError('/tiles/hromada/-1/0/0', 400, 'BAD_REQUEST', /^path parameter z/);
    await expectError('/tiles/hromada/a/0/0', 400, 'BAD_REQUEST', /^path parameter z/);
    await expectError('/tiles/hromada/3/8/0', 400, 'BAD_REQUEST', /^path parameter x: .*0 to 7 at zoom 3/);
    await expectError('/tiles/hromada/3/0/8', 400, 'BAD_REQUEST', /^path parameter y/);
    await expectError('/tiles/hromada/3/0/1.5', 400, 'BAD_REQUEST', /^path parameter y/);
    await expectError('/tiles/hromada/3/01/0', 400, 'BAD_REQUEST', /^path parameter x/);
    await expectError('/tiles/hromada/3/1e0/0', 400, 'BAD_REQUEST', /^path parameter x/);
  });

  it('400 for an unknown joined id, or an index on a level it does not score', async () => {
    await expectError('/tiles/hromada/5/18/11?indicators=nope', 400, 'BAD_REQUEST', /unknown id "nope"/);
    await expectError('/tiles/hromada?indicators=x;drop', 400, 'BAD_REQUEST', /unknown id/);
    await expectError('/tiles/oblast/5/18/11?indicators=cpi', 400, 'BAD_REQUEST', /hromadas only/);
  });

  it('400 for an unknown property, listing the valid ones', async () => {
    await expectError(
      '/tiles/hromada/5/18/11?properties=pcode,geom',
      400,
      'BAD_REQUEST',
      /^query parameter properties: unknown property "geom" \(valid: pcode, nameUk, nameEn, parentPcode\)/,
    );
    await expectError('/tiles/raion?properties=name', 400, 'BAD_REQUEST', /unknown property "name"/);
  });

  it('404 for an unknown source', async () => {
    await expectError('/tiles/village', 404, 'NOT_FOUND', /no tile source "village"/);
    await expectError('/tiles/village/1/0/0', 404, 'NOT_FOUND', /no tile source/);
  });
});

describe('HTTP caching', () => {
  const c = tileAt(KHARKIV.lon, KHARKIV.lat, 9);

  it('gives tiles a strong ETag and answers If-None-Match with 304', async () => {
    const first = await getTile(path('hromada', c));
    const etag = first.res.headers.get('etag')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(first.res.headers.get('vary')).toBe('Accept-Encoding');
    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const { res, bytes } = await getTile(path('hromada', c), { 'If-None-Match': ifNoneMatch });
      expect(res.status, ifNoneMatch).toBe(304);
      expect(bytes.byteLength).toBe(0);
      expect(res.headers.get('etag')).toBe(etag);
    }
    expect((await getTile(path('hromada', c), { 'If-None-Match': '"stale"' })).res.status).toBe(200);
    // Another tile, or the same with joined properties, is another body.
    const joined = await getTile(path('hromada', c, '?indicators=population_2022'));
    expect(joined.res.headers.get('etag')).not.toBe(etag);
  });

  it('serves gzip and brotli compressed once, each with its own strong ETag', async () => {
    const plain = await getTile(path('hromada', c));
    const etag = plain.res.headers.get('etag')!;
    const br = await getTile(path('hromada', c), { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(br.res.headers.get('content-encoding')).toBe('br');
    expect(br.res.headers.get('etag')).toBe(`${etag.slice(0, -1)}-br"`);
    expect(new Uint8Array(brotliDecompressSync(br.bytes))).toEqual(plain.bytes);
    const gz = await getTile(path('hromada', c), { 'Accept-Encoding': 'gzip' });
    expect(gz.res.headers.get('content-encoding')).toBe('gzip');
    expect(new Uint8Array(gunzipSync(gz.bytes))).toEqual(plain.bytes);
    expect(Number(gz.res.headers.get('content-length'))).toBe(gz.bytes.byteLength);
    // A tag of any coding of the same body is current.
    const revalidated = await getTile(path('hromada', c), {
      'Accept-Encoding': 'gzip',
      'If-None-Match': br.res.headers.get('etag')!,
    });
    expect(revalidated.res.status).toBe(304);
    expect(revalidated.res.headers.get('etag')).toBe(`${etag.slice(0, -1)}-gzip"`);
    const refused = await getTile(path('hromada', c), { 'Accept-Encoding': 'br;q=0, gzip;q=0' });
    expect(refused.res.headers.get('content-encoding')).toBeNull();
  });

  it('lets a CDN keep a tile pinned to the current data version; others revalidate', async () => {
    const pinned = await getTile(path('hromada', c, `?v=${dataVersion}`));
    expect(pinned.res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const unpinned = await getTile(path('hromada', c));
    expect(unpinned.res.headers.get('cache-control')).toBe('public, max-age=60');
    const old = await getTile(path('hromada', c, '?v=b0-0'));
    expect(old.res.headers.get('cache-control')).toBe('no-cache');
  });

  it('compresses the layers once too, and pins them to the data version', async () => {
    const plain = await t.app.request('/api/layers/raion.topojson');
    const text = await plain.text();
    const br = await t.app.request(`/api/layers/raion.topojson?v=${dataVersion}`, {
      headers: { 'Accept-Encoding': 'br, gzip' },
    });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(text);
    const gz = await t.app.request('/api/layers/raion.topojson', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gz.headers.get('etag')).toBe(`${plain.headers.get('etag')!.slice(0, -1)}-gzip"`);
  });

  it('moves to a new data version after an import: rebuilt tiles, old pins no longer immutable', async () => {
    const before = await getTile(path('hromada', c));
    await recordEmptyImportBatch(t.database.db, 'tiles.test.ts');
    const next = (await t.getJson<{ dataVersion: string }>('/api/health')).body.dataVersion;
    expect(next).not.toBe(dataVersion);
    // The server reads the data version at most once a second.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const tileJson = (await t.getJson<TileJson>('/tiles/hromada')).body;
    expect(tileJson.tiles[0]).toContain(`?v=${next}`);
    const after = await getTile(path('hromada', c, `?v=${dataVersion}`));
    expect(after.res.headers.get('cache-control')).toBe('no-cache');
    // Same data, so the same bytes and the same strong ETag.
    expect(after.bytes).toEqual(before.bytes);
    expect(after.res.headers.get('etag')).toBe(before.res.headers.get('etag'));
    const { rows } = await sql<{ data_version: string }>`select data_version from tile_builds`.execute(
      t.database.db,
    );
    expect(rows.map((r) => r.data_version)).toEqual([next]);
  });
});

describe('both tile paths give the same tiles', () => {
  // Native PostGIS has both: ST_AsMVT (the default there) and geojson-vt + vt-pbf (PGlite's path), over the
  // same simplified geometry. PGlite has only the latter, checked above against the source geometry.
  it.skipIf(process.env.TEST_DATABASE_URL === undefined)(
    'ST_AsMVT and geojson-vt tiles hold the same feature ids, and the same joined values',
    async () => {
      expect(mvt).toBe(true);
      const deps = {
        config: loadConfig({}),
        db: t.database.db,
        databaseKind: t.database.kind,
        capabilities: await detectCapabilities(t.database.db),
        logger: createLogger('silent'),
      };
      const appWith = (renderer: 'postgis' | 'geojson-vt') =>
        new Hono<AppEnv>()
          .use(async (ctx, next) => {
            ctx.set('deps', deps);
            await next();
          })
          .route('/tiles', createTilesRoutes(createTilesService(deps, { renderer })));
      const postgis = appWith('postgis');
      const geojsonVt = appWith('geojson-vt');
      const cases: [string, TileCoord][] = [];
      for (const place of [KYIV, KHARKIV, LVIV]) {
        for (const z of [5, 7, 9, 10, 12]) cases.push(['hromada', tileAt(place.lon, place.lat, z)]);
        for (const z of [3, 6, 8]) cases.push(['raion', tileAt(place.lon, place.lat, z)]);
        cases.push(['oblast', tileAt(place.lon, place.lat, 4)]);
      }
      cases.push(['hromada', tileAt(KHARKIV.lon, KHARKIV.lat, 6)]);
      for (const [i, [source, c]] of cases.entries()) {
        // Every third tile without the names, as the web client asks.
        const query = [
          source === 'hromada' ? 'indicators=idps_per_1000' : '',
          i % 3 === 0 ? 'properties=pcode' : '',
        ].filter(Boolean);
        const url = path(source, c, query.length ? `?${query.join('&')}` : '');
        const [a, b] = await Promise.all([getTile(url, {}, postgis), getTile(url, {}, geojsonVt)]);
        expect(a.res.status, url).toBe(200);
        expect(b.res.status, url).toBe(200);
        const fa = features(decode(a.bytes).layers[source]);
        const fb = features(decode(b.bytes).layers[source]);
        const ids = (fs: typeof fa) => fs.map((f) => f.id ?? -1).sort((x, y) => x - y);
        expect(ids(fb), url).toEqual(ids(fa));
        const props = (fs: typeof fa) =>
          Object.fromEntries(fs.map((f) => [f.id, { ...f.properties }] as const));
        expect(props(fb), url).toEqual(props(fa));
      }
    },
  );
});
