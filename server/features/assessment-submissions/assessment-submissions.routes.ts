import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../shared/app-env.ts';
import { uploadedBytes } from '../../shared/upload.ts';
import { createRouter, errorResponses, writeErrorResponses, writeSecurity } from '../../shared/openapi.ts';
import { actorOf } from '../auth/actor.ts';
import { requirePrincipal, writeContext } from '../auth/auth.middleware.ts';
import {
  listOrganisationRounds,
  listOrganisationUploads,
  listUploadRejections,
  runSubmissionImport,
} from './assessment-submissions.service.ts';
import {
  FieldRoundList,
  OrganisationWorkQuery,
  StoredRejectionList,
  SubmissionImportResult,
  SubmissionUploadList,
  SubmissionUploadQuery,
  UploadIdParam,
  UploadRejectedQuery,
} from './assessment-submissions.schemas.ts';

const tags = ['assessments'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const body = {
  content: {
    'text/csv': { schema: z.string().openapi({ example: 'consent;assessment/round_date;…;_uuid' }) },
    [XLSX]: { schema: z.string().openapi({ format: 'binary' }) },
  },
  required: true,
};
const description =
  'The body is a submission export of the instrument (GET /api/instrument/xlsform or /xform): KoboToolbox CSV ' +
  '(`;` or `,`, XML names or Ukrainian/English labels, with or without group paths) or XLSX, or ODK Central CSV. Rows that cannot be ' +
  'imported are answered (and, on commit, kept) with their reason: unknown hromada, out-of-range answer, no ' +
  'or missing consent (answers dropped), unknown form id or version, duplicate id in the file, not approved ' +
  'in KoboToolbox. Submissions already imported are skipped, so a re-upload is idempotent. Per hromada and ' +
  'round, each component gets a 0–10 score with its number of respondents and a 95 % interval, or ' +
  '"insufficient" below the minimum. Editors of the organisation (or an admin) only.';

const route = (path: string, summary: string) =>
  createRoute({
    method: 'post',
    path,
    tags,
    summary,
    description,
    security: writeSecurity,
    request: { query: SubmissionUploadQuery, body },
    responses: {
      200: {
        description: 'Read (and written)',
        content: { 'application/json': { schema: SubmissionImportResult } },
      },
      ...writeErrorResponses,
    },
  });

const previewRoute = route(
  '/assessment-submissions/preview',
  'Preview a submission export: counts, rejected rows and the scores it would write (changes nothing)',
);
const commitRoute = route(
  '/assessment-submissions',
  "Import a submission export: the submissions, their rejected rows and each round's assessment, in one transaction",
);

const readResponses = {
  ...errorResponses,
  401: writeErrorResponses[401],
  403: writeErrorResponses[403],
};
const roundsRoute = createRoute({
  method: 'get',
  path: '/assessment-submissions/rounds',
  tags,
  summary:
    "An organisation's field rounds (hromada, round date, respondents, form versions, assessment, uploads), " +
    'newest first; 50 a page, at most 200. Its editors and admins',
  security: writeSecurity,
  request: { query: OrganisationWorkQuery },
  responses: {
    200: { description: 'A page', content: { 'application/json': { schema: FieldRoundList } } },
    ...readResponses,
  },
});
const uploadsRoute = createRoute({
  method: 'get',
  path: '/assessment-submissions/uploads',
  tags,
  summary:
    "An organisation's committed submission uploads (file, when, by whom, accepted and rejected rows), newest " +
    'first; 50 a page, at most 200. Its editors and admins',
  security: writeSecurity,
  request: { query: OrganisationWorkQuery },
  responses: {
    200: { description: 'A page', content: { 'application/json': { schema: SubmissionUploadList } } },
    ...readResponses,
  },
});
const rejectedRoute = createRoute({
  method: 'get',
  path: '/assessment-submissions/uploads/{batchId}/rejected',
  tags,
  summary:
    'The rejected rows of an upload (row, column, reason), in file order; 100 a page, at most 1000. Editors of ' +
    'its organisation and admins',
  security: writeSecurity,
  request: { query: UploadRejectedQuery, params: UploadIdParam },
  responses: {
    200: { description: 'A page', content: { 'application/json': { schema: StoredRejectionList } } },
    ...readResponses,
  },
});

const ACCEPTED =
  /^(text\/csv|text\/plain|application\/octet-stream|application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet)\b/i;
const bytesOf = (c: Context<AppEnv>) => uploadedBytes(c, ACCEPTED, 'text/csv or .xlsx');

export const assessmentSubmissionsRoutes = createRouter()
  .openapi(previewRoute, async (c) => {
    const ctx = await writeContext(c);
    const bytes = await bytesOf(c);
    const { result } = await runSubmissionImport(c.get('deps').db, ctx, bytes, {
      mode: 'preview',
      ...c.req.valid('query'),
    });
    return c.json(result, 200);
  })
  .openapi(commitRoute, async (c) => {
    const ctx = await writeContext(c);
    const bytes = await bytesOf(c);
    const { result } = await runSubmissionImport(c.get('deps').db, ctx, bytes, {
      mode: 'commit',
      ...c.req.valid('query'),
    });
    return c.json(result, 200);
  })
  .openapi(roundsRoute, async (c) =>
    c.json(
      await listOrganisationRounds(
        c.get('deps').db,
        actorOf(await requirePrincipal(c)),
        c.req.valid('query'),
      ),
      200,
    ),
  )
  .openapi(uploadsRoute, async (c) =>
    c.json(
      await listOrganisationUploads(
        c.get('deps').db,
        actorOf(await requirePrincipal(c)),
        c.req.valid('query'),
      ),
      200,
    ),
  )
  .openapi(rejectedRoute, async (c) =>
    c.json(
      await listUploadRejections(c.get('deps').db, actorOf(await requirePrincipal(c)), {
        ...c.req.valid('query'),
        ...c.req.valid('param'),
      }),
      200,
    ),
  );
