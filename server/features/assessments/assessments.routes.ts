import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, errorResponses, writeErrorResponses, writeSecurity } from '../../shared/openapi.ts';
import { nextLinkHeader, offsetPageOf } from '../../shared/pagination.ts';
import { writeContext } from '../auth/auth.middleware.ts';
import {
  AssessmentIdParam,
  AssessmentPatch,
  AssessmentsQuery,
  AssessmentView,
  AssessmentWritten,
  NewAssessment,
} from './assessments.schemas.ts';
import {
  createAssessment,
  deleteAssessment,
  listAssessments,
  updateAssessment,
} from './assessments.service.ts';

const tags = ['assessments'];
const record = (description: string) => ({
  description,
  content: { 'application/json': { schema: AssessmentWritten } },
});

const listRoute = createRoute({
  method: 'get',
  path: '/assessments',
  tags,
  summary:
    'Community-security assessments (not deleted), newest first per community; 500 a page, at most 1000',
  request: { query: AssessmentsQuery },
  responses: {
    200: {
      description: 'Assessments',
      content: { 'application/json': { schema: z.array(AssessmentView) } },
      headers: nextLinkHeader,
    },
    400: errorResponses[400],
  },
});

const createRouteDef = createRoute({
  method: 'post',
  path: '/assessments',
  tags,
  summary: "Enter a community's assessment: a 0–10 score per component (editor of the organisation, admin)",
  security: writeSecurity,
  request: { body: { content: { 'application/json': { schema: NewAssessment } }, required: true } },
  responses: { 201: record('Created'), ...writeErrorResponses },
});

const patchRoute = createRoute({
  method: 'patch',
  path: '/assessments/{id}',
  tags,
  summary: 'Correct an assessment (its organisation’s editors; imported ones: admins)',
  security: writeSecurity,
  request: {
    params: AssessmentIdParam,
    body: { content: { 'application/json': { schema: AssessmentPatch } }, required: true },
  },
  responses: { 200: record('Changed'), ...writeErrorResponses },
});

const deleteRoute = createRoute({
  method: 'delete',
  path: '/assessments/{id}',
  tags,
  summary: 'Delete an assessment: models stop using it, the row is kept with who and when',
  security: writeSecurity,
  request: { params: AssessmentIdParam },
  responses: { 204: { description: 'Deleted' }, ...writeErrorResponses },
});

export const assessmentsRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const { pcode, organisation, limit, offset } = c.req.valid('query');
    const page = { limit, offset };
    const rows = await listAssessments(c.get('deps').db, { pcode, organisation }, page);
    const { items, link } = offsetPageOf(rows, page, c.req.url);
    if (link) c.header('Link', link);
    return c.json(items, 200);
  })
  .openapi(createRouteDef, async (c) =>
    c.json(await createAssessment(c.get('deps').db, await writeContext(c), c.req.valid('json')), 201),
  )
  .openapi(patchRoute, async (c) =>
    c.json(
      await updateAssessment(
        c.get('deps').db,
        await writeContext(c),
        c.req.valid('param').id,
        c.req.valid('json'),
      ),
      200,
    ),
  )
  .openapi(deleteRoute, async (c) => {
    await deleteAssessment(c.get('deps').db, await writeContext(c), c.req.valid('param').id);
    return c.body(null, 204);
  });
