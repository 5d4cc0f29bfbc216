import { RowRejection, type RowReader } from './csv-indicators.ts';
import type { IndicatorValue } from './indicator-values.ts';

/** The present values of one period: a null (missing in the source, or no denominator) is left out, never zero. */
export function presentValues(
  period: string,
  values: Record<string, number | null>,
): Omit<IndicatorValue, 'pcode'>[] {
  return Object.entries(values)
    .filter((e): e is [string, number] => e[1] !== null && Number.isFinite(e[1]))
    .map(([indicatorId, value]) => ({ indicatorId, period, value }));
}

/** A count of things (agreements, associations, centres): a whole number ≥ 0, or null where missing. */
export function countOf<K extends string>(row: RowReader<K>, field: K, column: string): number | null {
  const n = row.number(field);
  if (n !== null && (n < 0 || !Number.isInteger(n))) {
    throw new RowRejection(column, `"${n}" is not a count (a whole number ≥ 0)`);
  }
  return n;
}
