import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ImportReport } from '../import-batch.ts';
import { runImport } from '../import-batch.ts';

/**
 * Tolerance for queen contiguity, in metres. COD-AB's hromada layer was simplified polygon by polygon, not as
 * a shared topology (SOURCES.md §1), so true neighbours are often separated by slivers or gaps instead of
 * touching: units closer than this count as neighbours. Measured on the real layer (see the note in
 * docs and tests/integration/neighbours.test.ts): 500 m joins the known pairs without joining units that
 * are separated by a third one.
 */
export const NEIGHBOUR_TOLERANCE_M = 500;

/** Queen contiguity at every level, both directions stored, computed from the imported geometry. */
export async function computeNeighbours(db: Kysely<DB>): Promise<ImportReport> {
  return runImport(
    db,
    { kind: 'neighbours', fileName: '(computed from admin_units)', sha256: '-' },
    async (trx, batchId) => {
      await trx.deleteFrom('neighbours').execute();
      // The box test (about 0.01° ≈ 0.7–1.1 km here) lets the GiST index prune before the geodesic test.
      const result = await sql`
      insert into neighbours (unit_pcode, neighbour_pcode, batch_id)
      select a.pcode, b.pcode, ${batchId}
      from admin_units a
      join admin_units b
        on b.level = a.level and b.pcode <> a.pcode
       and b.geom && ST_Expand(a.geom, 0.01)
       and ST_DWithin(a.geom::geography, b.geom::geography, ${NEIGHBOUR_TOLERANCE_M})
      where a.geom is not null
    `.execute(trx);
      const pairs = Number(result.numAffectedRows ?? 0);
      const units = await trx
        .selectFrom('admin_units')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('geom', 'is not', null)
        .executeTakeFirstOrThrow();
      return {
        rowsRead: Number(units.n),
        rowsAccepted: pairs,
        rejected: [],
        notes: [`${pairs / 2} neighbour pairs, tolerance ${NEIGHBOUR_TOLERANCE_M} m`],
      };
    },
  );
}
