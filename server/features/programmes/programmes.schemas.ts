import { z } from '@hono/zod-openapi';
import { NextCursor, pageQuery } from '../../shared/pagination.ts';
import { dateOutsideWindow } from '../../shared/plausibility.ts';

import { IdParam, IdValue, INT4_MAX, IsoDate, Text } from '../../shared/schemas.ts';

// Moved to server/shared/schemas.ts (issue #11); still exported here for the features that import it from here.
export { IsoDate };

const ProgrammeStatus = z.enum(['planned', 'active', 'completed']);

export const programmeFilterFields = {
  organisation: IdParam()
    .optional()
    .openapi({ type: 'integer', description: 'Organisation id (see `facets.organisations`)' }),
  donor: Text().trim().min(1).max(200).optional().openapi({ description: 'Exact donor name' }),
  sector: Text().trim().min(1).max(200).optional().openapi({ description: 'Exact sector name' }),
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
};

export const windowInOrder = (q: { activeFrom?: string; activeTo?: string }, ctx: z.RefinementCtx) => {
  if (q.activeFrom && q.activeTo && q.activeTo < q.activeFrom) {
    ctx.addIssue({ code: 'custom', path: ['activeTo'], message: `is before activeFrom ${q.activeFrom}` });
  }
};

/** The filters of GET /programmes/summary: those of the list, without paging. */
export const ProgrammeFilterQuery = z.object(programmeFilterFields).superRefine(windowInOrder);
export type ProgrammeFilterQuery = z.infer<typeof ProgrammeFilterQuery>;

/**
 * Programmes per page: 50 by default, at most 200 (issue #11 item 2). With at most SITES_PER_PROGRAMME sites
 * each, a page of 200 stays within PROGRAMME_PAGE_BUDGET_BYTES.
 */
export const PROGRAMME_PAGE = { defaultLimit: 50, maxLimit: 200 } as const;
/** Sites listed per programme in a page; `siteCount` tells how many it has, GET /programmes/{code} gives all. */
export const SITES_PER_PROGRAMME = 20;
/** The documented response-size budget of one page (and of the summary), uncompressed JSON. */
export const PROGRAMME_PAGE_BUDGET_BYTES = 1024 * 1024;

export const ProgrammesQuery = z
  .object({
    ...programmeFilterFields,
    ...pageQuery(PROGRAMME_PAGE.defaultLimit, PROGRAMME_PAGE.maxLimit),
  })
  .superRefine(windowInOrder);
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
    // Not `.nullable()`: on a named schema that made the component itself nullable in the document
    // (asteasolutions/zod-to-openapi#387), so the typed web client read every use of it as maybe null.
    source: z.union([ProgrammeSource, z.null()]).openapi({
      description: 'The dataset the programme was imported from; null when the file was a local upload',
    }),
    sites: z.array(ProgrammeSite).openapi({
      description:
        'By pcode; with activeFrom/activeTo, only the sites active in that window. In a list page at most ' +
        `${SITES_PER_PROGRAMME} (see siteCount); GET /programmes/{code} gives all`,
    }),
    siteCount: z.number().int().openapi({ description: 'How many sites (in the window) the programme has' }),
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
    programmes: z.array(Programme).openapi({ description: 'One page: newest start first, then by code' }),
    total: z.number().int().openapi({ description: 'How many programmes pass the filters, on all pages' }),
    nextCursor: NextCursor,
    facets: ProgrammeFacets,
    filters: ProgrammeFilters,
  })
  .openapi('ProgrammeList');

const CountRow = z.object({ key: z.string(), programmes: z.number().int(), hromadas: z.number().int() });

export const ProgrammeSummary = z
  .object({
    programmes: z.number().int(),
    organisations: z.number().int(),
    donors: z.number().int().openapi({ description: 'Distinct donors named' }),
    noDonor: z.number().int().openapi({ description: 'Programmes without a donor' }),
    hromadas: z.number().int().openapi({ description: 'Distinct hromadas with a site (in the window)' }),
    oblasts: z.number().int(),
    reached: z.object({
      people: z.number(),
      sitesKnown: z.number().int(),
      sites: z.number().int(),
    }),
    bySector: z.array(CountRow).openapi({ description: 'Most hromadas first' }),
    byOblast: z.array(CountRow).openapi({ description: 'Most hromadas first' }),
    hromadaProgrammes: z
      .array(
        z.object({
          pcode: z.string(),
          programmes: z.number().int(),
          sectors: z.array(z.string()),
          first: z.object({
            code: z.string(),
            organisation: ProgrammeOrganisation,
            sector: z.string(),
            periodStart: z.string(),
            periodEnd: z.string().nullable(),
          }),
        }),
      )
      .openapi({
        description:
          'Per hromada with a site: how many programmes, their sectors, and the first in the list order ' +
          '(what the map draws). At most one entry per hromada',
      }),
    sources: z
      .array(z.object({ source: z.union([ProgrammeSource, z.null()]), programmes: z.number().int() }))
      .openapi({ description: 'Datasets of the programmes; source null = entered without one' }),
    periods: z
      .object({ earliest: z.string().nullable(), latest: z.string().nullable() })
      .openapi({ description: 'The earliest start and the latest end (or start) of the programmes' }),
    filters: ProgrammeFilters,
  })
  .openapi('ProgrammeSummary', {
    description:
      'The figures of every programme that passes the filters, computed in the database: its size depends on ' +
      'the number of hromadas, sectors and sources, not on the number of programmes',
  });
