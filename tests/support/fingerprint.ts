import { sql } from 'kysely';
import type { Executor } from '../../server/db/executor.ts';

const tables = [
  'sources',
  'source_files',
  'import_batches',
  'rejected_rows',
  'admin_units',
  'indicators',
  'indicator_values',
  'occupied_areas',
  'neighbours',
  'organisations',
  'programmes',
  'programme_sites',
  'assessments',
  'scenarios',
] as const;

/**
 * A digest of every row of every table: equal before and after an operation means it changed nothing.
 * Used to prove that a failed import leaves the database exactly as it was.
 */
export async function databaseFingerprint(db: Executor): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of tables) {
    const { rows } = await sql<{ n: number; digest: string | null }>`
      select count(*)::int as n, md5(string_agg(t::text, '|' order by t::text)) as digest
      from ${sql.table(table)} t`.execute(db);
    out[table] = `${rows[0]!.n}:${rows[0]!.digest ?? ''}`;
  }
  return out;
}
