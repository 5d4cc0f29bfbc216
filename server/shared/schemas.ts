import { z } from '@hono/zod-openapi';

// Shared building blocks for request schemas (issue #11, item 4): values PostgreSQL would refuse with a data
// exception (class 22: 22008 datetime field overflow, 22021 character not in repertoire, 22003 numeric value
// out of range) are refused here first, as a 400 naming the parameter, instead of reaching the database and
// ending as a 500. https://www.postgresql.org/docs/current/errcodes-appendix.html

/** The largest value of a PostgreSQL `integer` (int4): every id column of the schema is one. */
export const INT4_MAX = 2_147_483_647;

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
 * Control characters other than tab, line feed and carriage return. NUL above all: PostgreSQL cannot store it
 * in text (22021, "invalid byte sequence for encoding UTF8: 0x00"), and the others have no place in a name.
 */
// eslint-disable-next-line no-control-regex
export const NO_CONTROL_CHARACTERS = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;
const noControlMessage = 'control characters (such as NUL) are not allowed';

/** Text without control characters: chain `.trim()`, `.min()`, `.max()` as needed. */
export const Text = () => z.string().regex(NO_CONTROL_CHARACTERS, noControlMessage);

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
