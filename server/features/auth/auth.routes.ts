import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { IncomingMessage } from 'node:http';
import { nowOf, type AppEnv } from '../../shared/app-env.ts';
import { AppError } from '../../shared/errors.ts';
import { createRouter, ErrorBody, writeErrorResponses, writeSecurity } from '../../shared/openapi.ts';
import { findLiveOrganisations } from '../organisations/organisations.repository.ts';
import { setOwnPassword } from '../users/users.service.ts';
import type { AuthUser } from './actor.ts';
import {
  CSRF_COOKIE,
  originAllowed,
  principalOf,
  requirePrincipal,
  secureCookies,
  SESSION_COOKIE,
  writeContext,
} from './auth.middleware.ts';
import { LoginBody, MeView, PasswordChange, SessionView, type Me } from './auth.schemas.ts';
import { checkCredentials, login, logout } from './auth.service.ts';
import type { RateLimiter } from './rate-limiter.ts';

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
        'Too many failed sign-ins for this email (locked out), or too many attempts from this client',
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

const passwordRoute = createRoute({
  method: 'post',
  path: '/auth/password',
  tags,
  summary: 'Change your own password; your other sessions end',
  security: writeSecurity,
  request: { body: { content: { 'application/json': { schema: PasswordChange } }, required: true } },
  responses: {
    204: { description: 'Changed' },
    ...writeErrorResponses,
    429: { description: 'Locked out after too many wrong passwords', content: json(ErrorBody) },
  },
});

/** The socket's address (behind a proxy: the proxy's, which makes the limit a global brake, as intended). */
function clientAddress(c: Context<AppEnv>): string {
  return (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket?.remoteAddress ?? 'unknown';
}

async function meOf(c: Context<AppEnv>, user: AuthUser): Promise<Me> {
  const organisations = await findLiveOrganisations(c.get('deps').db, [...user.organisationIds]);
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    organisations: organisations.map((o) => ({ id: o.id, name: o.name })).sort((a, b) => a.id - b.id),
  };
}

/** Sign-in, sign-out, who am I, change password; `limiter` caps sign-in attempts per client address. */
export function createAuthRoutes(limiter: RateLimiter) {
  return createRouter()
    .openapi(loginRoute, async (c) => {
      const { db, config } = c.get('deps');
      // No session yet, so no CSRF token: a foreign Origin is refused instead (login CSRF).
      const origin = c.req.header('Origin');
      if (origin !== undefined && !originAllowed(c, origin)) {
        throw new AppError('CSRF_FAILED', `sign-in from ${origin} is not allowed`);
      }
      const at = nowOf(c.get('deps'));
      const wait = limiter.hit(clientAddress(c), at.getTime());
      if (wait > 0) {
        throw new AppError(
          'TOO_MANY_REQUESTS',
          `too many sign-in attempts from this address: try again in ${Math.ceil(wait / 1000)} s`,
        );
      }
      const { email, password } = c.req.valid('json');
      const session = await login(db, email, password, at, config.security).catch((err: unknown) => {
        // Failed sign-ins are security events: logged with the email tried, never the password.
        if (err instanceof AppError) {
          c.get('deps').logger.warn('sign-in refused', {
            email,
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
        { user: await meOf(c, session.user), csrfToken: session.csrfToken, expiresAt: session.expiresAt },
        200,
      );
    })
    .openapi(logoutRoute, async (c) => {
      await logout(c.get('deps').db, await principalOf(c));
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      deleteCookie(c, CSRF_COOKIE, { path: '/' });
      return c.body(null, 204);
    })
    .openapi(meRoute, async (c) => {
      const principal = await principalOf(c);
      return c.json(
        {
          user: principal ? await meOf(c, principal.user) : null,
          via: principal?.via ?? null,
          csrfToken: principal?.session?.csrfToken ?? null,
          readAccess: c.get('deps').config.security.readAccess,
        },
        200,
      );
    })
    .openapi(passwordRoute, async (c) => {
      const principal = await requirePrincipal(c);
      const { db, config } = c.get('deps');
      const ctx = await writeContext(c);
      const body = c.req.valid('json');
      // The current password is checked like a sign-in (and counts towards the lockout): a stolen session
      // alone cannot take the account over.
      await checkCredentials(db, principal.user.email, body.currentPassword, ctx.now, config.security).catch(
        (err: unknown) => {
          if (err instanceof AppError && err.code === 'UNAUTHORIZED') {
            throw new AppError('FORBIDDEN', 'the current password is wrong');
          }
          throw err;
        },
      );
      await setOwnPassword(db, ctx, body.newPassword, principal.session?.id);
      return c.body(null, 204);
    });
}
