import { z } from '@hono/zod-openapi';
import { ASSESSMENT_COMPONENTS } from '../../model/assessment-components.ts';
import { RESPONDENT_GROUPS, type RespondentGroup } from '../../model/instrument.ts';
import { IdParam, Text } from '../../shared/schemas.ts';

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
  message: z.string(),
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
