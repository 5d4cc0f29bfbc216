import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/client.ts';
import { openTestDatabase } from '../support/test-db.ts';

// Known pairs, checked against OpenStreetMap's hromada boundaries (which share exact borders) — see
// NEIGHBOUR_TOLERANCE_M in server/pipeline/importers/neighbours.ts for the measurement.

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

async function neighboursOf(pcode: string): Promise<string[]> {
  const rows = await database.db
    .selectFrom('neighbours')
    .select('neighbour_pcode')
    .where('unit_pcode', '=', pcode)
    .orderBy('neighbour_pcode')
    .execute();
  return rows.map((r) => r.neighbour_pcode);
}

describe('queen neighbours over the COD-AB hromadas', () => {
  it('finds every hromada that borders Kharkiv city hromada', async () => {
    // The eight hromadas of Kharkivskyi raion that touch Kharkivska (UA6312027) in OSM.
    const expected = [
      'UA6312001',
      'UA6312003',
      'UA6312005',
      'UA6312013',
      'UA6312021',
      'UA6312023',
      'UA6312025',
      'UA6312029',
    ];
    expect(await neighboursOf('UA6312027')).toEqual(expect.arrayContaining(expected));
  });

  it('bridges the gaps the simplified layer leaves between true neighbours', async () => {
    // COD-AB leaves ~0.6–0.7 km between these polygons; in OSM they share a border.
    expect(await neighboursOf('UA7106015')).toContain('UA7106017'); // Mankivska – Monastyryshchenska
    expect(await neighboursOf('UA7410001')).toContain('UA7410005'); // Bereznianska – Horodnianska
  });

  it('does not join hromadas separated by a third one, and is symmetric', async () => {
    // Kharkivska and Chuhuivska are ~6 km apart, with Kharkiv raion hromadas in between.
    expect(await neighboursOf('UA6312027')).not.toContain('UA6314017');
    const { rows } = await sql<{ n: number }>`
      select count(*)::int n from neighbours a
      where not exists (select 1 from neighbours b
                        where b.unit_pcode = a.neighbour_pcode and b.neighbour_pcode = a.unit_pcode)`.execute(
      database.db,
    );
    expect(rows[0]!.n).toBe(0);
  });

  it('only pairs units of the same level', async () => {
    const mixed = await database.db
      .selectFrom('neighbours as n')
      .innerJoin('admin_units as a', 'a.pcode', 'n.unit_pcode')
      .innerJoin('admin_units as b', 'b.pcode', 'n.neighbour_pcode')
      .select('n.unit_pcode')
      .whereRef('a.level', '<>', 'b.level')
      .execute();
    expect(mixed).toEqual([]);
  });
});
