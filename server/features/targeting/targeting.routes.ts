import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Config } from '../../config.ts';
import { nowOf, type AppEnv } from '../../shared/app-env.ts';
import { commonErrorResponses, createRouter, ErrorBody, errorResponses } from '../../shared/openapi.ts';
import { IsoDate, Text } from '../../shared/schemas.ts';
import { exportFileName, toHxlCsv, type ExportColumn } from '../../shared/table-export.ts';
import { XLSX_CONTENT_TYPE, toXlsx } from '../../shared/xlsx-export.ts';
import type { ModelsServiceProvider } from '../models/models.service.ts';
import { findDataVersion } from '../../db/data-version.ts';
import { findSources } from '../sources/sources.repository.ts';
import { findUnitGeometries } from '../units/units.repository.ts';
import { computeGap } from './coverage.service.ts';
import { canonicalJson, SolveGate } from './solve-gate.ts';
import { TargetingRequest } from './targeting.schemas.ts';
import { createTargetingService } from './targeting.service.ts';

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
        'application/json': { schema: z.any() },
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

type Selected = Awaited<ReturnType<ReturnType<typeof createTargetingService>>>['selected'][number];

/** The shortlist's columns, shared by the CSV and XLSX exports so that both files say the same thing. */
const shortlistColumns: ExportColumn<Selected>[] = [
  { header: 'Hromada pcode', hxl: '#adm3+code', value: (r) => r.pcode },
  { header: 'Hromada (uk)', hxl: '#adm3+name+i_uk', value: (r) => r.nameUk },
  { header: 'Hromada (en)', hxl: '#adm3+name+i_en', value: (r) => r.nameEn },
  { header: 'Oblast pcode', hxl: '#adm1+code', value: (r) => r.oblastPcode },
  { header: 'Population 2022', hxl: '#population+total', value: (r) => r.population },
  { header: 'Priority', hxl: '#severity+num+priority', value: (r) => r.priority },
  { header: 'CPI', hxl: '#severity+num+cpi', value: (r) => r.cpi },
  { header: 'Needs', hxl: '#severity+num+needs', value: (r) => r.needs },
  { header: 'Cost', hxl: '#value+cost', value: (r) => r.cost },
  { header: 'Reason', hxl: '#description+reason', value: (r) => r.reason },
];

const coverageRoute = createRoute({
  method: 'get',
  path: '/coverage',
  tags: ['targeting'],
  summary: 'Coverage, gap = Needs × (1 − coverage) and priority π = CPI × Needs × (1 − coverage) per hromada',
  request: {
    query: z.object({
      sector: Text().max(200).optional(),
      // A real calendar day: 2024-02-30 was a 500 from the database (issue #11, item 4).
      asOf: IsoDate.optional(),
      cpiScenario: Text().max(200).optional(),
      needsScenario: Text().max(200).optional(),
    }),
  },
  responses: {
    200: { description: 'Per hromada', content: { 'application/json': { schema: z.any() } } },
    ...errorResponses,
  },
});

type TargetingResult = Awaited<ReturnType<ReturnType<typeof createTargetingService>>>;

export function createTargetingRoutes(provider: ModelsServiceProvider, limits: Config['targeting']) {
  let target: ReturnType<typeof createTargetingService> | undefined;
  const svc = (c: Context<AppEnv>) => provider(c.get('deps').db);
  // Issue #11 item 3: a bounded number of solves at once, and one solve per distinct request and data.
  const gate = new SolveGate<TargetingResult>(limits.concurrency, limits.queue);

  return createRouter()
    .openapi(coverageRoute, async (c) => {
      const q = c.req.valid('query');
      const gap = await computeGap(c.get('deps').db, svc(c), q);
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
    .openapi(targetingRoute, async (c) => {
      const body = c.req.valid('json');
      const { db } = c.get('deps');
      const solve = (target ??= createTargetingService(db, svc(c)));
      const dataVersion = await findDataVersion(db);
      // Without asOf the gap is measured today: the day is part of what the answer depends on.
      const day = body.asOf ?? nowOf(c.get('deps')).toISOString().slice(0, 10);
      const key = canonicalJson({ request: body, dataVersion, day });
      const result = await gate.run(key, () => solve(body));
      const { format } = c.req.valid('query');
      if (!format || format === 'json') return c.json(result, 200);
      const sources = (await findSources(c.get('deps').db)).map((s) => ({
        id: s.id,
        name: s.name,
        licence: s.licence,
        attribution: s.attribution,
      }));
      const stamp = {
        title: 'shortlist',
        model: {
          id: `targeting-${body.priority}`,
          version: `cpi ${result.model.cpi}, needs ${result.model.needs}`,
        },
        scenario: body.scenario ? { id: body.scenario, name: body.scenario } : null,
        asOf: result.asOf,
        generatedAt: new Date().toISOString(),
        dataVersion,
        sources,
      };
      if (format === 'geojson') {
        const wanted = new Set(result.selected.map((s) => s.pcode));
        const geometries = await findUnitGeometries(c.get('deps').db, { level: 'hromada' });
        const geometryOf = new Map(
          geometries.filter((g) => wanted.has(g.pcode)).map((g) => [g.pcode, g.geometry]),
        );
        c.header('Content-Disposition', `attachment; filename="${exportFileName(stamp, 'geojson')}"`);
        const collection = {
          type: 'FeatureCollection',
          metadata: { ...stamp, request: body, optimal: result.optimal, totalCost: result.totalCost },
          features: result.selected.map((s) => ({
            type: 'Feature',
            id: s.pcode,
            geometry: geometryOf.get(s.pcode) ?? null,
            properties: s,
          })),
        };
        return c.body(JSON.stringify(collection), 200, { 'Content-Type': 'application/geo+json' }) as never;
      }
      if (format === 'xlsx') {
        c.header('Content-Disposition', `attachment; filename="${exportFileName(stamp, 'xlsx')}"`);
        const xlsx = await toXlsx(shortlistColumns, result.selected, stamp);
        return c.body(new Uint8Array(xlsx), 200, { 'Content-Type': XLSX_CONTENT_TYPE }) as never;
      }
      c.header('Content-Disposition', `attachment; filename="${exportFileName(stamp, 'csv')}"`);
      const csv = toHxlCsv(shortlistColumns, result.selected, stamp);
      return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8' }) as never;
    });
}
