import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env.ts';
import { AppError } from './errors.ts';

// Defence in depth for issue #11, item 4: PostgreSQL cannot store or compare a NUL character in text or jsonb
// (22021 "invalid byte sequence for encoding UTF8: 0x00", 22P05 "unsupported Unicode escape sequence";
// https://www.postgresql.org/docs/current/datatype-character.html), so a `%00` anywhere a string reaches a
// query was a 500. Each schema refuses control characters in its own text fields (server/shared/schemas.ts);
// this refuses a NUL in any parameter of any route, including one a future schema forgets, naming where it was.

const NUL = '\u0000';

/** Where a NUL is in a parsed JSON value (a key or a string), as a path like `sites.0.pcode`; null if none. */
export function findNul(value: unknown, path: string[] = []): string | null {
  if (typeof value === 'string') return value.includes(NUL) ? path.join('.') || '(body)' : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNul(value[i], [...path, String(i)]);
      if (found !== null) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key.includes(NUL)) return [...path, key.replaceAll(NUL, '\\0')].join('.');
      const found = findNul(v, [...path, key]);
      if (found !== null) return found;
    }
  }
  return null;
}

const refuse = (where: string) =>
  new AppError('BAD_REQUEST', `${where}: a NUL character (\\0, %00) is not allowed in text`);

/**
 * 400 for a NUL in the path, a query parameter or a JSON body. Cheap on the hot path: a GET without `%00` in
 * its URL costs one substring search.
 */
export function rejectNul(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const url = c.req.url;
    if (url.includes('%00')) {
      const { pathname, searchParams } = new URL(url);
      for (const [name, value] of searchParams) {
        if (name.includes(NUL) || value.includes(NUL))
          throw refuse(`query parameter ${name.replaceAll(NUL, '\\0')}`);
      }
      if (pathname.includes('%00')) throw refuse('path parameter');
    }
    if (
      c.req.method !== 'GET' &&
      c.req.method !== 'HEAD' &&
      /json/i.test(c.req.header('Content-Type') ?? '')
    ) {
      // Hono keeps the parsed body, so the route's validator does not parse it again. Malformed JSON is left
      // to that validator, which answers it as a 400 of its own.
      const body: unknown = await c.req.json().catch(() => undefined);
      const where = findNul(body);
      if (where !== null) throw refuse(`json parameter ${where}`);
    }
    await next();
  };
}
