import { createRoute } from '@hono/zod-openapi';
import { deleteCookie, setCookie } from 'hono/cookie';
import { nowOf, type AppDeps } from '../../shared/app-env.ts';
import { AppError } from '../../shared/errors.ts';
import { createRouter, ErrorBody, writeErrorResponses, writeSecurity } from '../../shared/openapi.ts';
import { CSRF_COOKIE, originAllowed, principalOf, secureCookies, SESSION_COOKIE } from './auth.middleware.ts';
import { LoginBody, MeView, SessionView } from './auth.schemas.ts';
import { login, logout, meOf } from './auth.service.ts';
import { clientAddress } from '../../shared/client-address.ts';
import { RateLimiter } from '../../shared/rate-limiter.ts';

const tags = ['auth'];
const json = (schema: typeof ErrorBody) => ({ 'application/json': { schema } });

const loginRoute = createRoute({
  method: 'post',
  path: '/auth/login',
  tags,
  summary: 'Sign in: sets the httpOnly session cookie and the csrf cookie',
  request: { body: { content: { 'application/json': { schema: LoginBody } }, required: true } },
  responses: {
    200: { description: 'Signed in', content: { 'application/json': { schema: SessionView } } },
    400: writeErrorResponses[400],
    401: { description: 'Wrong email or password, or a disabled account', content: json(ErrorBody) },
    403: { description: 'From an Origin that is not this server (CSRF_FAILED)', content: json(ErrorBody) },
    429: {
      description:
        'Too many failed sign-ins from this client address, or for this email (a delay of seconds, never a ' +
        'lock); Retry-After says when to try again',
      content: json(ErrorBody),
    },
  },
});

const logoutRoute = createRoute({
  method: 'post',
  path: '/auth/logout',
  tags,
  summary: 'Sign out: ends the session and clears its cookies',
  security: writeSecurity,
  responses: {
    204: { description: 'Signed out (also when there was no session)' },
    403: writeErrorResponses[403],
  },
});

const meRoute = createRoute({
  method: 'get',
  path: '/auth/me',
  tags,
  summary: 'Who is signed in (user null when nobody), and whether reads need a login',
  responses: { 200: { description: 'The caller', content: { 'application/json': { schema: MeView } } } },
});

/**
 * Sign-in, sign-out, who am I (changing your own password: users.routes.ts). Sign-in is throttled per client
 * address twice: at most 30 attempts per 10 minutes (one client spraying many emails), and at most
 * ATLAS_LOGIN_ADDRESS_MAX_FAILURES failures per window, after which that address gets 429 with Retry-After. Per account, failures only delay
 * (auth.service.ts), so an attacker stops themselves, not the owner signing in from elsewhere (issue #11
 * item 3; OWASP Authentication Cheat Sheet, "Protect Against Automated Attacks"). In memory, per process.
 */
export function createAuthRoutes(deps: AppDeps) {
  const { db, config, logger } = deps;
  const settings = config.security;
  const attempts = new RateLimiter(30, 10 * 60_000);
  const failures = new RateLimiter(settings.login.addressMaxFailures, settings.login.windowMs);
  const refuse = (what: string, waitMs: number) => {
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    return new AppError(
      'TOO_MANY_REQUESTS',
      `${what} from this address: try again in ${seconds} s`,
      { retryAfterSeconds: seconds },
      seconds,
    );
  };
  return createRouter()
    .openapi(loginRoute, async (c) => {
      // No session yet, so no CSRF token: a foreign Origin is refused instead (login CSRF).
      const origin = c.req.header('Origin');
      if (origin !== undefined && !originAllowed(c, origin)) {
        throw new AppError('CSRF_FAILED', `sign-in from ${origin} is not allowed`);
      }
      const at = nowOf(deps);
      const address = clientAddress(c, settings.trustedProxies);
      const failedWait = failures.wait(address, at.getTime());
      if (failedWait > 0) throw refuse('too many failed sign-ins', failedWait);
      const wait = attempts.hit(address, at.getTime());
      if (wait > 0) throw refuse('too many sign-in attempts', wait);
      const { email, password } = c.req.valid('json');
      const session = await login(db, email, password, at, settings).catch((err: unknown) => {
        // Only failures count against the address; a success does not clear them (or an attacker could
        // reset their count by signing in to an account of their own between guesses).
        if (err instanceof AppError && err.code === 'UNAUTHORIZED') failures.hit(address, at.getTime());
        // Failed sign-ins are security events: logged with the email tried and the address, never the password.
        if (err instanceof AppError) {
          logger.warn('sign-in refused', {
            email,
            address,
            code: err.code,
            requestId: c.get('requestId'),
          });
        }
        throw err;
      });
      const cookie = {
        path: '/',
        sameSite: 'Strict',
        secure: secureCookies(c),
        expires: new Date(session.expiresAt),
      } as const;
      setCookie(c, SESSION_COOKIE, session.token, { ...cookie, httpOnly: true });
      setCookie(c, CSRF_COOKIE, session.csrfToken, cookie);
      return c.json(
        { user: await meOf(db, session.user), csrfToken: session.csrfToken, expiresAt: session.expiresAt },
        200,
      );
    })
    .openapi(logoutRoute, async (c) => {
      await logout(db, await principalOf(c));
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      deleteCookie(c, CSRF_COOKIE, { path: '/' });
      return c.body(null, 204);
    })
    .openapi(meRoute, async (c) => {
      const principal = await principalOf(c);
      return c.json(
        {
          user: principal ? await meOf(db, principal.user) : null,
          via: principal?.via ?? null,
          csrfToken: principal?.session?.csrfToken ?? null,
          readAccess: settings.readAccess,
        },
        200,
      );
    });
}
