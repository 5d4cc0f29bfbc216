import { createRoute } from '@hono/zod-openapi';
import { createRouter, errorResponses } from '../../shared/openapi.ts';
import {
  IndicatorCatalogue,
  IndicatorParams,
  IndicatorValues,
  IndicatorValuesQuery,
} from './indicators.schemas.ts';
import { getIndicatorValues, listIndicators } from './indicators.service.ts';

const catalogueRoute = createRoute({
  method: 'get',
  path: '/indicators',
  tags: ['indicators'],
  summary: 'The indicator catalogue: definitions, sources, periods and coverage',
  responses: {
    200: { description: 'Every indicator', content: { 'application/json': { schema: IndicatorCatalogue } } },
  },
});

const valuesRoute = createRoute({
  method: 'get',
  path: '/indicators/{id}/values',
  tags: ['indicators'],
  summary: "One indicator's values for one period, by unit pcode",
  request: { params: IndicatorParams, query: IndicatorValuesQuery },
  responses: {
    200: { description: 'The values', content: { 'application/json': { schema: IndicatorValues } } },
    400: errorResponses[400],
    404: {
      description: 'No such indicator, or no values for the period (the message lists the periods there are)',
      content: errorResponses[404].content,
    },
  },
});

export const indicatorsRoutes = createRouter()
  .openapi(catalogueRoute, async (c) => c.json(await listIndicators(c.get('deps').db), 200))
  .openapi(valuesRoute, async (c) => {
    const { id } = c.req.valid('param');
    const query = c.req.valid('query');
    return c.json(await getIndicatorValues(c.get('deps').db, id, query), 200);
  });
