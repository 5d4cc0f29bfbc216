import type { Executor } from '../../db/executor.ts';
import type { RejectedRow } from '../import-batch.ts';
import { chunks } from '../import-batch.ts';

export interface IndicatorValue {
  indicatorId: string;
  pcode: string;
  period: string;
  value: number;
}

/**
 * Replaces every value of these indicators (optionally only these periods) with the batch's values:
 * the re-run of an import leaves exactly one copy.
 */
export async function replaceIndicatorValues(
  trx: Executor,
  batchId: number,
  scope: { indicatorIds: readonly string[]; periods?: readonly string[] },
  values: readonly IndicatorValue[],
): Promise<void> {
  let del = trx.deleteFrom('indicator_values').where('indicator_id', 'in', [...scope.indicatorIds]);
  if (scope.periods) del = del.where('period', 'in', [...scope.periods]);
  await del.execute();
  for (const chunk of chunks(values, 2000)) {
    await trx
      .insertInto('indicator_values')
      .values(
        chunk.map((v) => ({
          indicator_id: v.indicatorId,
          unit_pcode: v.pcode,
          period: v.period,
          value: v.value,
          batch_id: batchId,
        })),
      )
      .execute();
  }
}

/** Values of one indicator and period keyed by pcode (e.g. population as a denominator). */
export async function loadIndicatorMap(
  trx: Executor,
  indicatorId: string,
  period: string,
): Promise<Map<string, number>> {
  const rows = await trx
    .selectFrom('indicator_values')
    .select(['unit_pcode', 'value'])
    .where('indicator_id', '=', indicatorId)
    .where('period', '=', period)
    .execute();
  return new Map(rows.map((r) => [r.unit_pcode, r.value]));
}

/**
 * Keeps the first of several rows for the same key. Exact copies are dropped and reported in notes (the
 * KSE IDP file has two); conflicting copies are rejected, since neither can be trusted over the other.
 */
export class DuplicateGuard {
  private readonly seen = new Map<string, { rowNumber: number; raw: string }>();
  readonly exactDuplicates: number[] = [];

  check(key: string, rowNumber: number, raw: string): RejectedRow | 'duplicate' | 'first' {
    const earlier = this.seen.get(key);
    if (!earlier) {
      this.seen.set(key, { rowNumber, raw });
      return 'first';
    }
    if (earlier.raw === raw) {
      this.exactDuplicates.push(rowNumber);
      return 'duplicate';
    }
    return {
      rowNumber,
      raw,
      reason: `${key} already given with different values in row ${earlier.rowNumber}`,
    };
  }
}
