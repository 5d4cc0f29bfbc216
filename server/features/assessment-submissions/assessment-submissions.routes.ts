import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../shared/app-env.ts';
import { uploadedBytes } from '../../shared/upload.ts';
import { createRouter, writeErrorResponses, writeSecurity } from '../../shared/openapi.ts';
import { writeContext } from '../auth/auth.middleware.ts';
import { runSubmissionImport } from './assessment-submissions.service.ts';
import { SubmissionImportResult, SubmissionUploadQuery } from './assessment-submissions.schemas.ts';

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
  });