export type ProgrammeSummary = z.infer<typeof ProgrammeSummary>;
export type ProgrammeList = z.infer<typeof ProgrammeList>;

// Writes (issue #6).

export const ProgrammeCodeParam = z.object({
  code: Text()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'code', in: 'path' }, example: 'ipcg-veteran-reintegration-pilots' }),
});

export const SitePcodeParams = ProgrammeCodeParam.extend({
  pcode: z
    .string()
    .regex(/^UA\d{7}$/, 'expected a hromada pcode such as UA6312027')
    .openapi({ param: { name: 'pcode', in: 'path' }, example: 'UA6312027' }),
});

// Bodies of writes (issue #11 items 4 and 13): the same rules as a 5W row (shared/plausibility.ts), so that
// a form and a sheet accept the same values and the database never meets a NUL or an out-of-range number.

/** A date someone enters for a programme, site or assessment: a calendar date in the plausible window. */
export const EnteredDate = IsoDate.superRefine((v, ctx) => {
  const reason = dateOutsideWindow(v, new Date());
  if (reason) ctx.addIssue({ code: 'custom', message: reason });
});

const text = (max: number) => Text({ singleLine: true }).trim().min(1).max(max);

/** Accepted, but worth a second look (a site in occupied Crimea): answered with the write. */
export const WriteWarning = z.object({ field: z.string(), message: z.string() }).openapi('WriteWarning');
export type WriteWarning = z.infer<typeof WriteWarning>;

export const SiteInput = z
  .object({
    pcode: Text().trim().min(1).max(40).openapi({
      description: 'Hromada pcode (UA + 7 digits) or KATOTTG (UA + 17 digits)',
      example: 'UA6312027',
    }),
    periodStart: EnteredDate.optional().openapi({ description: "Default: the programme's start" }),
    periodEnd: EnteredDate.nullable().optional().openapi({
      description: "Default: the programme's end; null = open-ended",
    }),
    // programme_sites.reached is an integer (int4) column.
    reached: z
      .number()
      .int()
      .min(0)
      .max(INT4_MAX)
      .nullable()
      .optional()
      .openapi({ description: 'People reached here' }),
  })
  .openapi('SiteInput');
export type SiteInput = z.infer<typeof SiteInput>;

const programmeFields = {
  organisationId: IdValue().openapi({ description: 'Must be one of yours (editors)' }),
  title: text(300),
  description: Text().trim().max(5000).nullable().optional(),
  donor: text(200).nullable().optional(),
  sector: text(200),
  periodStart: EnteredDate,
  periodEnd: EnteredDate.nullable().optional().openapi({ description: 'Inclusive; null = open-ended' }),
  status: ProgrammeStatus.nullable().optional(),
  budget: z.number().min(0).nullable().optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as UAH')
    .nullable()
    .optional(),
};

const periodInOrder = (p: { periodStart?: string; periodEnd?: string | null }) =>
  !p.periodStart || !p.periodEnd || p.periodEnd >= p.periodStart;

export const NewProgramme = z
  .object({
    code: z
      .string()
      .regex(/^[\p{L}\p{N}][\p{L}\p{N}._:-]{0,199}$/u, 'letters, digits and . _ : - only, up to 200')
      .optional()
      .openapi({
        // The generator writes a regex with its flags (".../u"), which no JSON Schema pattern matches
        // (issue #11, item 12): the pattern spelled out, as ECMA-262 with Unicode property escapes.
        pattern: '^[\\p{L}\\p{N}][\\p{L}\\p{N}._:-]{0,199}$',
        description:
          'Default: made from organisation, sector, title and start, as a 5W upload without #meta+id does',
      }),
    ...programmeFields,
    sites: z.array(SiteInput).max(2000).default([]),
  })
  .refine(periodInOrder, { path: ['periodEnd'], message: 'is before periodStart' })
  .openapi('NewProgramme');
