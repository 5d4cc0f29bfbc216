import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, writeErrorResponses, writeSecurity } from '../../shared/openapi.ts';
import { nextLinkHeader, offsetPageOf, offsetPageQuery } from '../../shared/pagination.ts';
import { writeContext } from '../auth/auth.middleware.ts';
import { NewUser, UserIdParam, UserPatch, UserView } from './users.schemas.ts';
import { createUser, listUsers, updateUserAccount } from './users.service.ts';

const tags = ['users'];

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
