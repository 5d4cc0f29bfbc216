import { createRoute, z } from '@hono/zod-openapi';
import { uploadedBytes } from '../../shared/upload.ts';
import { createRouter, errorResponses, writeErrorResponses, writeSecurity } from '../../shared/openapi.ts';
import { writeContext } from '../auth/auth.middleware.ts';
import {
  addSites,
  createProgramme,
  deleteProgramme,
  removeSite,
  updateProgramme,
} from './programmes-edit.service.ts';
import { importProgrammeSheet } from './programmes-import.service.ts';
import {
  ImportQuery,
  ImportResult,
  NewProgramme,
  ProgrammeCodeParam,
  ProgrammeDetail,
  ProgrammeFilterQuery,
  ProgrammeList,
  ProgrammeSummary,
  PROGRAMME_PAGE,
  PROGRAMME_PAGE_BUDGET_BYTES,
  SITES_PER_PROGRAMME,
  ProgrammePatch,
  ProgrammeWritten,
  ProgrammesQuery,
  SitePcodeParams,
  SitesBody,
} from './programmes.schemas.ts';
import { getProgramme, listProgrammes, summariseProgrammes } from './programmes.service.ts';

const tags = ['programmes'];
const detail = (description: string) => ({
  description,
  content: { 'application/json': { schema: ProgrammeDetail } },
});
// A write answers the programme and what deserves a second look (issue #11 item 13).
const written = (description: string) => ({
  description,
  content: { 'application/json': { schema: ProgrammeWritten } },
});

const listRoute = createRoute({
  method: 'get',
  path: '/programmes',
  tags,
  summary:
    'Aid programmes with their organisation, source and sites, a page at a time; filters combine, facets ' +
    'cover all programmes',
  description:
    `At most \`limit\` programmes a page (${PROGRAMME_PAGE.defaultLimit} by default, at most ` +
    `${PROGRAMME_PAGE.maxLimit}), each with its first ${SITES_PER_PROGRAMME} sites and \`siteCount\`; ` +
    '`nextCursor` asks for the next page. A page stays under ' +
    `${PROGRAMME_PAGE_BUDGET_BYTES / 1024 / 1024} MiB of JSON. For figures over every programme, see ` +
    '/programmes/summary.',
  request: { query: ProgrammesQuery },
  responses: {
    200: {
      description: 'One page of the programmes that pass every filter',
      content: { 'application/json': { schema: ProgrammeList } },
    },
    400: errorResponses[400],
  },
});

