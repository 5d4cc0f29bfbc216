import { z } from '@hono/zod-openapi';
import { AppError } from './errors.ts';

// Pages of a list (issue #11 item 2): every list endpoint answers at most `limit` items and a `nextCursor`
// for the rest. The cursor is a keyset position (the sort key of the last item sent), not an offset: a page
// costs the same however deep it is, and rows added or removed meanwhile neither repeat nor skip an item that
// was there all along (PostgreSQL docs, "LIMIT and OFFSET": rows skipped by OFFSET are still computed).
// It is opaque to clients: base64url of a JSON array, checked when it comes back.

/** The documented bounds of every paginated list. */
export const PAGE = { defaultLimit: 50, maxLimit: 200 } as const;

/** The `limit` query parameter of a list: items per page, with the list's default and maximum. */
const limitParam = (defaultLimit: number, maxLimit: number) =>
  z.coerce
    .number()
    .int()
    .min(1)
    .max(maxLimit)
    .default(defaultLimit)
    .openapi({
      type: 'integer',
      description: `Items per page: ${defaultLimit} by default, at most ${maxLimit}`,
    });

/** `limit` and `cursor` query parameters, with the list's own default and maximum. */
export function pageQuery(defaultLimit: number = PAGE.defaultLimit, maxLimit: number = PAGE.maxLimit) {
  return {
    limit: limitParam(defaultLimit, maxLimit),
    cursor: z
      .string()
      .max(500)
      .optional()
      .openapi({ description: "The previous page's `nextCursor`, to get the next page" }),
  };
}

export const NextCursor = z
  .string()
  .nullable()
  .openapi({ description: 'Pass as `cursor` for the next page; null on the last page' });

export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * The keyset position a cursor carries, checked against the kinds the list sorts by; 400 naming the
 * parameter when it is not a cursor of this list.
 */
export function decodeCursor<const K extends readonly ('string' | 'number')[]>(
  cursor: string,
  kinds: K,
): CursorKey<K> {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = null;
  }
  if (!isCursorKey(key, kinds)) {
    throw new AppError('BAD_REQUEST', 'query parameter cursor: not a cursor of this list');
  }
  return key;
}

/** A keyset position: one value per sort column, a number or a string as the column is. */
type CursorKey<K extends readonly ('string' | 'number')[]> = {
  [I in keyof K]: K[I] extends 'number' ? number : string;
};

function isCursorKey<const K extends readonly ('string' | 'number')[]>(
  key: unknown,
  kinds: K,
): key is CursorKey<K> {
  return (
    Array.isArray(key) &&
    key.length === kinds.length &&
    key.every((v, i) =>
      kinds[i] === 'number'
        ? Number.isSafeInteger(v)
        : typeof v === 'string' && v.length <= 300 && !v.includes('\0'),
    )
  );
}

/** The page of `rows` (fetched with limit + 1) and the cursor after it. */
export function pageOf<T>(rows: T[], limit: number, keyOf: (row: T) => readonly (string | number)[]) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}

/**
 * `limit` and `offset` for the small lists that keep their plain-array answer (organisations, users, API
 * tokens, assessments; issue #11 item 2): an offset, not a keyset, because these are sorted by human keys
 * (name, email, community), hold hundreds of rows rather than millions, and a row shifting by one between two
 * pages of an admin screen is harmless; the cap on `offset` bounds what one request can make the database
 * skip. The next page, when there is one, is in a `Link: <…>; rel="next"` header (RFC 8288), so the body's
 * shape is unchanged.
 */
export function offsetPageQuery(defaultLimit = 500, maxLimit = 1000) {
  return {
    limit: limitParam(defaultLimit, maxLimit),
    offset: z.coerce.number().int().min(0).max(100_000).default(0).openapi({
      type: 'integer',
      description: 'Items to skip (see the Link header rel="next"), at most 100000',
    }),
  };
}

/** The rows of one offset page (fetched with limit + 1) and the Link header for the next page, if any. */
export function offsetPageOf<T>(
  rows: T[],
  page: { limit: number; offset: number },
  url: string,
): { items: T[]; link: string | null } {
  if (rows.length <= page.limit) return { items: rows, link: null };
  const next = new URL(url);
  next.searchParams.set('limit', String(page.limit));
  next.searchParams.set('offset', String(page.offset + page.limit));
  return { items: rows.slice(0, page.limit), link: `<${next.pathname}${next.search}>; rel="next"` };
}

/** The Link header of a paged list, for the OpenAPI document. */
export const nextLinkHeader = z.object({
  Link: z
    .string()
    .optional()
    .openapi({ description: 'The next page, when there is one: `</api/…?limit=…&offset=…>; rel="next"`' }),
});
