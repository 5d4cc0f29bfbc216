import { sqlStateOf } from '../db/sqlstate.ts';

// A PostgreSQL "data exception" (SQLSTATE class 22: 22P02 invalid text representation, 22003 numeric value out
// of range, 22007/22008 invalid or overflowing datetime, 22021 a NUL in text, …) means a value the caller sent
// was not one the database can take: the caller's mistake, not the server's. The schemas refuse such values
// first (server/shared/schemas.ts); this is the safety net, so that one that slips through is a 400, never a
// 500 (issue #11, item 4). https://www.postgresql.org/docs/current/errcodes-appendix.html

/** Whether `err` is a PostgreSQL data exception, from node-postgres or PGlite (both carry `code`). */
export function isDataException(err: unknown): boolean {
  return sqlStateOf(err)?.startsWith('22') ?? false;
}

/** What the caller is told: no SQL, no value, no constraint name (OWASP Error Handling Cheat Sheet). */
export const DATA_EXCEPTION_MESSAGE =
  'a parameter has a value the database cannot take (out of range, not a real date, or a character such as ' +
  'NUL that text cannot hold): check the values sent';
