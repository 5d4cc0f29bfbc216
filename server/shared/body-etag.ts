import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { isNotModified } from './http-cache.ts';

// Every GET answer of the API revalidated by the hash of its body (issue #15, B4 repeat visit): a warm cache
// gets 304s, not the catalogue and the scores again. Not hono/etag: it hashes a clone of the response
// (Response.clone() tees the body), and on Node 20 the original of a large answer then became unreadable
// ("Body has already been read") once another request had run before it was read: the clone, garbage, is
// finalised by undici. Our answers are built in memory anyway, so the body is read once here and re-sent.

/**
 * Headers a 304 keeps: those a 200 would have sent that describe caching (RFC 9110 §15.4.5), and a cookie the
 * read set or cleared (a stale session's), which must not be lost because the body had not changed.
 */
const KEPT_ON_304 = ['cache-control', 'content-location', 'date', 'etag', 'expires', 'vary', 'set-cookie'];

/**
 * Adds a weak ETag (the br and gzip forms of one body share it, so compress() runs outside this) to GET and
 * HEAD answers of 200 without one, and answers 304 when the client's copy is current. Routes with versioned
 * tags of their own (layers, tiles) keep theirs and their own 304s.
 */
export function bodyEtag(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const method = c.req.method;
    if ((method !== 'GET' && method !== 'HEAD') || c.res.status !== 200 || c.res.headers.has('ETag')) return;
    const body = new Uint8Array(await c.res.arrayBuffer());
    const tag = `W/"${createHash('sha1').update(body).digest('base64url')}"`;
    const headers = new Headers(c.res.headers);
    headers.set('ETag', tag);
    // c.res is replaced wholesale (c.res = … would merge the old headers back in).
    c.res = undefined;
    if (isNotModified(c.req.header('If-None-Match'), tag)) {
      const names: string[] = [];
      headers.forEach((_value, name) => names.push(name));
      for (const name of names) if (!KEPT_ON_304.includes(name)) headers.delete(name);
      c.res = new Response(null, { status: 304, headers });
    } else {
      c.res = new Response(body, { status: 200, headers });
    }
  };
}
