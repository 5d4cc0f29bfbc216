import type { MultiPolygon, Polygon } from 'geojson';
import { sql } from 'kysely';
import type { UnitLevel } from '../../db/schema.ts';
import type { Executor } from '../../db/executor.ts';

/**
 * Every unit of a level with its boundary as GeoJSON (RFC 7946 ring order, 6 decimals); units without a
 * boundary keep `geometry: null`.
 */
export async function findLayerUnits(db: Executor, level: UnitLevel) {
  return db
    .selectFrom('admin_units')
    .select([
      'pcode',
      'name_uk',
      'name_en',
      'parent_pcode',
      sql<Polygon | MultiPolygon | null>`ST_AsGeoJSON(ST_ForcePolygonCCW(geom), 6)::json`.as('geometry'),
    ])
    .where('level', '=', level)
    .orderBy('pcode')
    .execute();
}

/**
 * Every unit of a level without its shape, for the unit index: names, parent, the box of its boundary and the
 * label point the import computed (`label_point`, the centre of the maximum inscribed circle); null without
 * a boundary.
 */
export async function findUnitIndexRows(db: Executor, level: UnitLevel) {
  return db
    .selectFrom('admin_units')
    .select([
      'pcode',
      'name_uk',
      'name_en',
      'parent_pcode',
      sql<number | null>`ST_XMin(geom)`.as('west'),
      sql<number | null>`ST_YMin(geom)`.as('south'),
      sql<number | null>`ST_XMax(geom)`.as('east'),
      sql<number | null>`ST_YMax(geom)`.as('north'),
      sql<number | null>`ST_X(label_point)`.as('label_lon'),
      sql<number | null>`ST_Y(label_point)`.as('label_lat'),
    ])
    .where('level', '=', level)
    .orderBy('pcode')
    .execute();
}

export type UnitIndexRow = Awaited<ReturnType<typeof findUnitIndexRows>>[number];
