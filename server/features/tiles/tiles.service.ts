import type GeoJSONVT from 'geojson-vt';
import type { Kysely } from 'kysely';
import type { DatabaseCapabilities } from '../../db/capabilities.ts';
import type { DB, UnitLevel } from '../../db/schema.ts';
import type { ModelDefinition } from '../../model/model-definition.ts';
import { AppError } from '../../shared/errors.ts';
import { BoundedCache, precompress, strongEtag, type Precompressed } from '../../shared/http-cache.ts';
import { versionClock } from '../../shared/versioned-resource.ts';
import { findDataVersion, importVersionOf } from '../../db/data-version.ts';
import type { ModelsService } from '../models/models.service.ts';
import { MAX_ZOOM, type TileCoord } from './tile-coords.ts';
import { bandFor, simplifyForBands, TILE_RECIPE, ZOOM_BANDS, type BandGeometry } from './tile-geometry.ts';
import {
  copySourceBand,
  findAttributions,
  findBandFeatures,
  findJoinableIndicators,
  findLevelBounds,
  findLevelValues,
  findSourceUnits,
  findTileBuild,
  lockTileBuild,
  recordTileBuild,
  renderMvt,
  replaceTileGeometries,
} from './tiles.repository.ts';
import type { TileJson, TilesCatalog } from './tiles.schemas.ts';
import { isAllProperties, parseBaseProperties, type BaseProperty } from './tile-properties.ts';
import { buildBandIndex, renderVectorTile, type TileProperties } from './vt-renderer.ts';

/** How a tile is made: ST_AsMVT in the database, or geojson-vt + vt-pbf in the server. */
export type TileRenderer = 'postgis' | 'geojson-vt';

export interface TileSource {
  id: UnitLevel;
  name: string;
  description: string;
}

/** The tile sources: one per level; the source id is also the MVT layer name (as in Martin). */
export const TILE_SOURCES: readonly TileSource[] = [
  { id: 'oblast', name: 'Oblasts', description: "Ukraine's 27 oblast-level units (COD-AB)" },
  { id: 'raion', name: 'Raions', description: 'Raions (COD-AB)' },
  { id: 'hromada', name: 'Hromadas', description: 'Hromadas, the territorial communities (COD-AB)' },
];

export const MVT_CONTENT_TYPE = 'application/x-protobuf';
/** Joined properties per request at most: each is a column in every feature. */
const MAX_JOINED = 16;
const DEFAULT_CACHE_BYTES = 64 * 1024 * 1024;

export interface TilesOptions {
  /** Model definitions whose scores can be joined (`?indicators=cpi`); with `modelsService`. */
  models?: ReadonlyMap<string, ModelDefinition>;
  modelsService?: ModelsService;
  /** Tile bytes held in memory, every coding counted. 0 turns the tile cache off (the live path, B3). */
  cacheBytes?: number;
  /** How long a read of the data version is trusted; an import shows within this time. */
  dataVersionTtlMs?: number;
  /** Forces a renderer; by default ST_AsMVT where the database has it (capabilities.mvt). */
  renderer?: TileRenderer;
}

interface JoinedField {
  id: string;
  description: string;
  sourceId: string | null;
  /** The indicator's newest period, read; null for an index. */
  period: string | null;
  kind: 'indicator' | 'index';
}

interface Extras {
  byPcode: Map<string, TileProperties>;
  /** The same as JSON text, for the SQL path (one jsonb parameter). */
  json: string;
  bytes: number;
}

export interface ServedTile {
  body: Precompressed;
  dataVersion: string;
}

export type TilesService = ReturnType<typeof createTilesService>;