const summaryRoute = createRoute({
  method: 'get',
  path: '/programmes/summary',
  tags,
  summary:
    'Counts, by sector and by oblast, per hromada and per dataset, over every programme that passes the filters',
  request: { query: ProgrammeFilterQuery },
  responses: {
    200: {
      description: 'Computed in the database; bounded by the number of hromadas, not of programmes',
      content: { 'application/json': { schema: ProgrammeSummary } },
    },
    400: errorResponses[400],
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/programmes/{code}',
  tags,
  summary: 'One programme with all its sites, and when it last changed and by whom',
  request: { params: ProgrammeCodeParam },
  responses: { 200: detail('The programme'), ...errorResponses },
});

const createRouteDef = createRoute({
  method: 'post',
  path: '/programmes',
  tags,
  summary: 'Create a programme (and optionally its sites) for one of your organisations (editor, admin)',
  security: writeSecurity,
  request: { body: { content: { 'application/json': { schema: NewProgramme } }, required: true } },
  responses: { 201: written('Created'), ...writeErrorResponses },
});

const patchRoute = createRoute({
  method: 'patch',
  path: '/programmes/{code}',
  tags,
  summary: "Change a programme's donor, sector, period, status, budget… (its organisation's editors, admins)",
  security: writeSecurity,
  request: {
    params: ProgrammeCodeParam,
    body: { content: { 'application/json': { schema: ProgrammePatch } }, required: true },
  },
  responses: { 200: written('Changed'), ...writeErrorResponses },
});

const deleteRoute = createRoute({
  method: 'delete',
  path: '/programmes/{code}',
  tags,
  summary: 'Delete a programme: gone from every read, kept in the database with who and when',
  security: writeSecurity,
  request: { params: ProgrammeCodeParam },
  responses: { 204: { description: 'Deleted' }, ...writeErrorResponses },
});

const addSitesRoute = createRoute({
  method: 'post',
  path: '/programmes/{code}/sites',
  tags,
  summary: 'Add sites by hromada pcode or KATOTTG; every bad one is reported with its index',
  security: writeSecurity,
  request: {
    params: ProgrammeCodeParam,
    body: { content: { 'application/json': { schema: SitesBody } }, required: true },
  },
  responses: { 200: written('The programme with its sites'), ...writeErrorResponses },
});

const removeSiteRoute = createRoute({
  method: 'delete',
  path: '/programmes/{code}/sites/{pcode}',
  tags,
  summary: "Remove a programme's sites at a hromada (kept as deleted rows)",
  security: writeSecurity,
  request: { params: SitePcodeParams },
  responses: { 204: { description: 'Removed' }, ...writeErrorResponses },
});

const importRoute = createRoute({
  method: 'post',
  path: '/programmes/import',
  tags,
  summary: 'Upload a 5W sheet with HXL hashtags: preview (writes nothing) or commit (all or nothing)',
  description:
    'The body is the CSV file (comma or semicolon; UTF-8 with or without BOM, UTF-16 with BOM, or Windows-1251, ' +
    'converted with a warning), read as `npm run import -- programmes` reads it. ' +
    'Preview answers 200 with the rows, every problem (row, field, message) and what each programme gains ' +
    'and loses. Commit answers 200 when written; 422 (or 403 when rows name organisations that are not ' +
    "yours) with every problem in `details.errors` otherwise. Editors can upload their organisations' rows only.",
  security: writeSecurity,
  request: {
    query: ImportQuery,
    body: {
      content: {
        'text/csv': { schema: z.string().openapi({ example: '#org,#sector,#adm3+code,#date+start' }) },
      },
      required: true,
    },
  },
  responses: {
    200: { description: 'Previewed or committed', content: { 'application/json': { schema: ImportResult } } },
    ...writeErrorResponses,
  },
});

export const programmesRoutes = createRouter()
  .openapi(listRoute, async (c) => c.json(await listProgrammes(c.get('deps').db, c.req.valid('query')), 200))
  // Before /programmes/{code}: "summary" is not a programme code.
  .openapi(summaryRoute, async (c) =>
    c.json(await summariseProgrammes(c.get('deps').db, c.req.valid('query')), 200),
  )
  // Before /programmes/{code}: "import" is not a programme code.
  .openapi(importRoute, async (c) => {
    const ctx = await writeContext(c);
    const bytes = await uploadedBytes(c, /^(text\/csv|text\/plain|application\/octet-stream)\b/i, 'text/csv');
    return c.json(await importProgrammeSheet(c.get('deps').db, ctx, bytes, c.req.valid('query')), 200);
  })
  .openapi(getRoute, async (c) =>
    c.json(await getProgramme(c.get('deps').db, c.req.valid('param').code), 200),
  )
  .openapi(createRouteDef, async (c) =>
    c.json(await createProgramme(c.get('deps').db, await writeContext(c), c.req.valid('json')), 201),
  )
  .openapi(patchRoute, async (c) =>
    c.json(
      await updateProgramme(
        c.get('deps').db,
        await writeContext(c),
        c.req.valid('param').code,
        c.req.valid('json'),
      ),
      200,
    ),
  )
  .openapi(deleteRoute, async (c) => {
    await deleteProgramme(c.get('deps').db, await writeContext(c), c.req.valid('param').code);
    return c.body(null, 204);
  })
  .openapi(addSitesRoute, async (c) =>
    c.json(
      await addSites(
        c.get('deps').db,
        await writeContext(c),
        c.req.valid('param').code,
        c.req.valid('json').sites,
      ),
      200,
    ),
  )
  .openapi(removeSiteRoute, async (c) => {
    const { code, pcode } = c.req.valid('param');
    await removeSite(c.get('deps').db, await writeContext(c), code, pcode);
    return c.body(null, 204);
  });
