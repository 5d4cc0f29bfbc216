import { z } from '@hono/zod-openapi';
import { offsetPageQuery } from '../../shared/pagination.ts';
import { ASSESSMENT_COMPONENTS, type AssessmentComponent } from '../../model/assessment-components.ts';
import { EnteredDate, WriteWarning } from '../programmes/programmes.schemas.ts';
import { IdParam, IdValue, Text } from '../../shared/schemas.ts';

const Score = z.number().min(0).max(10).nullable();

/** One 0–10 score per component of the community-security methodology (issue #3); higher = stronger. */
export const Scores = z
  .object(
    Object.fromEntries(ASSESSMENT_COMPONENTS.map((c) => [c, Score.optional()])) as Record<
      AssessmentComponent,
      z.ZodOptional<typeof Score>
    >,
  )
  .strict()
  .openapi('AssessmentScores', { description: 'Components left out or null were not assessed' });

export const AssessmentIdParam = z.object({
  id: IdParam().openapi({ type: 'integer', param: { name: 'id', in: 'path' } }),
});

export const AssessmentsQuery = z.object({
  pcode: z
    .string()
    .regex(/^UA\d{7}$/, 'expected a hromada pcode such as UA6312027')
    .optional()
    .openapi({ description: 'One community' }),
  organisation: IdParam().optional().openapi({ type: 'integer' }),
  ...offsetPageQuery(),
});

/** An assessment as the API and its audit trail show it. */
export const AssessmentRecord = z
  .object({
    id: z.number().int(),
    pcode: z.string(),
    assessedOn: z.string(),
    organisationId: z.number().int().nullable().openapi({ description: 'null: imported from a file' }),
    assessor: z.string().nullable(),
    strategyAdopted: z.boolean().nullable().openapi({ description: 'A local security strategy was adopted' }),
    notes: z.string().nullable(),
    scores: z.record(z.string(), z.number().nullable()),
  })
  .openapi('AssessmentRecord');
export type AssessmentRecord = z.infer<typeof AssessmentRecord>;

export const AssessmentWritten = AssessmentRecord.extend({
  warnings: z.array(WriteWarning).openapi({
    description:
      'Accepted, but worth a second look: a community in occupied Crimea or Sevastopol (issue #11)',
  }),
}).openapi('AssessmentWritten');
export type AssessmentWritten = z.infer<typeof AssessmentWritten>;

export const AssessmentView = AssessmentRecord.extend({
  lastChangedAt: z.string().nullable(),
  lastChangedBy: z.string().nullable(),
}).openapi('Assessment');
export type AssessmentView = z.infer<typeof AssessmentView>;

const anyScored = (s: { scores?: Record<string, number | null | undefined> }) =>
  s.scores === undefined || Object.values(s.scores).some((v) => v !== null && v !== undefined);

const fields = {
  assessedOn: EnteredDate,
  organisationId: IdValue().openapi({ description: 'The assessing organisation: one of yours' }),
  assessor: Text({ singleLine: true }).trim().min(1).max(300).nullable().optional(),
  strategyAdopted: z.boolean().nullable().optional(),
  notes: Text().trim().max(5000).nullable().optional(),
  scores: Scores,
};

export const NewAssessment = z
  .object({
    pcode: Text()
      .trim()
      .min(1)
      .max(40)
      .openapi({ description: 'Hromada pcode or KATOTTG', example: 'UA6312027' }),
    ...fields,
  })
  .refine(anyScored, { path: ['scores'], message: 'score at least one component' })
  .openapi('NewAssessment');
export type NewAssessment = z.infer<typeof NewAssessment>;

export const AssessmentPatch = z
  .object({
    ...fields,
    scores: Scores.openapi({ description: 'Merged into the current scores; null clears one' }),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'nothing to change')
  .openapi('AssessmentPatch');
export type AssessmentPatch = z.infer<typeof AssessmentPatch>;
