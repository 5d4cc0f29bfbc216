import { z } from '@hono/zod-openapi';
import { INT4_MAX, textProblem } from './plausibility.ts';

// Shared building blocks for request schemas (issue #11, item 4): values PostgreSQL would refuse with a data
// exception (class 22: 22008 datetime field overflow, 22021 character not in repertoire, 22003 numeric value
// out of range) are refused here first, as a 400 naming the parameter, instead of reaching the database and
// ending as a 500. https://www.postgresql.org/docs/current/errcodes-appendix.html

export { INT4_MAX };

/** Whether `v` (YYYY-MM-DD) is a day of the calendar: 2024-02-30 and month 13 are not (no rolling over). */
export function isCalendarDate(v: string): boolean {
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** A calendar date, YYYY-MM-DD: 2023-02-30 and month 13 are refused, not rolled over. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .refine(isCalendarDate, 'not a calendar date')
  .openapi({ format: 'date', example: '2025-01-01' });

const ISO_INSTANT =
  /^(\d{4}-\d{2}-\d{2})(?:T([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?)?$/;

/**
 * An ISO 8601 date or date-time (year 0001–9999, a real calendar day), as a UTC ISO string. Not Date.parse
 * alone: V8 reads "2024-02-30" as 1 March, "1" as 2001 and "99999" as a year PostgreSQL cannot take.
 */
export const IsoInstant = z
  .string()
  .regex(ISO_INSTANT, 'expected an ISO 8601 date or date-time such as 2026-11-21 or 2026-11-21T12:00:00Z')
  .refine((v) => isCalendarDate(v.slice(0, 10)) && v.slice(0, 4) !== '0000', 'not a calendar date')
  .transform((v) => new Date(v.length === 10 ? `${v}T00:00:00Z` : v).toISOString())
  .openapi({ example: '2026-11-21T12:00:00Z' });

/**
 * Text that PostgreSQL can store and people can read: no NUL (22021, "invalid byte sequence for encoding UTF8:
 * 0x00") nor other control characters, no U+FFFD from a wrong decoding; line breaks and tabs only where
 * `singleLine` is not set. The same rule as a 5W cell (shared/plausibility.ts), so that a form and a sheet
 * accept the same values. Chain `.trim()`, `.min()`, `.max()` as needed.
 */
export const Text = ({ singleLine = false }: { singleLine?: boolean } = {}) =>
  z.string().superRefine((v, ctx) => {
    const reason = textProblem(v, { max: Infinity, multiline: !singleLine });
    if (reason) ctx.addIssue({ code: 'custom', message: reason });
  });

/** A database id in a path or query parameter: a positive integer that fits PostgreSQL's `integer`. */
export const IdParam = () =>
  z.coerce
    .number()
    .int()
    .positive()
    .max(INT4_MAX)
    .openapi({ type: 'integer', minimum: 1, maximum: INT4_MAX });

/** A database id in a JSON body: a positive integer that fits PostgreSQL's `integer`. */
export const IdValue = () => z.number().int().positive().max(INT4_MAX);

/**
 * A model's aggregation methods, overridden per level: asked for by a scores request and saved with a scenario,
 * so shared by the models and scenarios features (neither imports the other's schemas).
 */
const aggregationMethod = z.enum(['arithmetic', 'geometric', 'harmonic']);
export const AggregationOverride = z
  .object({ index: aggregationMethod, dimension: aggregationMethod, component: aggregationMethod })
  .partial();
