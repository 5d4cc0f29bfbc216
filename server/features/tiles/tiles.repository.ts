import type { MultiPolygon, Polygon } from 'geojson';
import { sql } from 'kysely';
import type { UnitLevel } from '../../db/schema.ts';
import type { Executor } from '../../db/executor.ts';
import { BUFFER, EXTENT, type TileCoord } from './tile-coords.ts';
import { featureId, type BandGeometry } from './tile-geometry.ts';
import type { BaseProperty } from './tile-properties.ts';

// All SQL of the tiles feature (STYLE: repositories hold the spatial SQL too).

/** Which data version and simplification recipe tile_geometries holds, if any. */
export async function findTileBuild(db: Executor) {
  return db.selectFrom('tile_builds').select(['data_version', 'recipe']).executeTakeFirst();
}

/** Serialises rebuilders, across processes too (a PostgreSQL served by several instances). */
export async function lockTileBuild(trx: Executor): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('hromada-atlas:tile_geometries'))`.execute(trx);
}

/** One level's boundaries as GeoJSON in EPSG:4326, full precision, for simplification. */
export async function findSourceUnits(db: Executor, level: UnitLevel) {
  return db
    .selectFrom('admin_units')
    .select(['pcode', sql<Polygon | MultiPolygon>`ST_AsGeoJSON(geom, 9)::json`.as('geometry')])
    .where('level', '=', level)
    .where('geom', 'is not', null)
    .orderBy('pcode')
    .execute();
}

/**
 * Replaces the tile geometry with `rows`: reprojected to EPSG:3857 and repaired in SQL (simplification can
 * fold a ring onto itself; ST_MakeValid + polygon extraction keeps only areas), then records the build.
 */
export async function replaceTileGeometries(
  trx: Executor,
  level: UnitLevel,
  rows: readonly BandGeometry[],
): Promise<void> {
  await trx.deleteFrom('tile_geometries').where('level', '=', level).execute();
  const CHUNK = 400;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK).map((r) => ({
      band: r.band,
      pcode: r.pcode,
      fid: featureId(r.pcode),
      g: r.geometry,
    }));
    await sql`
      insert into tile_geometries (level, band, pcode, fid, geom)
      select ${level}, band, pcode, fid, geom from (
        select x.band, x.pcode, x.fid,
          ST_Multi(ST_CollectionExtract(ST_MakeValid(
            ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(x.g::text), 4326), 3857)), 3)) as geom
        from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb)
          as x(band smallint, pcode text, fid bigint, g jsonb)
      ) s
      where not ST_IsEmpty(geom)`.execute(trx);
  }
}

/** A band that keeps the source geometry: reprojected in SQL, without a round trip through GeoJSON. */
export async function copySourceBand(trx: Executor, level: UnitLevel, band: number): Promise<void> {
  await sql`
    insert into tile_geometries (level, band, pcode, fid, geom)
    select level, ${band}, pcode, substr(pcode, 3)::bigint, ST_Multi(ST_Transform(geom, 3857))
    from admin_units
    where level = ${level} and geom is not null and not ST_IsEmpty(geom)`.execute(trx);
}

export async function recordTileBuild(
  trx: Executor,
  build: { dataVersion: string; recipe: string; durationMs: number },
): Promise<void> {
  await trx
    .insertInto('tile_builds')
    .values({ data_version: build.dataVersion, recipe: build.recipe, duration_ms: build.durationMs })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({
        data_version: build.dataVersion,
        recipe: build.recipe,
        duration_ms: build.durationMs,
        built_at: sql<string>`now()`,
      }),
    )
    .execute();
}

/** One band of one level as GeoJSON features in EPSG:4326, for geojson-vt (the path without ST_AsMVT). */
export async function findBandFeatures(db: Executor, level: UnitLevel, band: number) {
  return db
    .selectFrom('tile_geometries as g')
    .innerJoin('admin_units as u', 'u.pcode', 'g.pcode')
    .select([
      'g.fid',
      'g.pcode',
      'u.name_uk',
      'u.name_en',
      'u.parent_pcode',
      sql<MultiPolygon>`ST_AsGeoJSON(ST_Transform(g.geom, 4326), 9)::json`.as('geometry'),
    ])
    .where('g.level', '=', level)
    .where('g.band', '=', band)
    .orderBy('g.pcode')
    .execute();
}

export interface MvtQuery {
  /** The MVT layer name (the tile source id). */
  layer: string;
  level: UnitLevel;
  band: number;
  tile: TileCoord;
  /** Extra properties by pcode, as JSON text ({"UA0102003": {"idps_per_1000": 12.5}}), or null. */
  extras: string | null;
  /** The unit's own properties to carry (`?properties=`). */
  properties: readonly BaseProperty[];
}

/** Each base property's column; ST_AsMVT makes a property of every column but the geometry and the id. */
const PROPERTY_COLUMNS: Record<BaseProperty, ReturnType<typeof sql>> = {
  pcode: sql`g.pcode`,
  nameUk: sql`u.name_uk as "nameUk"`,
  nameEn: sql`u.name_en as "nameEn"`,
  parentPcode: sql`u.parent_pcode as "parentPcode"`,
};

/**
 * One vector tile with ST_AsMVT (native PostGIS only): the band's shapes that meet the tile plus its clip
 * buffer (ST_TileEnvelope with a margin, through the GiST index), clipped and quantised by ST_AsMVTGeom,
 * feature id = `fid`, properties from the columns and from the `extra` jsonb (expanded by ST_AsMVT).
 * Features are ordered by id so that the same data gives the same bytes (and ETag) on every server.
 */
export function mvtQuery(q: MvtQuery) {
  const { z, x, y } = q.tile;
  const extra = q.extras === null ? sql`null::jsonb` : sql`(${q.extras}::jsonb -> g.pcode)`;
  return sql<{ mvt: Uint8Array | null }>`
    select ST_AsMVT(t, ${q.layer}, ${EXTENT}, 'geom', 'id' order by t.id) as mvt from (
      select g.fid as id, ${sql.join([...q.properties.map((p) => PROPERTY_COLUMNS[p]), sql`${extra} as extra`])},
        ST_AsMVTGeom(g.geom, ST_TileEnvelope(${z}::int, ${x}::int, ${y}::int), ${EXTENT}, ${BUFFER}, true)
          as geom
      from tile_geometries g
      join admin_units u on u.pcode = g.pcode
      where g.level = ${q.level} and g.band = ${q.band}
        and g.geom && ST_TileEnvelope(${z}::int, ${x}::int, ${y}::int, margin => ${BUFFER / EXTENT}::float8)
    ) t
    where t.geom is not null`;
}

export async function renderMvt(db: Executor, q: MvtQuery): Promise<Uint8Array> {
  const { rows } = await mvtQuery(q).execute(db);
  const mvt = rows[0]?.mvt;
  // node-postgres gives a Buffer, PGlite a Uint8Array: one plain view for both.
  return mvt ? new Uint8Array(mvt.buffer, mvt.byteOffset, mvt.byteLength) : new Uint8Array(0);
}

/** A level's extent in longitude/latitude: [west, south, east, north]. */
export async function findLevelBounds(db: Executor, level: UnitLevel) {
  const { rows } = await sql<{ w: number; s: number; e: number; n: number }>`
    select ST_XMin(b) as w, ST_YMin(b) as s, ST_XMax(b) as e, ST_YMax(b) as n
    from (select ST_Extent(geom) as b from admin_units where level = ${level}) x`.execute(db);
  const r = rows[0];
  return r && r.w !== null ? ([r.w, r.s, r.e, r.n] as [number, number, number, number]) : null;
}

/** Indicators that can be joined to tiles: id, names, unit, source and the newest period. */
export async function findJoinableIndicators(db: Executor) {
  return db
    .selectFrom('indicators as i')
    .innerJoin('indicator_values as v', 'v.indicator_id', 'i.id')
    .select(['i.id', 'i.name_en', 'i.unit', 'i.source_id', (eb) => eb.fn.max('v.period').as('period')])
    .groupBy(['i.id', 'i.name_en', 'i.unit', 'i.source_id'])
    .orderBy('i.id')
    .execute();
}

/** One indicator's values for one period at one level, by pcode. */
export async function findLevelValues(db: Executor, indicatorId: string, period: string, level: UnitLevel) {
  return db
    .selectFrom('indicator_values as v')
    .innerJoin('admin_units as u', 'u.pcode', 'v.unit_pcode')
    .select(['v.unit_pcode as pcode', 'v.value'])
    .where('v.indicator_id', '=', indicatorId)
    .where('v.period', '=', period)
    .where('u.level', '=', level)
    .execute();
}

export async function findAttributions(db: Executor, sourceIds: readonly string[]) {
  if (!sourceIds.length) return [];
  return db
    .selectFrom('sources')
    .select(['id', 'attribution'])
    .where('id', 'in', [...sourceIds])
    .orderBy('id')
    .execute();
}
