import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { syncCatalogue } from '../catalogue.ts';
import type { ImportReport, ImportTarget } from '../import-batch.ts';
import { runImport } from '../import-batch.ts';
import { ImportError } from '../../shared/errors.ts';
import { parseDate } from '../parse/csv.ts';
import { parseFeatureCollection, UKRAINE_EXTENT } from '../parse/geojson.ts';
import type { SourcesManifest } from '../sources-manifest.ts';

const INDICATORS = ['occupied_share', 'distance_to_occupied_km'];

/** ETRS89 Lambert azimuthal equal-area (Europe), in every spatial_ref_sys: metres, for planar indexes. */
const LAEA = 3035;
/**
 * Over Ukraine (22–41° E, 44–53° N, at most ~20° from the projection's centre at 52° N 10° E) EPSG:3035's
 * scale lies within 0.985–1.015 in every direction, so projected distances differ from geodesic ones by a
 * factor of at most ~1.03. 1.05 leaves room for that and for PostGIS's own rounding.
 */
const LAEA_SPREAD = 1.05;

/**
 * One dated DeepStateMap snapshot: stores the occupied area and derives, per hromada, the share of its area
 * inside it and the geodesic distance to it (both on the spheroid, via geography). The occupied polygon is
 * cut into small pieces (ST_Subdivide) with an index first, so each hromada is compared with a few nearby
 * pieces rather than with one polygon of ~100k km² and thousands of vertices. The geodesic work is kept to
 * the hromadas and pieces where it can change the answer (issue #15: a quarter of the import's time was here).
 */
export async function importOccupiedArea(
  db: Kysely<DB>,
  manifest: SourcesManifest,
  target: ImportTarget,
  text: string,
  snapshotDate: string,
): Promise<ImportReport> {
  const date = parseDate(snapshotDate);
  if (!date.ok || !date.value)
    throw new ImportError(`snapshot date "${snapshotDate}" is not a date (YYYY-MM-DD)`);
  const fc = parseFeatureCollection(text, { fileName: target.fileName, extent: UKRAINE_EXTENT });
  // One snapshot is one area: a polygon elsewhere means the file is wrong, not that one row is (issue #11, 6).
  const stray = fc.features.find((f) => f.outside);
  if (stray)
    throw new ImportError(`${target.fileName}: features[${stray.index}] is ${stray.outside}`, {
      file: target.fileName,
      row: stray.index + 1,
      field: `features[${stray.index}].geometry`,
    });
  const geometries = fc.features.filter((f) => !f.empty).map((f) => JSON.stringify(f.geometry));
  if (geometries.length === 0)
    throw new ImportError(`${target.fileName}: no occupied-area polygon in the file`, {
      file: target.fileName,
    });

  return runImport(db, target, async (trx, batchId) => {
    await syncCatalogue(trx, manifest);
    await sql`delete from occupied_areas where snapshot_date = ${date.value}::date`.execute(trx);
    await sql`
      insert into occupied_areas (snapshot_date, geom, area_km2, batch_id)
      select ${date.value}::date, u.geom, ST_Area(u.geom::geography) / 1e6, ${batchId}
      from (
        select ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Union(ST_MakeValid(ST_Force2D(
                 ST_SetSRID(ST_GeomFromGeoJSON(g), 4326))))), 3))::geometry(MultiPolygon, 4326) as geom
        from jsonb_array_elements_text(${JSON.stringify(geometries)}::jsonb) as g
      ) u
    `.execute(trx);

    // Pieces and hromadas also in ETRS89-LAEA (EPSG:3035, metres): a planar index there finds the nearest
    // pieces; the values themselves stay on the spheroid (geography), as before.
    await sql`create temporary table occupied_pieces on commit drop as
      select geom, ST_Transform(geom, ${sql.lit(LAEA)}) as laea
      from (select ST_Subdivide(geom, 64) as geom from occupied_areas where snapshot_date = ${date.value}::date) s`.execute(
      trx,
    );
    await sql`create index on occupied_pieces using gist (geom)`.execute(trx);
    await sql`create index on occupied_pieces using gist (laea)`.execute(trx);
    await sql`analyze occupied_pieces`.execute(trx);
    await sql`create temporary table occupied_units on commit drop as
      select u.pcode, u.geom, ST_Transform(u.geom, ${sql.lit(LAEA)}) as laea,
             exists (select 1 from occupied_pieces p where ST_Intersects(u.geom, p.geom)) as touched
      from admin_units u where u.level = 'hromada' and u.geom is not null`.execute(trx);

    await sql`delete from indicator_values where indicator_id in (${sql.join(INDICATORS)}) and period = ${date.value}`.execute(
      trx,
    );
    // Share: intersect only with pieces whose boxes overlap the hromada; an untouched hromada is 0 at once.
    const share = await sql`
      insert into indicator_values (indicator_id, unit_pcode, period, value, batch_id)
      select 'occupied_share', u.pcode, ${date.value},
             case when not u.touched then 0 else
               least(1, coalesce((select sum(ST_Area(ST_Intersection(u.geom, p.geom)::geography))
                                  from occupied_pieces p where ST_Intersects(u.geom, p.geom)), 0)
                        / ST_Area(u.geom::geography)) end,
             ${batchId}
      from occupied_units u
    `.execute(trx);
    // Distance: 0 where the hromada touches the area; otherwise the geodesic distance to the nearest piece.
    // Only pieces that can be the nearest are measured on the spheroid: those within LAEA_SPREAD times the
    // planar distance of the nearest piece in EPSG:3035 (exact KNN). Any piece further out is further on the
    // spheroid too, because the projection's scale varies by less than that factor over Ukraine.
    await sql`
      insert into indicator_values (indicator_id, unit_pcode, period, value, batch_id)
      select 'distance_to_occupied_km', u.pcode, ${date.value},
             case when u.touched then 0 else
               (select min(ST_Distance(u.geom::geography, c.geom::geography)) / 1000
                from occupied_pieces c
                where ST_DWithin(c.laea, u.laea,
                        ${sql.lit(LAEA_SPREAD)} * (select n.laea <-> u.laea from occupied_pieces n
                                          order by n.laea <-> u.laea limit 1) + 10)) end,
             ${batchId}
      from occupied_units u
    `.execute(trx);

    const units = Number(share.numAffectedRows ?? 0);
    return {
      rowsRead: fc.features.length,
      rowsAccepted: geometries.length,
      rejected: [],
      notes: [`snapshot ${date.value}: share and distance computed for ${units} hromada-level units`],
    };
  });
}
