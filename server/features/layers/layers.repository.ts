import type { MultiPolygon, Polygon } from 'geojson';
import { sql } from 'kysely';
import type { UnitLevel } from '../../db/schema.ts';
import type { Executor } from '../../pipeline/import-batch.ts';

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
