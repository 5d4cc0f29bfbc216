import { createRoute } from '@hono/zod-openapi';
import { createRouter, errorResponses } from '../../shared/openapi.ts';
import { ProgrammeList, ProgrammesQuery } from './programmes.schemas.ts';
import { listProgrammes } from './programmes.service.ts';

const listRoute = createRoute({
  method: 'get',
  path: '/programmes',
  tags: ['programmes'],
  summary:
    'Aid programmes with their organisation, source and sites; filters combine, facets cover all programmes',
  request: { query: ProgrammesQuery },
  responses: {
    200: {
      description: 'The programmes that pass every filter',
      content: { 'application/json': { schema: ProgrammeList } },
    },
    400: errorResponses[400],
  },
});

export const programmesRoutes = createRouter().openapi(listRoute, async (c) =>
  c.json(await listProgrammes(c.get('deps').db, c.req.valid('query')), 200),
);
