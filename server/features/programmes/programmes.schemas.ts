import { z } from '@hono/zod-openapi';

/** A calendar date, YYYY-MM-DD: 2023-02-30 and month 13 are refused, not rolled over. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
  }, 'not a calendar date')
  .openapi({ example: '2025-01-01' });

const ProgrammeStatus = z.enum(['planned', 'active', 'completed']);

export const ProgrammesQuery = z
  .object({
    organisation: z.coerce
      .number()
      .int()
      .positive()
      .optional()
      .openapi({ type: 'integer', description: 'Organisation id (see `facets.organisations`)' }),
    donor: z.string().trim().min(1).max(200).optional().openapi({ description: 'Exact donor name' }),
    sector: z.string().trim().min(1).max(200).optional().openapi({ description: 'Exact sector name' }),
    status: ProgrammeStatus.optional(),
    activeFrom: IsoDate.optional().openapi({
      description:
        'Only sites active on or after this date (a site without an end date is open-ended); programmes ' +
        'without such a site are left out',
    }),
    activeTo: IsoDate.optional().openapi({
      description: 'Only sites that started on or before this date',
      example: '2025-12-31',
    }),
    pcode: z
      .string()
      .regex(/^UA\d{7}$/, 'expected a hromada pcode such as UA6312027')
      .optional()
      .openapi({ description: 'Only programmes with a site (active in the window, if one is given) here' }),
  })
  .superRefine((q, ctx) => {
    if (q.activeFrom && q.activeTo && q.activeTo < q.activeFrom) {
      ctx.addIssue({
        code: 'custom',
        path: ['activeTo'],
        message: `is before activeFrom ${q.activeFrom}`,
      });
    }
  });
export type ProgrammesQuery = z.infer<typeof ProgrammesQuery>;

export const ProgrammeOrganisation = z
  .object({
    id: z.number().int(),
    name: z.string(),
    nameUk: z.string().nullable(),
    acronym: z.string().nullable(),
  })
  .openapi('ProgrammeOrganisation');

export const ProgrammeSource = z
  .object({ id: z.string(), name: z.string(), licence: z.string(), attribution: z.string() })
  .openapi('ProgrammeSource');

export const ProgrammeSite = z
  .object({
    pcode: z.string().openapi({ example: 'UA6312027' }),
    nameUk: z.string(),
    nameEn: z.string(),
    oblastPcode: z.string().openapi({ example: 'UA63' }),
    periodStart: z.string().openapi({ description: 'YYYY-MM-DD; a bare year in the source is 1 January' }),
    periodEnd: z.string().nullable().openapi({
      description: 'YYYY-MM-DD, inclusive; a bare year in the source is 31 December; null = open-ended',
    }),
    reached: z.number().int().nullable().openapi({ description: 'People reached here, where known' }),
  })
  .openapi('ProgrammeSite');

export const Programme = z
  .object({
    code: z.string().openapi({ example: 'ipcg-veteran-reintegration-pilots' }),
    title: z.string(),
    description: z.string().nullable(),
    organisation: ProgrammeOrganisation,
    donor: z.string().nullable(),
    sector: z.string(),
    periodStart: z.string(),
    periodEnd: z.string().nullable(),
    status: ProgrammeStatus.nullable(),
    budget: z.number().nullable(),
    currency: z.string().nullable(),
    source: ProgrammeSource.nullable().openapi({
      description: 'The dataset the programme was imported from; null when the file was a local upload',
    }),
    sites: z.array(ProgrammeSite).openapi({
      description: 'By pcode; with activeFrom/activeTo, only the sites active in that window',
    }),
  })
  .openapi('Programme');
export type Programme = z.infer<typeof Programme>;

export const ProgrammeFacets = z
  .object({
    organisations: z.array(ProgrammeOrganisation.extend({ programmes: z.number().int() })),
    donors: z.array(z.string()),
    sectors: z.array(z.string()),
    statuses: z.array(ProgrammeStatus),
  })
  .openapi('ProgrammeFacets', {
    description:
      'Every value in use over all programmes, whatever the filters, so that choices do not shrink',
  });
export type ProgrammeFacets = z.infer<typeof ProgrammeFacets>;

export const ProgrammeFilters = z
  .object({
    organisation: z.number().int().nullable(),
    donor: z.string().nullable(),
    sector: z.string().nullable(),
    status: ProgrammeStatus.nullable(),
    activeFrom: z.string().nullable(),
    activeTo: z.string().nullable(),
    pcode: z.string().nullable(),
  })
  .openapi('ProgrammeFilters', { description: 'The filters applied; null = not filtered' });
export type ProgrammeFilters = z.infer<typeof ProgrammeFilters>;

export const ProgrammeList = z
  .object({
    programmes: z.array(Programme).openapi({ description: 'Newest start first, then by code' }),
    facets: ProgrammeFacets,
    filters: ProgrammeFilters,
  })
  .openapi('ProgrammeList');
export type ProgrammeList = z.infer<typeof ProgrammeList>;
