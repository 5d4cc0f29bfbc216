import { sql } from 'kysely';
import type { Executor } from '../../pipeline/import-batch.ts';

/**
 * The data version: changes whenever an import commits. Responses derived from the data are versioned and
 * cached by it (ETags, layer caches).
 */
export async function findDataVersion(db: Executor): Promise<string> {
  const { rows } = await sql<{ id: number | null; n: number }>`
    select max(id) as id, count(*)::int as n from import_batches`.execute(db);
  const row = rows[0];
  return row?.id ? `b${row.id}-${row.n}` : 'empty';
}
