import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '../../shared/errors.ts';
import { createRouter, ErrorBody, writeErrorResponses, writeSecurity } from '../../shared/openapi.ts';
import { nextLinkHeader, offsetPageOf, offsetPageQuery } from '../../shared/pagination.ts';
import { requirePrincipal, writeContext } from '../auth/auth.middleware.ts';
import { PasswordChange } from '../auth/auth.schemas.ts';
import { checkCredentials } from '../auth/auth.service.ts';
import { NewUser, UserIdParam, UserPatch, UserView } from './users.schemas.ts';
import { createUser, listUsers, setOwnPassword, updateUserAccount } from './users.service.ts';

const tags = ['users'];

// POST /auth/password lives here, not in auth.routes.ts: it changes a user account (setOwnPassword), and users
// builds on auth, never the other way round (issue #12: no auth ↔ users circle). Registered first, so that the
// OpenAPI document lists it right after the other /auth routes, as before.
const passwordRoute = createRoute({
  method: 'post',
  path: '/auth/password',
  tags: ['auth'],
  summary: 'Change your own password; your other sessions end',
  security: writeSecurity,
  request: { body: { content: { 'application/json': { schema: PasswordChange } }, required: true } },
  responses: {
    204: { description: 'Changed' },
    ...writeErrorResponses,
    429: {
      description: 'Too many wrong passwords: wait Retry-After seconds',
      content: { 'application/json': { schema: ErrorBody } },
    },
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/users',
  tags,
  summary: 'Every user with role and organisations (admin); 500 a page, at most 1000',
  security: writeSecurity,
  request: { query: z.object(offsetPageQuery()) },
  responses: {
    200: {
      description: 'By email',
      content: { 'application/json': { schema: z.array(UserView) } },
      headers: nextLinkHeader,
    },
    400: writeErrorResponses[400],
    401: writeErrorResponses[401],
    403: writeErrorResponses[403],
  },
});

const createRouteDef = createRoute({
  method: 'post',
  path: '/users',
  tags,
  summary: 'Create a user with an initial password (admin)',
  security: writeSecurity,
  request: { body: { content: { 'application/json': { schema: NewUser } }, required: true } },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: UserView } } },
    ...writeErrorResponses,
  },
});

const patchRoute = createRoute({
  method: 'patch',
  path: '/users/{id}',
  tags,
  summary: 'Change role, organisations or name; disable or re-enable; set a new password (admin)',
  security: writeSecurity,
  request: {
    params: UserIdParam,
    body: { content: { 'application/json': { schema: UserPatch } }, required: true },
  },
  responses: {
    200: { description: 'Changed', content: { 'application/json': { schema: UserView } } },
    ...writeErrorResponses,
  },
});

export const usersRoutes = createRouter()
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
  })
  .openapi(listRoute, async (c) => {
    const page = c.req.valid('query');
    const rows = await listUsers(c.get('deps').db, await writeContext(c), page);
    const { items, link } = offsetPageOf(rows, page, c.req.url);
    if (link) c.header('Link', link);
    return c.json(items, 200);
  })
  .openapi(createRouteDef, async (c) =>
    c.json(await createUser(c.get('deps').db, await writeContext(c), c.req.valid('json')), 201),
  )
  .openapi(patchRoute, async (c) =>
    c.json(
      await updateUserAccount(
        c.get('deps').db,
        await writeContext(c),
        c.req.valid('param').id,
        c.req.valid('json'),
      ),
      200,
    ),
  );
