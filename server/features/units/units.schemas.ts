import { z } from '@hono/zod-openapi';
import { ASSESSMENT_COMPONENTS } from '../../model/assessment-components.ts';
import { Text } from '../../shared/schemas.ts';

// Request and response shapes of the units feature. Level and pcode are shared with the features that
// filter by unit (indicators, layers).

/** A COD-AB pcode: oblast UA63, raion UA6312, hromada UA6312027 (as the admin_units check constraint). */
export const Pcode = z
  .string()
  .regex(/^UA[0-9]{2}([0-9]{2}([0-9]{3})?)?$/, 'expected a pcode such as UA63, UA6312 or UA6312027')
  .openapi({ example: 'UA6312027' });

export const UnitLevel = z.enum(['oblast', 'raion', 'hromada']).openapi('UnitLevel');
export type UnitLevel = z.infer<typeof UnitLevel>;

/** The level just below each level: what `parent` lists when no level is given. */
export const childLevel: Record<UnitLevel, UnitLevel | null> = {
  oblast: 'raion',
  raion: 'hromada',
  hromada: null,
};

/** An indicator id as in data/indicators.json (and the indicators.id check constraint). */
export const IndicatorId = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'expected an indicator id such as population_2022')
  .max(64)
  .openapi({ example: 'population_2022' });

/** A period as stored with indicator values: a year, a month or a day. */
export const Period = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'expected a period such as 2022, 2022-09 or 2022-01-01')
  .openapi({ example: '2022-01-01' });

