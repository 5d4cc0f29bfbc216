import { z } from '@hono/zod-openapi';
import { ASSESSMENT_COMPONENTS } from '../../model/assessment-components.ts';
import { IsoDate } from '../../shared/schemas.ts';

export const ChangesQuery = z
  .object({
    component: z.enum(ASSESSMENT_COMPONENTS).openapi({ description: 'The component compared' }),
    from: IsoDate.openapi({ description: "Round A: each community's latest round on or before this date" }),
    to: IsoDate.openapi({ description: "Round B: each community's latest round on or before this date" }),
  })
  .refine((q) => q.from < q.to, { message: 'must be after from', path: ['to'] });

export const RoundScore = z
  .object({
    assessmentId: z.number().int(),
    date: z.string(),
    score: z.number(),
    respondents: z.number().int().nullable().openapi({ description: 'null: entered by hand' }),
    ciLow: z.number().nullable().openapi({ description: '95 % interval; null: none' }),
    ciHigh: z.number().nullable(),
    organisation: z.string().nullable(),
  })
  .openapi('RoundScore');

export const CommunityChange = z
  .object({
    pcode: z.string(),
    nameUk: z.string(),
    nameEn: z.string(),
    from: RoundScore,
    to: RoundScore,
    difference: z.number().openapi({ description: 'to − from, on the 0–10 scale' }),
    ciLow: z
      .number()
      .nullable()
      .openapi({ description: '95 % interval of the difference; null when a round has none' }),
    ciHigh: z.number().nullable(),
    excludesZero: z
      .boolean()
      .openapi({ description: 'The interval of the difference excludes zero (never true without one)' }),
  })
  .openapi('CommunityChange');

export const RoundChanges = z
  .object({
    component: z.enum(ASSESSMENT_COMPONENTS),
    from: z.string(),
    to: z.string(),
    method: z.string(),
    communitiesWithTwoRounds: z.number().int(),
    marked: z.number().int().openapi({ description: 'Changes whose interval excludes zero' }),
    units: z.array(CommunityChange).openapi({ description: 'By pcode' }),
  })
  .openapi('RoundChanges');
export type RoundChanges = z.infer<typeof RoundChanges>;

export const AssessedCommunity = z
  .object({
    pcode: z.string(),
    nameUk: z.string(),
    nameEn: z.string(),
    rounds: z.number().int(),
    firstRound: z.string(),
    latestRound: z.string(),
    latestOrganisation: z.string().nullable().openapi({ description: 'null: imported from a file' }),
    organisations: z.array(z.string()).openapi({ description: 'Every organisation that assessed it' }),
  })
  .openapi('AssessedCommunity');

export const AssessedCommunities = z
  .object({
    communitiesAssessed: z.number().int(),
    rounds: z.number().int(),
    organisations: z.array(z.string()).openapi({ description: 'Organisations with at least one round' }),
    units: z.array(AssessedCommunity).openapi({ description: 'Latest round first' }),
  })
  .openapi('AssessedCommunities');
export type AssessedCommunities = z.infer<typeof AssessedCommunities>;
