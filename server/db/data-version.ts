import { sql } from 'kysely';
import type { Executor } from './executor.ts';

/**
 * The data version: changes whenever an import commits (`b<last batch>-<batches>`) and whenever a user
 * changes programmes, organisations, assessments or safety strategies through the API (`-e<last such audit row>`, issue #6).
 * Responses derived from the data are versioned and cached by it (ETags, model inputs, tiles).
 */
export async function findDataVersion(db: Executor): Promise<string> {
  // The edit counter's predicate matches the partial index audit_log_data_idx.
  const { rows } = await sql<{ id: number | null; n: number; e: number | null }>`
    select (select max(id) from import_batches) as id, (select count(*)::int from import_batches) as n,
      (select max(id) from audit_log where entity_type in ('organisation', 'programme', 'assessment', 'safety_strategy')) as e`.execute(
    db,
  );
  const row = rows[0];
  const imports = row?.id ? `b${row.id}-${row.n}` : 'empty';
  return row?.e ? `${imports}-e${row.e}` : imports;
}

/**
 * The part of a data version that imports move: what boundaries, layers and occupied areas depend on. An edit
 * of a programme must not rebuild the tile geometry.
 */
export function importVersionOf(dataVersion: string): string {
  return dataVersion.replace(/-e\d+$/, '');
}

/** When the newest import that is still in force finished (the data's freshness, as the footer shows it). */
export async function findLastImportedAt(db: Executor): Promise<string | null> {
  const row = await db
    .selectFrom('import_batches')
    .select((eb) => eb.fn.max('finished_at').as('at'))
    .where('status', '=', 'succeeded')
    .executeTakeFirst();
  const at = row?.at as string | Date | null | undefined;
  if (!at) return null;
  return at instanceof Date ? at.toISOString() : new Date(at).toISOString();
}
