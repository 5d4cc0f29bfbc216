import { z } from '@hono/zod-openapi';
import { ASSESSMENT_COMPONENTS } from '../../model/assessment-components.ts';
import { RESPONDENT_GROUPS, type RespondentGroup } from '../../model/instrument.ts';
import { NextCursor, pageQuery } from '../../shared/pagination.ts';
import { IdParam, Text } from '../../shared/schemas.ts';
import { REJECTION_CODES } from './submission-export.ts';

export const SubmissionUploadQuery = z.object({
  organisationId: IdParam().openapi({
    type: 'integer',
    description: 'The assessing organisation: its editors (or an admin) may upload its rounds',
  }),
  fileName: Text().trim().min(1).max(200).optional().openapi({ description: 'Recorded with the upload' }),
  minRespondents: z.coerce.number().int().min(2).max(1000).optional().openapi({
    description:
      'Below this many respondents a component is "insufficient" rather than a number (default 10)',
  }),
  targetMix: z
    .string()
    .regex(
      new RegExp(
        `^(${RESPONDENT_GROUPS.join('|')}):\\d*\\.?\\d+(,(${RESPONDENT_GROUPS.join('|')}):\\d*\\.?\\d+)*$`,
      ),
      `expected group:share pairs such as resident:0.6,idp:0.4 (groups: ${RESPONDENT_GROUPS.join(', ')})`,
    )
    .optional()
    .transform((v) =>
      v === undefined
        ? undefined
        : (Object.fromEntries(
            v.split(',').map((pair) => [pair.split(':')[0], Number(pair.split(':')[1])]),
          ) as Partial<Record<RespondentGroup, number>>),
    )
    .openapi({
      type: 'string',
      description:
        'Post-stratify each component to this mix of respondent groups (shares, normalised to sum 1), e.g. ' +
        '`resident:0.6,idp:0.4`; used where every named group has a respondent, else the plain mean',
    }),
});
export type SubmissionUploadQuery = z.infer<typeof SubmissionUploadQuery>;

const SubmissionRejection = z.object({
  row: z.number().int().openapi({ description: 'As a spreadsheet numbers it: the header is row 1' }),
  id: z.string().nullable().openapi({ description: 'The submission id, when the row has one' }),
  field: z.string().nullable().openapi({ description: 'The column, as in the file' }),
  code: z.enum(REJECTION_CODES).openapi({ description: 'The reason, as a code a client can translate' }),
  message: z.string().openapi({ description: 'The reason in English, with the value at fault' }),
});

const ComponentRoundScore = z
  .object({
    component: z.enum(ASSESSMENT_COMPONENTS),
    status: z.enum(['scored', 'insufficient']),
    n: z.number().int().openapi({ description: 'Respondents who answered at least one of its items' }),
    score: z.number().nullable().openapi({ description: '0–10; null when insufficient' }),
    low: z.number().nullable().openapi({ description: '95 % interval (percentile bootstrap), lower end' }),
    high: z.number().nullable(),
    weighting: z.enum(['unweighted', 'post-stratified']).nullable(),
  })
  .openapi('ComponentRoundScore');

const RoundOutcome = z.object({
  pcode: z.string(),
  roundDate: z.string(),
  respondents: z.number().int().openapi({ description: 'Stored and new submissions of the round together' }),
  newSubmissions: z.number().int(),
  action: z.enum(['create', 'update', 'none']).openapi({
    description: 'What happens to the hromada’s assessment on the round date (none: no component scored)',
  }),
  components: z.array(ComponentRoundScore),
});

export const SubmissionImportResult = z
  .object({
    mode: z.enum(['preview', 'commit']),
    committed: z.boolean(),
    format: z.enum(['kobo', 'odk-central']),
    rowsRead: z.number().int(),
    accepted: z.number().int().openapi({ description: 'New submissions imported (or to be imported)' }),
    duplicates: z.array(z.string()).openapi({ description: 'Submission ids already imported: skipped' }),
    rejected: z
      .array(SubmissionRejection)
      .openapi({ description: 'Every row not imported, with its reason' }),
    rounds: z.array(RoundOutcome),
    batchId: z.number().int().nullable().openapi({ description: 'The import batch of a commit' }),
  })
  .openapi('SubmissionImportResult');
export type SubmissionImportResult = z.infer<typeof SubmissionImportResult>;

// An organisation's field work (issue #13, section 7): its rounds, its uploads and each upload's rejected rows.

export const OrganisationWorkQuery = z.object({
  organisationId: IdParam().openapi({
    type: 'integer',
    description: 'The assessing organisation: its editors (or an admin) may read its rounds and uploads',
  }),
  ...pageQuery(),
});

export const FieldRound = z
  .object({
    pcode: z.string(),
    nameUk: z.string(),
    nameEn: z.string(),
    roundDate: z.string(),
    respondents: z.number().int().openapi({ description: 'Submissions stored for the round' }),
    formVersions: z.array(z.string()).openapi({ description: 'The form versions its submissions answered' }),
    assessmentId: z.number().int().nullable().openapi({
      description: 'The live assessment it wrote; null when no component had enough respondents',
    }),
    batchIds: z.array(z.number().int()).openapi({ description: 'The uploads (import batches) it came from' }),
  })
  .openapi('FieldRound');

export const FieldRoundList = z
  .object({ items: z.array(FieldRound), nextCursor: NextCursor })
  .openapi('FieldRoundList');

export const SubmissionUpload = z
  .object({
    batchId: z.number().int(),
    fileName: z.string(),
    at: z.string().openapi({ description: 'When it was committed (ISO 8601)' }),
    uploadedBy: z.string().nullable().openapi({ description: 'The name of the user (or "command line")' }),
    rowsRead: z.number().int(),
    accepted: z.number().int(),
    rejected: z.number().int(),
    status: z.enum(['succeeded', 'superseded']).openapi({
      description: 'superseded: the same file was uploaded again later (its submissions stay imported)',
    }),
  })
  .openapi('SubmissionUpload');

export const SubmissionUploadList = z
  .object({ items: z.array(SubmissionUpload), nextCursor: NextCursor })
  .openapi('SubmissionUploadList');

export const UploadIdParam = z.object({
  batchId: IdParam().openapi({ type: 'integer', param: { name: 'batchId', in: 'path' } }),
});

export const UploadRejectedQuery = z.object({ ...pageQuery(100, 1000) });

export const StoredRejection = z
  .object({
    row: z.number().int().openapi({ description: 'As a spreadsheet numbers it: the header is row 1' }),
    field: z.string().nullable(),
    code: z.enum(REJECTION_CODES),
    message: z.string().openapi({ description: 'The reason in English, with the submission id when known' }),
  })
  .openapi('StoredRejection');

export const StoredRejectionList = z
  .object({ items: z.array(StoredRejection), nextCursor: NextCursor })
  .openapi('StoredRejectionList');
export type FieldRoundList = z.infer<typeof FieldRoundList>;
export type SubmissionUploadList = z.infer<typeof SubmissionUploadList>;
export type StoredRejectionList = z.infer<typeof StoredRejectionList>;
