import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.ts';

export interface DatabaseCapabilities {
  postgisVersion: string;
  /**
   * ST_AsMVT / ST_AsMVTGeom: present in Debian's PostGIS, absent from pglite-postgis ("compiled without
   * protobuf-c", STACK-NOTES). Code that makes vector tiles checks this flag and uses the geojson-vt + vt-pbf
   * path where it is false, instead of failing on the first tile.
   */
  mvt: boolean;
}

/** Probes the engine once at start-up: what it can do, not what its name suggests. */
export async function detectCapabilities(db: Kysely<DB>): Promise<DatabaseCapabilities> {
  const { rows } = await sql<{ v: string }>`select postgis_lib_version() as v`.execute(db);
  let mvt = true;
  try {
    await sql`select ST_AsMVT(q, 'probe') from (
      select ST_AsMVTGeom(ST_MakePoint(0.5, 0.5), ST_MakeEnvelope(0, 0, 1, 1)) as geom) q`.execute(db);
  } catch {
    mvt = false;
  }
  return { postgisVersion: rows[0]?.v ?? 'unknown', mvt };
}
