/**
 * One way of turning PostgreSQL text values into JS values, used by both drivers, so that the same query
 * returns the same shapes on PGlite and on node-postgres: dates stay ISO strings (no local-time shift),
 * timestamps become ISO strings in UTC, int8 and numeric become numbers (counts and sums here are far
 * below 2^53).
 */
function toIsoTimestamp(text: string): string {
  // PostgreSQL prints "2026-11-21 11:58:00.123456+00"; JS wants "T" and a "+00:00" offset.
  const iso = text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00');
  return new Date(iso).toISOString();
}

export const typeParsers: Record<number, (value: string) => unknown> = {
  20: Number, // int8
  1700: Number, // numeric
  1082: (v) => v, // date
  1114: (v) => toIsoTimestamp(`${v}Z`), // timestamp without time zone: we only store UTC
  1184: toIsoTimestamp, // timestamptz
};
