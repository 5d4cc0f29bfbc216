import { z } from '@hono/zod-openapi';
import { IndicatorId, Period, UnitLevel } from '../units/units.schemas.ts';

export const IndicatorParams = z.object({
  id: IndicatorId.openapi({ param: { name: 'id', in: 'path' } }),
});

export const IndicatorValuesQuery = z.object({
  level: UnitLevel.default('hromada').openapi({ description: 'Only values of units of this level' }),
  period: Period.optional().openapi({ description: 'Default: the latest period of the indicator' }),
  format: z
    .enum(['keyed', 'columns'])
    .default('keyed')
    .openapi({
      description:
        "'keyed' (the default): values by pcode. 'columns': values as one array in the order of `unitsUrl` " +
        '(every unit of the level, by pcode), null where a unit has no value: the same numbers without a ' +
        'pcode each, about two-thirds of the bytes compressed (issue #5, B5)',
    }),
});

export const IndicatorUnitsQuery = z.object({
  level: UnitLevel.default('hromada'),
  v: z
    .string()
    .optional()
    .openapi({ description: 'The version named in `unitsUrl`: cacheable for a year when it is current' }),
});

export const IndicatorSource = z
  .object({ id: z.string(), name: z.string(), licence: z.string(), attribution: z.string() })
  .openapi('IndicatorSource');

export const Indicator = z
  .object({
    id: z.string().openapi({ example: 'population_2022' }),
    nameUk: z.string(),
    nameEn: z.string(),
    description: z.string(),
    unit: z.string().openapi({ example: 'persons' }),
    domain: z.string().openapi({ example: 'demography' }),
    direction: z.enum(['higher_is_worse', 'higher_is_better', 'neutral']),
    derivation: z
      .string()
      .nullable()
      .openapi({ description: 'Which source columns the value is computed from' }),
    source: IndicatorSource,
    periods: z.array(z.string()).openapi({ description: 'Every period with values, oldest first' }),
    coverage: z
      .array(z.object({ period: z.string(), units: z.number().int() }))
      .openapi({ description: 'How many units have a value, per period' }),
  })
  .openapi('Indicator');
export type Indicator = z.infer<typeof Indicator>;

export const IndicatorCatalogue = z.array(Indicator).openapi('IndicatorCatalogue');

export const IndicatorValues = z
  .object({
    indicatorId: z.string(),
    period: z.string(),
    unit: z.string(),
    values: z.record(z.string(), z.number()).openapi({
      description: 'Value by unit pcode; units without a value are absent (missing is never zero)',
      example: { UA6312027: 1421125 },
    }),
  })
  .openapi('IndicatorValues');
export type IndicatorValues = z.infer<typeof IndicatorValues>;

export const IndicatorValueColumns = z
  .object({
    indicatorId: z.string(),
    period: z.string(),
    unit: z.string(),
    level: UnitLevel,
    unitsUrl: z.string().openapi({
      description:
        'The units the values are aligned to (GET it once and keep it: the URL changes when the list does)',
      example: '/api/indicators/units?level=hromada&v=3q2-7wEVR1D8lV0a',
    }),
    values: z.array(z.number().nullable()).openapi({
      description:
        "Value of the i-th unit of `unitsUrl`, exactly as stored (the keyed form's numbers); null = no value, " +
        'never zero',
      example: [9361, null, 17127],
    }),
  })
  .openapi('IndicatorValueColumns');
export type IndicatorValueColumns = z.infer<typeof IndicatorValueColumns>;

export const IndicatorUnits = z
  .object({
    level: UnitLevel,
    version: z.string().openapi({ description: 'A hash of the list: changes only when the list does' }),
    units: z.array(z.string()).openapi({ description: 'Every unit pcode of the level, in code-unit order' }),
  })
  .openapi('IndicatorUnits');
export type IndicatorUnits = z.infer<typeof IndicatorUnits>;
