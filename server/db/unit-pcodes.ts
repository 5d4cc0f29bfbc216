import type { Executor } from './executor.ts';

/** The pcodes of one level that the boundaries define: what an import or a user's edit may refer to. */
export async function loadUnitPcodes(
  trx: Executor,
  level: 'oblast' | 'raion' | 'hromada',
): Promise<Set<string>> {
  const rows = await trx.selectFrom('admin_units').select('pcode').where('level', '=', level).execute();
  return new Set(rows.map((r) => r.pcode));
}
