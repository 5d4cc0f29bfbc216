import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, writeErrorResponses, writeSecurity } from '../../shared/openapi.ts';
import { actorOf } from '../auth/actor.ts';
import { requirePrincipal, writeContext } from '../auth/auth.middleware.ts';
import { CreatedToken, NewToken, TokenIdParam, TokensQuery, TokenView } from './tokens.schemas.ts';
import { createToken, listTokens, revokeToken } from './tokens.service.ts';

const tags = ['tokens'];

const listRoute = createRoute({
  method: 'get',
  path: '/tokens',
  tags,
  summary: 'Your API tokens (never their secrets), revoked ones included',
  security: writeSecurity,
  request: { query: TokensQuery },
  responses: {
    200: { description: 'Newest first', content: { 'application/json': { schema: z.array(TokenView) } } },
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
  .openapi(listRoute, async (c) =>
    c.json(
      await listTokens(c.get('deps').db, actorOf(await requirePrincipal(c)), c.req.valid('query').userId),
      200,
    ),
  )
  .openapi(createRouteDef, async (c) =>
    c.json(await createToken(c.get('deps').db, await writeContext(c), c.req.valid('json').name), 201),
  )
  .openapi(revokeRoute, async (c) => {
    await revokeToken(c.get('deps').db, await writeContext(c), c.req.valid('param').id);
    return c.body(null, 204);
  });
