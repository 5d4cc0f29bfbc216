import { AppError } from '../../shared/errors.ts';

// `?properties=` (named after pg_tileserv's parameter): which of a feature's own properties a tile carries.
// The map client knows every unit's names from the unit index (GET /api/layers/{level}.index.json) and asks
// for `properties=pcode`: names are 40 % of a hromada tile's bytes (issue #5, B4 initial view). Joined
// indicators (`?indicators=`) are always carried.

export const BASE_PROPERTIES = ['pcode', 'nameUk', 'nameEn', 'parentPcode'] as const;
export type BaseProperty = (typeof BASE_PROPERTIES)[number];

/** The parameter as a list in BASE_PROPERTIES order (so that equal sets share one cache entry); all when absent. */
export function parseBaseProperties(param: string | undefined): readonly BaseProperty[] {
  if (param === undefined) return BASE_PROPERTIES;
  const asked = new Set(
    param
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
  for (const name of asked) {
    if (!(BASE_PROPERTIES as readonly string[]).includes(name)) {
      throw new AppError(
        'BAD_REQUEST',
        `query parameter properties: unknown property "${name}" (valid: ${BASE_PROPERTIES.join(', ')})`,
      );
    }
  }
  return BASE_PROPERTIES.filter((p) => asked.has(p));
}

/** True when the list is every base property (the default, which URLs leave out). */
export function isAllProperties(props: readonly BaseProperty[]): boolean {
  return props.length === BASE_PROPERTIES.length;
}