export const UnitsQuery = z.object({
  level: UnitLevel.optional().openapi({
    description: 'Only units of this level. With `parent` and no level: the level just below the parent.',
  }),
  parent: Pcode.optional().openapi({ description: 'Only units inside this unit (at any depth)' }),
  q: Text().trim().min(1).max(100).optional().openapi({
    description: "Part of the Ukrainian or English name; case and apostrophes (' ’ ʼ) do not matter",
    example: "кам'янець",
  }),
  limit: z.coerce.number().int().min(1).max(2000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const PcodeParams = z.object({ pcode: Pcode.openapi({ param: { name: 'pcode', in: 'path' } }) });

export const GeoJsonQuery = z.object({
  level: UnitLevel.default('hromada'),
  parent: Pcode.optional().openapi({ description: 'Only units inside this unit (at any depth)' }),
  indicators: z
    .string()
    .regex(/^[a-z][a-z0-9_]*(,[a-z][a-z0-9_]*)*$/, 'expected indicator ids separated by commas')
    .optional()
    .openapi({
      description: 'Indicator ids, comma-separated: each becomes a property (and `<id>__period`)',
      example: 'population_2022,idps_per_1000',
    }),
  period: Period.optional().openapi({
    description: 'The period of every requested indicator (default: the latest period of each)',
  }),
});

export const UnitRef = z
  .object({ pcode: z.string(), nameUk: z.string(), nameEn: z.string() })
  .openapi('UnitRef');

const SpecialUnit = z.enum(['kyiv_city', 'chornobyl_zone', 'sevastopol']);

export const Unit = z
  .object({
    pcode: z.string().openapi({ example: 'UA6312027' }),
    katottg: z.string().nullable().openapi({ example: 'UA63120270000028556' }),
    level: UnitLevel,
    nameUk: z.string().openapi({ example: 'Харківська' }),
    nameEn: z.string().openapi({ example: 'Kharkivska' }),
    // Not `.nullable()`: on a named schema that made the component itself nullable in the document
    // (asteasolutions/zod-to-openapi#387), so the typed web client read every use of it as maybe null.
    parent: z.union([UnitRef, z.null()]),
    oblastPcode: z.string().openapi({ example: 'UA63' }),
    isCrimea: z.boolean(),
    special: SpecialUnit.nullable().openapi({ description: 'Units that are not ordinary hromadas' }),
    hromadaType: z.enum(['міська', 'селищна', 'сільська']).nullable(),
    population2022: z
      .number()
      .nullable()
      .openapi({ description: 'Indicator population_2022 (1 Jan 2022); null where there is none' }),
    areaKm2: z.number().nullable().openapi({ description: 'Geodesic area of the boundary polygon, km²' }),
  })
  .openapi('Unit');
export type Unit = z.infer<typeof Unit>;

export const UnitList = z.object({ items: z.array(Unit), total: z.number().int() }).openapi('UnitList');
export type UnitList = z.infer<typeof UnitList>;

export const ValueSource = z
  .object({
    id: z.string(),
    name: z.string(),
    licence: z.string(),
    attribution: z.string(),
    url: z
      .string()
      .nullable()
      .openapi({ description: 'The file the value was read from, else the homepage' }),
  })
  .openapi('ValueSource');

export const UnitIndicatorValue = z
  .object({
    indicatorId: z.string(),
    nameUk: z.string(),
    nameEn: z.string(),
    unit: z.string(),
    direction: z.enum(['higher_is_worse', 'higher_is_better', 'neutral']),
    period: z.string(),
    value: z.number(),
    source: ValueSource,
  })
  .openapi('UnitIndicatorValue');

export const UnitProgramme = z
  .object({
    id: z.number().int(),
    code: z.string(),
    title: z.string(),
    organisation: z.string(),
    donor: z.string().nullable(),
    sector: z.string(),
    periodStart: z.string().openapi({ description: 'When the programme started at this unit' }),
    periodEnd: z.string().nullable(),
    status: z.enum(['planned', 'active', 'completed']).nullable(),
    reached: z.number().int().nullable().openapi({ description: 'People reached at this unit, where known' }),
    lastChangedAt: z.string().nullable().openapi({
      description: 'When the programme last changed through the API (audit trail); null: as imported',
    }),
    lastChangedBy: z.string().nullable().openapi({ description: 'Who changed it (their name)' }),
  })
  .openapi('UnitProgramme');

export const UnitAssessment = z
  .object({
    id: z.number().int(),
    assessedOn: z.string(),
    assessor: z.string().nullable(),
    organisation: z.string().nullable().openapi({ description: 'Who assessed; null for imported ones' }),
    strategyAdopted: z.boolean().nullable(),
    notes: z.string().nullable(),
    scores: z
      .record(z.enum(ASSESSMENT_COMPONENTS), z.number().nullable())
      .openapi({ description: 'Community-security components, 0–10 (docs/methodology.md)' }),
    lastChangedAt: z.string().nullable(),
    lastChangedBy: z.string().nullable(),
  })
  .openapi('UnitAssessment');

export const TrendPoint = z
  .object({
    assessmentId: z.number().int(),
    date: z.string().openapi({ description: 'The round: the date of the assessment' }),
    score: z.number().nullable().openapi({ description: '0–10; null when insufficient' }),
    respondents: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'Respondents who answered the component; null: entered by hand' }),
    ciLow: z.number().nullable().openapi({ description: '95 % interval (bootstrap); null: none' }),
    ciHigh: z.number().nullable(),
    organisation: z.string().nullable(),
    insufficient: z
      .boolean()
      .openapi({ description: 'Scored from submissions but below the minimum number of respondents' }),
  })
  .openapi('TrendPoint');

export const ComponentTrend = z
  .object({
    component: z.enum(ASSESSMENT_COMPONENTS),
    points: z.array(TrendPoint).openapi({ description: 'Oldest round first' }),
  })
  .openapi('ComponentTrend');

export const UnitProfile = Unit.extend({
  geometryMissing: z.boolean().openapi({ description: 'The source has no boundary for this unit' }),
  labelPoint: z
    .tuple([z.number(), z.number()])
    .nullable()
    .openapi({ description: '[lon, lat] inside the unit, for a label' }),
  parents: z.array(UnitRef.extend({ level: UnitLevel })).openapi({ description: 'Nearest first' }),
  indicators: z.array(UnitIndicatorValue),
  neighbours: z.array(UnitRef),
  programmes: z.array(UnitProgramme),
  assessments: z
    .array(UnitAssessment)
    .openapi({ description: 'Community-security assessments, newest first' }),
  trends: z.array(ComponentTrend).openapi({
    description:
      "Each assessed component's series across the rounds, with respondents and 95 % intervals (issue #13 §5)",
  }),
}).openapi('UnitProfile');
export type UnitProfile = z.infer<typeof UnitProfile>;

const FeatureProperties = z.record(z.string(), z.union([z.string(), z.number(), z.null()]));

export const UnitFeatureCollection = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        id: z.string(),
        geometry: z
          .object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.unknown()) })
          .nullable(),
        properties: FeatureProperties.openapi({
          description:
            'pcode, katottg, nameUk, nameEn, level, parentPcode, and per requested indicator `<id>` and `<id>__period`',
        }),
      }),
    ),
  })
  .openapi('UnitFeatureCollection');
export type UnitFeatureCollection = z.infer<typeof UnitFeatureCollection>;
