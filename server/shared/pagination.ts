import { z } from '@hono/zod-openapi';
import { AppError } from './errors.ts';

// Pages of a list (issue #11 item 2): every list endpoint answers at most `limit` items and a `nextCursor`
// for the rest. The cursor is a keyset position (the sort key of the last item sent), not an offset: a page
// costs the same however deep it is, and rows added or removed meanwhile neither repeat nor skip an item that
// was there all along (PostgreSQL docs, "LIMIT and OFFSET": rows skipped by OFFSET are still computed).
// It is opaque to clients: base64url of a JSON array, checked when it comes back.

/** The documented bounds of every paginated list. */
export const PAGE = { defaultLimit: 50, maxLimit: 200 } as const;

/** `limit` and `cursor` query parameters, with the list's own default and maximum. */
export function pageQuery(defaultLimit: number = PAGE.defaultLimit, maxLimit: number = PAGE.maxLimit) {
  return {
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(maxLimit)
      .default(defaultLimit)
      .openapi({
        type: 'integer',
        description: `Items per page: ${defaultLimit} by default, at most ${maxLimit}`,
      }),
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
): { [I in keyof K]: K[I] extends 'number' ? number : string } {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = null;
  }
  const ok =
    Array.isArray(key) &&
    key.length === kinds.length &&
    key.every((v, i) =>
      kinds[i] === 'number'
        ? Number.isSafeInteger(v)
        : typeof v === 'string' && v.length <= 300 && !v.includes('\0'),
    );
  if (!ok) throw new AppError('BAD_REQUEST', 'query parameter cursor: not a cursor of this list');
  return key as never;
}

/** The page of `rows` (fetched with limit + 1) and the cursor after it. */
export function pageOf<T>(rows: T[], limit: number, keyOf: (row: T) => readonly (string | number)[]) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}
