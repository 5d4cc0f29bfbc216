import { createRoute } from '@hono/zod-openapi';
import { createRouter } from '../../shared/openapi.ts';
import { SourceList } from './sources.schemas.ts';
import { listSources } from './sources.service.ts';

const route = createRoute({
  method: 'get',
  path: '/sources',
  tags: ['sources'],
  summary: 'Source datasets: licence, attribution, caveats and the pinned files imported',
  responses: {
    200: { description: 'Every source', content: { 'application/json': { schema: SourceList } } },
  },
});

export const sourcesRoutes = createRouter().openapi(route, async (c) =>
  c.json(await listSources(c.get('deps').db), 200),
);
