import type { Executor } from '../../db/executor.ts';

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
