import { AppError } from '../shared/errors.ts';
import { toHromadaPcode } from '../shared/pcode.ts';
import type { Executor } from './executor.ts';

/** The pcodes of one level that the boundaries define: what an import or a user's edit may refer to. */
export async function loadUnitPcodes(
  trx: Executor,
  level: 'oblast' | 'raion' | 'hromada',
): Promise<Set<string>> {
  const rows = await trx.selectFrom('admin_units').select('pcode').where('level', '=', level).execute();
  return new Set(rows.map((r) => r.pcode));
}

/**
 * The hromada a request body names in `field` (a pcode or KATOTTG code, read as toHromadaPcode reads them),
 * checked against the imported boundaries; otherwise UNPROCESSABLE naming the field. One rule for every form that
 * enters something for a community (assessments, safety strategies).
 */
export async function requireKnownHromada(trx: Executor, raw: string, field = 'pcode'): Promise<string> {
  const pcode = toHromadaPcode(raw, (reason) => {
    throw new AppError('UNPROCESSABLE', `body parameter ${field}: "${raw}" ${reason}`);
  })!;
  if (!(await loadUnitPcodes(trx, 'hromada')).has(pcode)) {
    throw new AppError(
      'UNPROCESSABLE',
      `body parameter ${field}: no hromada ${pcode} in the imported boundaries`,
    );
  }
  return pcode;
}
