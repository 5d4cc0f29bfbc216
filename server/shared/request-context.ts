import type { Context, MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode, StatusCode } from 'hono/utils/http-status';
import type { AppDeps, AppEnv } from './app-env.ts';
import { securityHeaders, securityHeadersFor, type SecurityHeaderSets } from './security.ts';

// What every request gets and every response carries, in one middleware (issue #5, B2): the deps, a request
// id (X-Request-Id) and the security headers (issue #6). It replaces hono's requestId() and secureHeaders()
// plus a deps setter: three async dispatches and a Headers object filled and read back for every response,
// which on a cached tile's 304 cost more than the answer itself.

const HEADER = 'X-Request-Id';

/** Per request: the precomputed security headers, and the response that respond() built with them. */
export interface Envelope {
  readonly security: SecurityHeaderSets;
  sent: Response | undefined;
}

/**
 * The caller's X-Request-Id when it is a sane token (a proxy's id keeps its logs joined up), else a new UUID:
 * the rule of hono's requestId() (at most 255 characters of [A-Za-z0-9_=-]).
 */
export function requestIdFrom(header: string | undefined): string {
  return header && header.length <= 255 && !/[^\w\-=]/.test(header) ? header : crypto.randomUUID();
}

export function requestContext(deps: AppDeps): MiddlewareHandler<AppEnv> {
  const security = securityHeaders(deps.config);
  return async (c, next) => {
    const id = requestIdFrom(c.req.header(HEADER));
    const envelope: Envelope = { security, sent: undefined };
    c.set('deps', deps);
    c.set('requestId', id);
    c.set('envelope', envelope);
    await next();
    const res = c.res;
    if (res === envelope.sent) return;
    // Any other response (JSON, errors, 404s, static files, Swagger UI): added after the handler, and a
    // header the handler set itself wins — Swagger UI's page sends its own CSP with a nonce. The set by what
    // the answer is (security.ts): pages and scripts all of them, data the few that matter for data.
    const headers = res.headers;
    if (!headers.has(HEADER)) headers.set(HEADER, id);
    const set = securityHeadersFor(security, headers.get('Content-Type'));
    for (const name in set) if (!headers.has(name)) headers.set(name, set[name]!);
  };
}

/**
 * A response with the envelope's headers already in, from plain header objects: @hono/node-server writes
 * such a response's headers as they are, where c.body() with several headers builds a Headers object that
 * is then copied out again. For the hot cached paths (tiles, layers); outside the app (no envelope, as in
 * a test app without the middleware) it is c.body(). Like any `new Response`, it does not carry headers set
 * before with c.header(): pass them in `headers`.
 */
export function respond(
  c: Context<AppEnv>,
  body: Uint8Array<ArrayBuffer> | null,
  status: StatusCode,
  headers: Record<string, string>,
  /** The media type of what is answered, when `headers` has none (a 304 says what its 200 would). */
  contentType: string | undefined = headers['Content-Type'],
): Response {
  const envelope = c.get('envelope');
  if (envelope === undefined) {
    return body === null
      ? c.body(null, status, headers)
      : c.body(body, status as ContentfulStatusCode, headers);
  }
  const all = {
    'X-Request-Id': c.get('requestId'),
    ...securityHeadersFor(envelope.security, contentType),
    ...headers,
  };
  const res = new Response(body, { status, headers: all });
  envelope.sent = res;
  return res;
}
