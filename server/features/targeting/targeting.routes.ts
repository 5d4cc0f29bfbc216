import { createRoute, z } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { commonErrorResponses, createRouter, ErrorBody, errorResponses } from '../../shared/openapi.ts';
import { sendExport } from '../../shared/table-export/send-export.ts';
import { XLSX_CONTENT_TYPE } from '../../shared/table-export/xlsx.ts';
import type { ModelsService } from '../models/models.service.ts';
import { computeGap } from './coverage.service.ts';
import type { ShortlistService } from './shortlist.service.ts';
import { coverage3w, exportCoverage } from './coverage-export.service.ts';
import {
  Coverage3w,
  CoverageQuery,
  CoverageResponse,
  TargetingRequest,
  TargetingResult,
} from './targeting.schemas.ts';

const targetingRoute = createRoute({
  method: 'post',
  path: '/targeting',
  tags: ['targeting'],
  summary:
    'The exact optimal shortlist under a budget (HiGHS), with filters, quotas and a reason per community',
  request: {
    query: z.object({ format: z.enum(['json', 'csv', 'xlsx', 'geojson']).optional() }),
    body: { content: { 'application/json': { schema: TargetingRequest } } },
  },
  responses: {
    200: {
      description: 'The selection (or why none is feasible)',
      content: {
        'application/json': { schema: TargetingResult },
        'text/csv': { schema: z.string() },
        [XLSX_CONTENT_TYPE]: { schema: z.string().openapi({ format: 'binary' }) },
        'application/geo+json': { schema: z.any() },
      },
    },
    ...errorResponses,
    ...commonErrorResponses,
    422: {
      description: 'No community passes the filters; the message says how many each filter left out',
      content: { 'application/json': { schema: ErrorBody } },
    },
    429: {
      description: 'Too many computations from this address (ATLAS_RATE_COMPUTE): wait Retry-After seconds',
      content: { 'application/json': { schema: ErrorBody } },
    },
    503: {
      description:
        'The solver is busy (ATLAS_TARGETING_CONCURRENCY solves running, ATLAS_TARGETING_QUEUE waiting): ' +
        'wait Retry-After seconds',
      content: { 'application/json': { schema: ErrorBody } },
    },
  },
});

const coverageRoute = createRoute({
  method: 'get',
  path: '/coverage',
  tags: ['targeting'],
  summary: 'Coverage, gap = Needs × (1 − coverage) and priority π = CPI × Needs × (1 − coverage) per hromada',
  description:
    'With `format` (csv, xlsx with an HXL row; geojson), one of the tables as a stamped file (issue #14, ' +
    'item 7): `table=gap` (hromadas with no programme active on `asOf` in `sector`, neediest first), `sites`, ' +
    '`programmes` or `pivot` (organisation × sector × oblast); the programme filters apply to the last three.',
  request: { query: CoverageQuery },
  responses: {
    200: {
      description: 'Per hromada; or the chosen table as a file',
      content: {
        'application/json': { schema: CoverageResponse },
        'text/csv': { schema: z.string() },
        [XLSX_CONTENT_TYPE]: { schema: z.string().openapi({ format: 'binary' }) },
        'application/geo+json': { schema: z.any() },
      },
    },
    ...errorResponses,
  },
});

const coverage3wRoute = createRoute({
  method: 'get',
  path: '/coverage/3w',
  tags: ['targeting'],
  summary:
    'The OCHA 3W pivot (organisation × sector × oblast), people-reached totals and programme activity per month',
  request: { query: CoverageQuery },
  responses: {
    200: {
      description: 'Over the sites of the filtered programmes',
      content: { 'application/json': { schema: Coverage3w } },
    },
    ...errorResponses,
  },
});

/** The targeting feature over the app's models service and its solve gate, both made once by createApp. */
export function createTargetingRoutes(db: Kysely<DB>, models: ModelsService, shortlists: ShortlistService) {
  return createRouter()
    .openapi(coverageRoute, async (c) => {
      const q = c.req.valid('query');
      if (q.format && q.format !== 'json')
        return sendExport(c, await exportCoverage(db, models, q, q.format));
      const gap = await computeGap(db, models, q);
      return c.json(
        {
          asOf: gap.asOf,
          sector: gap.sector,
          models: { cpi: gap.cpi.model.version, needs: gap.needs.model.version },
          coverageBasis: 'presence',
          units: gap.rows,
        },
        200,
      );
    })
    .openapi(coverage3wRoute, async (c) => {
      const q = c.req.valid('query');
      return c.json(await coverage3w(db, q, new Date().toISOString().slice(0, 10)), 200);
    })
    .openapi(targetingRoute, async (c) => {
      const shortlist = await shortlists.shortlist(c.req.valid('json'));
      const { format } = c.req.valid('query');
      if (!format || format === 'json') return c.json(shortlist.result, 200);
      return sendExport(c, await shortlists.exportShortlist(shortlist, format));
    });
}
