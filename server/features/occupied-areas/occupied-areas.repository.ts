import type { Polygon } from 'geojson';
import { sql } from 'kysely';
import type { Executor } from '../../db/executor.ts';

/**
 * Every snapshot, oldest first, with its polygon count, stored area and the source dataset of the batch
 * that imported it (batch → source file → source; null for a local file).
 */
export async function findSnapshots(db: Executor) {
  return db
    .selectFrom('occupied_areas as a')
    .leftJoin('import_batches as b', 'b.id', 'a.batch_id')
    .leftJoin('source_files as sf', 'sf.id', 'b.source_file_id')
    .leftJoin('sources as src', 'src.id', 'sf.source_id')
    .select([
      'a.snapshot_date',
      'a.area_km2',
      sql<number>`ST_NumGeometries(a.geom)`.as('features'),
      'src.id as source_id',
      'src.name as source_name',
      'src.licence as source_licence',
      'src.attribution as source_attribution',
    ])
    .orderBy('a.snapshot_date')
    .execute();
}

/**
 * The polygons of one snapshot for display, one row per polygon in stored order: simplified as a whole
 * (ST_SimplifyPreserveTopology keeps every part and ring, and keeps parts from crossing), exterior rings
 * counter-clockwise (RFC 7946), `decimals` digits. The area is of the unsimplified polygon, on the spheroid.
 * No rows when there is no snapshot of that date.
 */
export async function findSnapshotPolygons(
  db: Executor,
  date: string,
  toleranceDegrees: number,
  decimals: number,
) {
  const { rows } = await sql<{ part: number; area_km2: number; geometry: Polygon }>`
    with s as (
      select geom, ST_ForcePolygonCCW(ST_SimplifyPreserveTopology(geom, ${toleranceDegrees})) as simple
      from occupied_areas where snapshot_date = ${date}::date
    )
    select d.path[1] as part,
           ST_Area(d.geom::geography) / 1e6 as area_km2,
           ST_AsGeoJSON(ST_GeometryN(s.simple, d.path[1]), ${decimals})::json as geometry
    from s cross join lateral ST_Dump(s.geom) d
    where not ST_IsEmpty(ST_GeometryN(s.simple, d.path[1]))
    order by d.path[1]`.execute(db);
  return rows;
}
