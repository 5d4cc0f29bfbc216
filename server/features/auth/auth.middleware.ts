import type { Context, MiddlewareHandler, Next } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import type { Config } from '../../config.ts';
import { nowOf, type AppEnv } from '../../shared/app-env.ts';
import { AppError } from '../../shared/errors.ts';
import { requestBodyLimit } from '../../shared/security.ts';
import type { Principal } from '../../shared/principal.ts';
import { actorOf, type WriteContext } from './actor.ts';
import { authenticateSession, authenticateToken } from './auth.service.ts';
import { safeEqual } from './secrets.ts';

export const SESSION_COOKIE = 'atlas_session';
/** Readable by the page's script, which echoes it in the X-CSRF-Token header of every write. */
export const CSRF_COOKIE = 'atlas_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

// POSTs that change no data: computations (re-scoring, targeting) and saving a shareable scenario (an
// immutable weight set, like a paste). They are open to whoever may read; everything else that is not a GET
// needs a signed-in user (issue #6: every write needs a role).
const OPEN_UNSAFE = [
  /^\/api\/auth\/(login|logout)$/,
  /^\/api\/models\/[^/]+\/scores$/,
  /^\/api\/scenarios$/,
  /^\/api\/targeting$/,
];

/** Paths readable without signing in even when reads need a login: enough to find out how to sign in. */
function alwaysPublic(path: string): boolean {
  return (
    path === '/api/health' ||
    path === '/api/openapi.json' ||
    path === '/api/client-config' ||
    path === '/api/docs' ||
    path.startsWith('/api/docs/') ||
    path.startsWith('/api/auth/')
  );
}

/** Whether the browser's Origin is this server or one of the configured CORS origins. */
export function originAllowed(c: Context<AppEnv>, origin: string): boolean {
  const allowed = c.get('deps').config.security.corsOrigins ?? [];
  if (allowed.includes(origin)) return true;
  try {
    // Behind a reverse proxy the URL may be the internal one while Host is what the browser used.
    return new URL(origin).host === (c.req.header('Host') ?? new URL(c.req.url).host);
  } catch {
    return false;
  }
}

/**
 * Why a cookie-authenticated write is refused as a possible cross-site request forgery, or null. The page
 * proves it is ours by sending the session's CSRF token (from the non-httpOnly csrf cookie, which another
 * site cannot read) in X-CSRF-Token; a foreign Origin is refused outright (OWASP CSRF Prevention Cheat
 * Sheet: synchronizer token plus origin verification). SameSite=Strict cookies are a third line.
 */
function csrfProblem(c: Context<AppEnv>, principal: Principal): string | null {
  const origin = c.req.header('Origin');
  if (origin !== undefined && !originAllowed(c, origin)) return `requests from ${origin} are not allowed`;
  if (origin === undefined && c.req.header('Sec-Fetch-Site') === 'cross-site') {
    return 'cross-site requests are not allowed';
  }
  const sent = c.req.header(CSRF_HEADER);
  if (!sent) return `the ${CSRF_HEADER} header is missing (send the value of the ${CSRF_COOKIE} cookie)`;
  if (!principal.session || !safeEqual(sent, principal.session.csrfToken)) {
    return `the ${CSRF_HEADER} header does not match this session`;
  }
  return null;
}

/**
 * Who is calling: `Authorization: Bearer <API token>` (scripts), else the session cookie (the web client),
 * looked up at most once and only when asked (principalOf). A bad token is a 401 (a script should hear about
 * it); a stale cookie just means anonymous, and is cleared.
 */
function principalResolver(
  c: Context<AppEnv>,
  authorization: string | undefined,
): () => Promise<Principal | null> {
  let resolved: Promise<Principal | null> | undefined;
  return () =>
    (resolved ??= (async () => {
      const deps = c.get('deps');
      if (authorization !== undefined) {
        const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
        if (!match)
          throw new AppError('UNAUTHORIZED', 'the Authorization header must be "Bearer <API token>"');
        const principal = await authenticateToken(deps.db, match[1]!, nowOf(deps));
        if (!principal) {
          throw new AppError('UNAUTHORIZED', 'the API token is unknown or revoked, or its user is disabled');
        }
        return principal;
      }
      const cookie = getCookie(c, SESSION_COOKIE);
      if (!cookie) return null;
      const principal = await authenticateSession(deps.db, cookie, nowOf(deps));
      if (!principal) {
        deleteCookie(c, SESSION_COOKIE, { path: '/' });
        deleteCookie(c, CSRF_COOKIE, { path: '/' });
      }
      return principal;
    })());
}