/** Vector tiles over the app's database: geometry per zoom band, rendering, joins, caches. */
export function createTilesService(
  deps: { db: Kysely<DB>; capabilities: DatabaseCapabilities },
  options: TilesOptions = {},
) {
  const { db } = deps;
  const renderer: TileRenderer = options.renderer ?? (deps.capabilities.mvt ? 'postgis' : 'geojson-vt');
  if (renderer === 'postgis' && !deps.capabilities.mvt) {
    throw new Error('this database has no ST_AsMVT (PostGIS built without protobuf-c): use geojson-vt');
  }
  const cacheBytes = options.cacheBytes ?? DEFAULT_CACHE_BYTES;
  const dataVersion = versionClock(() => findDataVersion(db), { ttlMs: options.dataVersionTtlMs }).current;
  const models = options.models ?? new Map<string, ModelDefinition>();

  const tiles = new BoundedCache<Precompressed>(cacheBytes, (t) => t.bytes + 200);
  // One entry per level and band (12); keyed by data version, so older ones fall out.
  const indexes = new BoundedCache<GeoJSONVT>(TILE_SOURCES.length * ZOOM_BANDS.length, () => 1);
  const extrasCache = new BoundedCache<Extras>(16 * 1024 * 1024, (e) => e.bytes);
  const meta = new BoundedCache<unknown>(256, () => 1);
  const geometryBuilds = new BoundedCache<true>(4, () => 1);

  function source(id: string): TileSource {
    const s = TILE_SOURCES.find((t) => t.id === id);
    if (!s) {
      throw new AppError(
        'NOT_FOUND',
        `no tile source "${id}" (sources: ${TILE_SOURCES.map((t) => t.id).join(', ')})`,
      );
    }
    return s;
  }

  function cachedMeta<T>(key: string, build: () => Promise<T>): Promise<T> {
    return meta.get(key, build) as Promise<T>;
  }

  /**
   * Makes tile_geometries hold this data version's shapes: simplified per band in JS (on a topology, so
   * shared borders stay shared), reprojected and indexed in SQL. Built once per data version and recipe,
   * under an advisory lock so that concurrent servers on one PostgreSQL build it once.
   */
  function ensureGeometry(dataVersion: string): Promise<true> {
    // Geometry comes from the boundaries: imports move it, edits of programmes or assessments do not.
    const version = importVersionOf(dataVersion);
    return geometryBuilds.get(version, async () => {
      const current = (b: { data_version: string; recipe: string } | undefined) =>
        b?.data_version === version && b.recipe === TILE_RECIPE;
      if (current(await findTileBuild(db))) return true;
      const started = performance.now();
      // Simplified outside the transaction: on PGlite a transaction holds the one connection.
      const simplified = new Map<UnitLevel, BandGeometry[]>();
      for (const s of TILE_SOURCES) simplified.set(s.id, simplifyForBands(await findSourceUnits(db, s.id)));
      await db.transaction().execute(async (trx) => {
        await lockTileBuild(trx);
        if (current(await findTileBuild(trx))) return;
        for (const s of TILE_SOURCES) {
          await replaceTileGeometries(trx, s.id, simplified.get(s.id)!);
          for (const band of ZOOM_BANDS.filter((b) => b.minWeight === 0)) {
            await copySourceBand(trx, s.id, band.band);
          }
        }
        await recordTileBuild(trx, {
          dataVersion: version,
          recipe: TILE_RECIPE,
          durationMs: Math.round(performance.now() - started),
        });
      });
      return true;
    });
  }

  function bandIndex(dataVersion: string, level: UnitLevel, band: number): Promise<GeoJSONVT> {
    return indexes.get(`${importVersionOf(dataVersion)}|${level}|${band}`, async () => {
      const zoomBand = ZOOM_BANDS.find((b) => b.band === band)!;
      return buildBandIndex(zoomBand, await findBandFeatures(db, level, band));
    });
  }

  /** Indicators with values, and model scores (hromadas only), that `?indicators=` may name. */
  function joinableFields(version: string): Promise<Map<string, JoinedField>> {
    return cachedMeta(`joinable|${version}`, async () => {
      const fields = new Map<string, JoinedField>();
      for (const i of await findJoinableIndicators(db)) {
        const period = String(i.period);
        fields.set(i.id, {
          id: i.id,
          description: `Number: ${i.name_en} (${i.unit}), ${period}`,
          sourceId: i.source_id,
          period,
          kind: 'indicator',
        });
      }
      if (options.modelsService) {
        for (const m of models.values()) {
          fields.set(m.id, {
            id: m.id,
            description: `Number: ${m.name.en} ${m.version}, score 0–10 (higher = worse), default weights`,
            sourceId: null,
            period: null,
            kind: 'index',
          });
        }
      }
      return fields;
    });
  }

  /**
   * The `indicators` query parameter as a sorted, de-duplicated list of known ids; anything else is a 400
   * that names the bad id and lists the valid ones.
   */
  async function parseJoined(
    version: string,
    level: UnitLevel,
    param: string | undefined,
  ): Promise<JoinedField[]> {
    if (!param) return [];
    const ids = [
      ...new Set(
        param
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ].sort();
    if (ids.length > MAX_JOINED) {
      throw new AppError('BAD_REQUEST', `query parameter indicators: at most ${MAX_JOINED} ids`);
    }
    const fields = await joinableFields(version);
    return ids.map((id) => {
      const f = fields.get(id);
      if (!f) {
        throw new AppError(
          'BAD_REQUEST',
          `query parameter indicators: unknown id "${id}" (valid: ${[...fields.keys()].join(', ')})`,
        );
      }
      if (f.kind === 'index' && level !== 'hromada') {
        throw new AppError(
          'BAD_REQUEST',
          `query parameter indicators: "${id}" is an index, scored for hromadas only`,
        );
      }
      return f;
    });
  }

  function extrasFor(version: string, level: UnitLevel, fields: JoinedField[]): Promise<Extras> {
    const key = `${version}|${level}|${fields.map((f) => f.id).join(',')}`;
    return extrasCache.get(key, async () => {
      const byPcode = new Map<string, TileProperties>();
      const put = (pcode: string, id: string, value: number | null) => {
        if (value === null || !Number.isFinite(value)) return;
        let p = byPcode.get(pcode);
        if (!p) byPcode.set(pcode, (p = {}));
        p[id] = value;
      };
      for (const f of fields) {
        if (f.kind === 'indicator') {
          for (const v of await findLevelValues(db, f.id, f.period!, level)) put(v.pcode, f.id, v.value);
        } else {
          const scored = await options.modelsService!.score(f.id, {});
          for (const u of scored.result.units) put(u.pcode, f.id, u.score);
        }
      }
      const json = JSON.stringify(Object.fromEntries(byPcode));
      return { byPcode, json, bytes: json.length * 3 };
    });
  }

  async function renderTile(
    version: string,
    s: TileSource,
    tile: TileCoord,
    fields: JoinedField[],
    properties: readonly BaseProperty[],
  ): Promise<Uint8Array> {
    await ensureGeometry(version);
    const extras = fields.length ? await extrasFor(version, s.id, fields) : null;
    const band = bandFor(tile.z).band;
    if (renderer === 'postgis') {
      return renderMvt(db, {
        layer: s.id,
        level: s.id,
        band,
        tile,
        extras: extras?.json ?? null,
        properties,
      });
    }
    const index = await bandIndex(version, s.id, band);
    return renderVectorTile(index, s.id, tile, extras?.byPcode ?? null, properties);
  }

  return {
    renderer,
    dataVersion,

    /** One tile, from the cache or rendered (and compressed once) on a miss. */
    async tile(
      sourceId: string,
      tile: TileCoord,
      indicators: string | undefined,
      propertiesParam?: string,
    ): Promise<ServedTile> {
      const s = source(sourceId);
      const version = await dataVersion();
      const fields = await parseJoined(version, s.id, indicators);
      const properties = parseBaseProperties(propertiesParam);
      if (cacheBytes === 0) {
        // The live path: render on every request, no compression (what B3 compares with the bare SQL).
        const raw = await renderTile(version, s, tile, fields, properties);
        return {
          body: { identity: raw, etag: strongEtag(raw), bytes: raw.byteLength },
          dataVersion: version,
        };
      }
      const key = `${version}|${s.id}|${tile.z}/${tile.x}/${tile.y}|${fields.map((f) => f.id).join(',')}|${properties.join(',')}`;
      const body = await tiles.get(key, async () =>
        precompress(await renderTile(version, s, tile, fields, properties), {
          gzipLevel: 6,
          brotliQuality: 8,
          threshold: 256,
        }),
      );
      return { body, dataVersion: version };
    },

    /** Martin's catalogue shape: the sources by id, plus what can be joined to them. */
    async catalog(): Promise<Precompressed> {
      const version = await dataVersion();
      return cachedMeta(`catalog|${version}`, async () => {
        const fields = await joinableFields(version);
        const body: TilesCatalog = {
          tiles: Object.fromEntries(
            TILE_SOURCES.map((s) => [
              s.id,
              { content_type: MVT_CONTENT_TYPE, name: s.name, description: s.description },
            ]),
          ),
          dataVersion: version,
          renderer,
          joinable: [...fields.values()].map((f) => ({
            id: f.id,
            kind: f.kind,
            description: f.description,
            layers: f.kind === 'index' ? ['hromada'] : TILE_SOURCES.map((s) => s.id),
          })),
        };
        return precompress(JSON.stringify(body));
      });
    },

    /** TileJSON 3.0.0 for a source, its tile URL carrying the data version (for immutable caching). */
    async tileJson(
      sourceId: string,
      indicators: string | undefined,
      origin: string,
      propertiesParam?: string,
    ): Promise<Precompressed> {
      const s = source(sourceId);
      const version = await dataVersion();
      const fields = await parseJoined(version, s.id, indicators);
      const properties = parseBaseProperties(propertiesParam);
      const ids = fields.map((f) => f.id).join(',');
      // A client asks for TileJSON just before its first tiles: start building their geometry now (a few
      // seconds once per data version) rather than on the first tile. Its failure shows on that tile.
      ensureGeometry(version).catch(() => {});
      return cachedMeta(`tilejson|${version}|${s.id}|${ids}|${properties.join(',')}|${origin}`, async () => {
        const bounds = (await findLevelBounds(db, s.id)) ?? [-180, -85.0511, 180, 85.0511];
        const sourceIds = [
          'cod-ab',
          ...new Set(fields.map((f) => f.sourceId).filter((id): id is string => id !== null)),
        ];
        const attribution = (await findAttributions(db, sourceIds)).map((a) => a.attribution);
        if (fields.some((f) => f.kind === 'index')) {
          attribution.push('Index scores: Hromada Atlas (methodology: /api/models)');
        }
        const query = new URLSearchParams({ v: version });
        if (ids) query.set('indicators', ids);
        if (!isAllProperties(properties)) query.set('properties', properties.join(','));
        const described: Record<BaseProperty, string> = {
          pcode: 'String: the unit pcode; the feature id is its digits (UA0102003 → 102003)',
          nameUk: 'String: name in Ukrainian',
          nameEn: 'String: name in English',
          parentPcode: 'String: pcode of the unit above',
        };
        const fieldsDoc: Record<string, string> = {};
        for (const p of properties) if (p !== 'parentPcode' || s.id !== 'oblast') fieldsDoc[p] = described[p];
        for (const f of fields) fieldsDoc[f.id] = f.description;
        const body: TileJson = {
          tilejson: '3.0.0',
          name: `Hromada Atlas: ${s.name}`,
          description: s.description,
          version: '1.0.0',
          attribution: attribution.join(' · '),
          scheme: 'xyz',
          tiles: [`${origin}/tiles/${s.id}/{z}/{x}/{y}?${query.toString().replace(/%2C/g, ',')}`],
          minzoom: 0,
          maxzoom: MAX_ZOOM,
          bounds,
          center: [(bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2, 5],
          vector_layers: [
            { id: s.id, description: s.description, minzoom: 0, maxzoom: MAX_ZOOM, fields: fieldsDoc },
          ],
          dataVersion: version,
        };
        return precompress(JSON.stringify(body));
      });
    },

    /** Builds the tile geometry now (e.g. before a benchmark); otherwise the first tile request does. */
    async warm(): Promise<void> {
      await ensureGeometry(await dataVersion());
    },

    /** Cache statistics, for tests and benchmarks. */
    stats() {
      return { tileBytes: tiles.bytes, tiles: tiles.size, indexes: indexes.size };
    },
  };
}
