// Pcodes: the COD-AB administrative codes every table joins on (shared/data/SOURCES.md, "Join keys"). Read by
// the importers and by the features that take pcodes from users (5W uploads, assessments, programme edits).
import { isMissing } from './missing-value.ts';

/**
 * Cuts a 19-character KATOTTG code (`UA` + 17 digits) to its first 9 characters, the COD-AB ADM3 pcode
 * (see shared/data/SOURCES.md, "Join keys"). Throws on anything else.
 */
export function katottgToPcode(code: string): string {
  if (!/^UA\d{17}$/.test(code)) {
    throw new Error(`"${code}" is not a KATOTTG code (expected "UA" followed by 17 digits)`);
  }
  return code.slice(0, 9);
}

/** The COD-AB level of a pcode by its length, or null if it is not a pcode. */
export function pcodeLevel(pcode: string): 'oblast' | 'raion' | 'hromada' | null {
  const digits = /^UA(\d+)$/.exec(pcode)?.[1]?.length;
  return digits === 2 ? 'oblast' : digits === 4 ? 'raion' : digits === 7 ? 'hromada' : null;
}

// Partners report either the COD-AB pcode (UA + 7 digits) or the full KATOTTG; both join on the first 9 chars.
export function toHromadaPcode(value: string, fail: (reason: string) => null): string | null {
  const v = value.toUpperCase();
  if (isMissing(v)) return fail('is required');
  if (/^UA\d{17}$/.test(v)) return katottgToPcode(v);
  const level = pcodeLevel(v);
  if (level === 'hromada') return v;
  if (level) return fail(`is a ${level} pcode; a hromada (ADM3) pcode such as UA0502003 is needed`);
  return fail('is neither a hromada pcode (UA + 7 digits) nor a KATOTTG code (UA + 17 digits)');
}