/**
 * The one guard of the API and the tiles (issue #6), in the order it checks: body size (before anything
 * reads the body), who is calling, read access, write access. A token is always checked (a script should
 * hear about a bad one); a cookie when a write, the login-only read mode or a route (principalOf) needs it,
 * so the public reads of a signed-in browser (map tiles above all) cost no lookup. A write on a cookie
 * session must pass the CSRF check; token requests need none (a browser never adds them by itself).
 *
 * One middleware, not four stacked ones (issue #5, B2): a GET or HEAD with no Authorization header while
 * reads are public has nothing to check — no body to limit, no token, no login to require — and goes
 * straight on; four async dispatches and hono's bodyLimit (which builds the full Web Request to look for a
 * body) were most of the cost of a cached tile's 304.
 */
export function guard(config: Config): MiddlewareHandler<AppEnv> {
  const limit = requestBodyLimit(config);
  const loginOnly = config.security.readAccess === 'login';
  return (c, next) => {
    const authorization = c.req.header('Authorization');
    c.set('principal', principalResolver(c, authorization));
    const method = c.req.method;
    if ((method === 'GET' || method === 'HEAD') && authorization === undefined && !loginOnly) return next();
    return limit(c, () => check(c, next, authorization !== undefined, loginOnly));
  };
}

async function check(c: Context<AppEnv>, next: Next, hasToken: boolean, loginOnly: boolean): Promise<void> {
  const unsafe = !SAFE_METHODS.has(c.req.method);
  if (hasToken || unsafe || loginOnly) {
    const principal = await principalOf(c);
    if (principal?.via === 'session' && unsafe && c.req.path !== '/api/auth/login') {
      const problem = csrfProblem(c, principal);
      if (problem) throw new AppError('CSRF_FAILED', problem);
    }
  }
  // ATLAS_READ_ACCESS=login: everything but the sign-in essentials needs a signed-in user.
  if (loginOnly && !alwaysPublic(c.req.path) && !(await principalOf(c))) {
    throw new AppError('UNAUTHORIZED', 'sign in first: this atlas is readable by signed-in users only');
  }
  // Every write needs a signed-in user before it reaches its route, so a new write route is closed by default.
  if (unsafe && !OPEN_UNSAFE.some((r) => r.test(c.req.path)) && !(await principalOf(c))) {
    throw new AppError('UNAUTHORIZED', 'sign in (or send an API token) to change anything');
  }
  await next();
}

/** The caller, or null when anonymous. */
export function principalOf(c: Context<AppEnv>): Promise<Principal | null> {
  return c.get('principal')();
}

/** The caller, or 401. */
export async function requirePrincipal(c: Context<AppEnv>): Promise<Principal> {
  const principal = await principalOf(c);
  if (!principal) throw new AppError('UNAUTHORIZED', 'sign in (or send an API token) to do this');
  return principal;
}

/** Who, when and which request: what every write needs for its audit row. 401 when anonymous. */
export async function writeContext(c: Context<AppEnv>): Promise<WriteContext> {
  return {
    actor: actorOf(await requirePrincipal(c)),
    now: nowOf(c.get('deps')),
    requestId: c.get('requestId') ?? null,
  };
}

/** Whether cookies get `Secure`: configured, or (auto) when the request came over https. */
export function secureCookies(c: Context<AppEnv>): boolean {
  const setting = c.get('deps').config.security.cookieSecure;
  if (setting !== 'auto') return setting;
  const forwarded = c.req.header('X-Forwarded-Proto')?.split(',')[0]?.trim().toLowerCase();
  return forwarded === 'https' || new URL(c.req.url).protocol === 'https:';
}
