import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, writeErrorResponses, writeSecurity } from '../../shared/openapi.ts';
import { nextLinkHeader, offsetPageOf } from '../../shared/pagination.ts';
import { actorOf } from '../auth/actor.ts';
import { requirePrincipal, writeContext } from '../auth/auth.middleware.ts';
import { CreatedToken, NewToken, TokenIdParam, TokensQuery, TokenView } from './tokens.schemas.ts';
import { createToken, listTokens, revokeToken } from './tokens.service.ts';

const tags = ['tokens'];

const listRoute = createRoute({
  method: 'get',
  path: '/tokens',
  tags,
  summary: 'Your API tokens (never their secrets), revoked ones included; 500 a page, at most 1000',
  security: writeSecurity,
  request: { query: TokensQuery },
  responses: {
    200: {
      description: 'Newest first',
      content: { 'application/json': { schema: z.array(TokenView) } },
      headers: nextLinkHeader,
    },
    400: writeErrorResponses[400],
    401: writeErrorResponses[401],
    403: writeErrorResponses[403],
  },
});

const createRouteDef = createRoute({
  method: 'post',
  path: '/tokens',
  tags,
  summary: 'Create an API token for scripts, with your rights; its secret is shown once',
  security: writeSecurity,
  request: { body: { content: { 'application/json': { schema: NewToken } }, required: true } },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: CreatedToken } } },
    ...writeErrorResponses,
  },
});

const revokeRoute = createRoute({
  method: 'delete',
  path: '/tokens/{id}',
  tags,
  summary: 'Revoke an API token (yours, or any as an admin): it stops working at once',
  security: writeSecurity,
  request: { params: TokenIdParam },
  responses: { 204: { description: 'Revoked' }, ...writeErrorResponses },
});

export const tokensRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const { userId, limit, offset } = c.req.valid('query');
    const page = { limit, offset };
    const actor = actorOf(await requirePrincipal(c));
    const { items, link } = offsetPageOf(
      await listTokens(c.get('deps').db, actor, userId, page),
      page,
      c.req.url,
    );
    if (link) c.header('Link', link);
    return c.json(items, 200);
  })
  .openapi(createRouteDef, async (c) =>
    c.json(await createToken(c.get('deps').db, await writeContext(c), c.req.valid('json').name), 201),
  )
  .openapi(revokeRoute, async (c) => {
    await revokeToken(c.get('deps').db, await writeContext(c), c.req.valid('param').id);
    return c.body(null, 204);
  });