export type NewProgramme = z.infer<typeof NewProgramme>;

export const ProgrammePatch = z
  .object(programmeFields)
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'nothing to change')
  .refine(periodInOrder, { path: ['periodEnd'], message: 'is before periodStart' })
  .openapi('ProgrammePatch');
export type ProgrammePatch = z.infer<typeof ProgrammePatch>;

export const SitesBody = z.object({ sites: z.array(SiteInput).min(1).max(2000) }).openapi('SitesBody', {
  description:
    'Sites to add; a site with the pcode and start of a live one updates its end and reach. Every bad ' +
    'pcode is reported (422, `details`: index, pcode, message) and nothing is written',
});

export const ProgrammeDetail = Programme.extend({
  lastChangedAt: z.string().nullable().openapi({
    description: 'The last change through the API (the audit trail); null: as imported (see `source`)',
  }),
  lastChangedBy: z.string().nullable().openapi({ description: 'Who made it (their name)' }),
}).openapi('ProgrammeDetail');
export type ProgrammeDetail = z.infer<typeof ProgrammeDetail>;

export const ProgrammeWritten = ProgrammeDetail.extend({
  warnings: z.array(WriteWarning).openapi({
    description: 'Accepted, but worth a second look: sites in occupied Crimea or Sevastopol (issue #11)',
  }),
}).openapi('ProgrammeWritten');
export type ProgrammeWritten = z.infer<typeof ProgrammeWritten>;

export const ImportQuery = z.object({
  mode: z.enum(['preview', 'commit']).default('preview').openapi({
    description:
      'preview: parse and check, write nothing; commit: write all of it in one transaction, or nothing',
  }),
  fileName: Text().trim().min(1).max(200).optional().openapi({ description: 'Recorded with the upload' }),
});

export const ImportRowError = z
  .object({
    row: z.number().int().openapi({ description: 'As a spreadsheet numbers it: the header is row 1' }),
    field: z.string().nullable().openapi({ description: 'The HXL hashtag of the column, as in the file' }),
    message: z.string(),
  })
  .openapi('ImportRowError');

export const ImportWarning = z
  .object({
    row: z.number().int().nullable().openapi({ description: 'null: about the whole file (its encoding)' }),
    field: z.string().nullable(),
    message: z.string(),
  })
  .openapi('ImportWarning', {
    description:
      'Accepted, but worth a second look (a site in occupied Crimea, a file converted from Windows-1251)',
  });

export const ImportRowView = z
  .object({
    row: z.number().int(),
    code: z.string(),
    organisation: z.string(),
    sector: z.string(),
    title: z.string(),
    pcode: z.string(),
    periodStart: z.string(),
    periodEnd: z.string().nullable(),
    reached: z.number().int().nullable(),
  })
  .openapi('ImportRow');

export const ImportProgrammeView = z
  .object({
    code: z.string(),
    organisation: z.string(),
    organisationId: z.number().int().nullable().openapi({ description: 'null: will be created (admins)' }),
    action: z.enum(['create', 'update']),
    sites: z.number().int().openapi({ description: 'Sites after the upload' }),
    added: z.array(z.string()).openapi({ description: 'Site keys "pcode@start" the upload adds' }),
    removed: z.array(z.string()).openapi({ description: 'Site keys the upload removes (kept as deleted)' }),
  })
  .openapi('ImportProgramme');

export const ImportResult = z
  .object({
    mode: z.enum(['preview', 'commit']),
    committed: z.boolean(),
    encoding: z.enum(['utf-8', 'utf-16le', 'utf-16be', 'windows-1251']).openapi({
      description:
        'How the file was decoded (UTF-8 with or without BOM, UTF-16 with BOM, or Windows-1251 converted)',
    }),
    rowsRead: z.number().int(),
    rows: z.array(ImportRowView).openapi({ description: 'The rows read without problems' }),
    errors: z
      .array(ImportRowError)
      .openapi({ description: 'Every problem; commit refuses while there is one' }),
    warnings: z
      .array(ImportWarning)
      .openapi({ description: 'Shown apart from the errors; they do not block' }),
    programmes: z.array(ImportProgrammeView).openapi({
      description: 'What the upload does: each programme named in the file gets exactly the sites it lists',
    }),
  })
  .openapi('ImportResult');
export type ImportResult = z.infer<typeof ImportResult>;
