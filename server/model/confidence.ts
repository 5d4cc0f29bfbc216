import type { ConfidenceSettings } from './model-definition.ts';
import { ModelInputError } from './model-error.ts';

// Data age for the confidence shown beside every score (issue #3: "a confidence from coverage and data age").
// A value's age is the time from the start of its period to the model's reference date: the start is the
// oldest moment the value can describe, the cautious reading ('2022' → 2022-01-01, '2024-04' → 2024-04-01),
// and it matches how the data platform writes point-in-time periods ('2022-01-01' for 1 January 2022).
// Ages are differences of decimal years (year + elapsed fraction of that year), so whole periods give whole
// ages whatever the leap days: '2024' is exactly 1 year old on 2025-01-01.
// The age factor is 1 up to fullConfidenceAgeYears, falls linearly to 0 at zeroConfidenceAgeYears, and stays
// 0 beyond; a value dated after the reference date counts as fresh (factor 1).

const PERIOD = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** The first instant (UTC, ms) of a 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' period. */
export function periodStart(period: string): number {
  const m = PERIOD.exec(period);
  if (m === null) throw new ModelInputError(`not a period (YYYY, YYYY-MM or YYYY-MM-DD): "${period}"`);
  const year = Number(m[1]);
  const month = m[2] === undefined ? 1 : Number(m[2]);
  const day = m[3] === undefined ? 1 : Number(m[3]);
  const t = Date.UTC(year, month - 1, day);
  const d = new Date(t);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) {
    throw new ModelInputError(`not a calendar date: "${period}"`);
  }
  return t;
}

function decimalYear(t: number): number {
  const year = new Date(t).getUTCFullYear();
  const start = Date.UTC(year, 0, 1);
  return year + (t - start) / (Date.UTC(year + 1, 0, 1) - start);
}

/** Years from the start of `period` to `referenceDate` (negative when the period is later). */
export function ageInYears(period: string, referenceDate: string): number {
  return decimalYear(periodStart(referenceDate)) - decimalYear(periodStart(period));
}

/**
 * The age factor in [0, 1] of a value of `period`; 0 when the period is unknown (null), since a value of
 * unknown age cannot vouch for a score.
 */
export function ageFactor(
  period: string | null,
  settings: Pick<ConfidenceSettings, 'referenceDate' | 'fullConfidenceAgeYears' | 'zeroConfidenceAgeYears'>,
): number {
  if (period === null) return 0;
  const age = ageInYears(period, settings.referenceDate);
  const { fullConfidenceAgeYears: full, zeroConfidenceAgeYears: zero } = settings;
  if (age <= full) return 1;
  if (age >= zero) return 0;
  return 1 - (age - full) / (zero - full);
}

// Precision (issue #13 §4: "the confidence of a score reflects the interval width"). An assessed component
// value that comes with a 95 % interval (round-scores.ts: percentile bootstrap over respondents) counts by
//   factor = clamp(1 − (width / range) / intervalWidthForZero, intervalFloor, 1)
// where width = high − low and range = the node's goalpost range, so the setting is a share of the scale
// whatever the indicator's units. Linear, like the age factor: a narrow interval (many respondents who agree)
// vouches almost fully, one spanning intervalWidthForZero of the scale vouches no more than the floor. The floor
// is above 0 because even an imprecise assessment measures the component directly (it passed the minimum
// sample size to get a number at all) and it replaces the proxy: it should not read as no data. A value
// without an interval (a manual assessment, an imported indicator) keeps factor 1. See docs/methodology.md.

/** The precision factor in [intervalFloor, 1] of a value whose 95 % interval is `width` wide; 1 for null. */
export function intervalFactor(
  width: number | null,
  range: number,
  settings: Pick<ConfidenceSettings, 'intervalWidthForZero' | 'intervalFloor'>,
): number {
  if (width === null) return 1;
  if (!Number.isFinite(width) || width < 0) {
    throw new ModelInputError(`an interval width must be a finite number of at least 0, got ${width}`);
  }
  const f = 1 - width / range / settings.intervalWidthForZero;
  const floor = settings.intervalFloor;
  return f < floor ? floor : f > 1 ? 1 : f;
}
