import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Executor } from '../../db/executor.ts';
import type { ImportReport } from '../import-batch.ts';
import { runImport } from '../import-batch.ts';

/**
 * Tolerance for queen contiguity, in metres. COD-AB's hromada layer was simplified polygon by polygon, not as
 * a shared topology (SOURCES.md §1), so true neighbours are often separated by slivers or gaps instead of
 * touching. Measured against OpenStreetMap's hromada boundaries (exact shared borders, KATOTTG-coded,
 * 1,466 hromadas, 4,183 touching pairs) on 2026-11-21:
 *   0 m: recall 91.3 %, precision 99.6 % · 500 m: 97.3 % / 99.4 % · 1,000 m: 99.2 % / 98.9 % ·
 *   1,500 m: 99.5 % / 97.9 % · 2,500 m: 99.7 % / 94.3 %.
 * 1,000 m has the best balance (F1 0.991); docs/data.md explains how to repeat the measurement.
 */
export const NEIGHBOUR_TOLERANCE_M = 1000;

/** Queen contiguity at every level, both directions stored, computed from the imported geometry. */
export async function computeNeighbours(db: Kysely<DB>): Promise<ImportReport> {
  return runImport(
    db,
    { kind: 'neighbours', fileName: '(computed from admin_units)', sha256: '-' },
    async (trx, batchId) => {
      await trx.deleteFrom('neighbours').execute();
      await createProjectedUnits(trx);
      const pairs = await insertNeighbourPairs(trx, batchId);
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

/** ETRS89 Lambert azimuthal equal-area (Europe), metres: over Ukraine its scale lies within 0.985–1.015. */
const LAEA = 3035;

/**
 * Every unit's geometry projected to EPSG:3035 with its own index, for this transaction: planar distances
 * there decide all but the pairs near the tolerance, which are the only ones measured on the spheroid.
 */
export async function createProjectedUnits(trx: Executor): Promise<void> {
  await sql`create temporary table units_laea on commit drop as
    select pcode, level, geom, ST_Transform(geom, ${sql.lit(LAEA)}) as laea
    from admin_units where geom is not null`.execute(trx);
  await sql`create index on units_laea using gist (laea)`.execute(trx);
  await sql`analyze units_laea`.execute(trx);
}

/**
 * Stores every pair of same-level units within the tolerance, both directions; returns how many rows.
 * Needs createProjectedUnits first. The projection changes a distance by at most 1.5 %, so a pair under
 * 95 % of the tolerance in EPSG:3035 is within it on the spheroid and a pair over 105 % is not; only the
 * pairs between are tested geodesically (ST_DWithin on geography), which keeps the pairs exactly as they
 * were when every candidate was tested that way, in about a seventh of the time (issue #15).
 */
export async function insertNeighbourPairs(trx: Executor, batchId: number): Promise<number> {
  const result = await sql`
    insert into neighbours (unit_pcode, neighbour_pcode, batch_id)
    select a.pcode, b.pcode, ${batchId}
    from units_laea a
    join units_laea b
      on b.level = a.level and b.pcode <> a.pcode
     and ST_DWithin(a.laea, b.laea, ${NEIGHBOUR_TOLERANCE_M * 1.05})
     and (ST_DWithin(a.laea, b.laea, ${NEIGHBOUR_TOLERANCE_M * 0.95})
          or ST_DWithin(a.geom::geography, b.geom::geography, ${NEIGHBOUR_TOLERANCE_M}))
  `.execute(trx);
  return Number(result.numAffectedRows ?? 0);
}
