import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/client.ts';
import { openTestDatabase } from '../support/test-db.ts';

// The database was built by the global setup from the real files; the expected distances are measured here
// by brute force (every piece of the occupied area), never written into the test.

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

// North-western hromadas, where the pieces nearest in degrees (longitude degrees are shorter) are not the
// nearest on the ground: before issue #15 these were up to 110 km too far (Samarivska 755 km instead of 645
// on 2026-08-22). Lviv and Kharkiv for contrast. One snapshot: the brute force is slow on PGlite.
const UNITS = ['UA0706035', 'UA5602009', 'UA4606025', 'UA6312027'];
const PERIOD = '2026-08-22';

describe('distance to the occupied area', () => {
  it('is the geodesic distance to the nearest of all pieces of the area', async () => {
    const { rows } = await sql<{ pcode: string; period: string; stored: number; brute: number }>`
      with pieces as (
        select ST_Subdivide(geom, 64) as geom from occupied_areas where snapshot_date = ${PERIOD}::date
      )
      select u.pcode, v.period, v.value as stored,
             (select min(ST_Distance(u.geom::geography, p.geom::geography)) / 1000
              from pieces p) as brute
      from admin_units u
      join indicator_values v on v.unit_pcode = u.pcode and v.indicator_id = 'distance_to_occupied_km'
      where u.pcode in (${sql.join(UNITS)}) and v.period = ${PERIOD}
    `.execute(database.db);
    expect(rows).toHaveLength(UNITS.length);
    for (const row of rows) {
      expect({ unit: row.pcode, period: row.period, km: row.stored }).toEqual({
        unit: row.pcode,
        period: row.period,
        km: expect.closeTo(row.brute, 6),
      });
    }
  });
});
