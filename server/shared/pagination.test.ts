import { describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import { decodeCursor, encodeCursor, pageOf } from './pagination.ts';

describe('cursors', () => {
  it('round-trip a keyset position, opaque and URL-safe', () => {
    const cursor = encodeCursor(['2025-01-01', 'a/b+c?', 42]);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, ['string', 'string', 'number'] as const)).toEqual([
      '2025-01-01',
      'a/b+c?',
      42,
    ]);
  });

  it('refuse anything that is not a cursor of this list with a 400 naming the parameter', () => {
    for (const bad of ['', 'not base64 at all!', encodeCursor(['x']), encodeCursor(['x', 'y']), 'bnVsbA']) {
      const err = (() => {
        try {
          decodeCursor(bad, ['string', 'number'] as const);
        } catch (e) {
          return e;
        }
      })();
      expect(err, bad).toBeInstanceOf(AppError);
      expect((err as AppError).message).toMatch(/^query parameter cursor/);
    }
  });

  it('pages: the items and a cursor only when more rows were found', () => {
    expect(pageOf([1, 2, 3], 2, (n) => [n])).toEqual({ items: [1, 2], nextCursor: encodeCursor([2]) });
    expect(pageOf([1, 2], 2, (n) => [n])).toEqual({ items: [1, 2], nextCursor: null });
  });
});
