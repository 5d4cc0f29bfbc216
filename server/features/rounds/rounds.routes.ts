import { createRoute } from '@hono/zod-openapi';
import { createRouter, errorResponses } from '../../shared/openapi.ts';
import { AssessedCommunities, ChangesQuery, RoundChanges } from './rounds.schemas.ts';
import { getAssessedCommunities, getRoundChanges } from './rounds.service.ts';

const tags = ['rounds'];

const changesRoute = createRoute({
  method: 'get',
  path: '/rounds/changes',
  tags,
  summary:
    'The change of a component per community between two rounds, with a 95 % interval and whether it excludes zero',
  request: { query: ChangesQuery },
  responses: {
    200: {
      description: 'Communities with a round by each date (two different rounds)',
      content: { 'application/json': { schema: RoundChanges } },
    },
    ...errorResponses,
  },
});

const communitiesRoute = createRoute({
  method: 'get',
  path: '/rounds/communities',
  tags,
  summary: 'The communities assessed: how many rounds, the latest one and by whom',
  responses: {
    200: {
      description: 'Every community with at least one assessment round',
      content: { 'application/json': { schema: AssessedCommunities } },
    },
    ...errorResponses,
  },
});

export const roundsRoutes = createRouter()
  .openapi(changesRoute, async (c) =>
    c.json(await getRoundChanges(c.get('deps').db, c.req.valid('query')), 200),
  )
  .openapi(communitiesRoute, async (c) => c.json(await getAssessedCommunities(c.get('deps').db), 200));
