import { z } from '@hono/zod-openapi';
import { IndicatorId, Period, UnitLevel } from '../units/units.schemas.ts';

export const IndicatorParams = z.object({
  id: IndicatorId.openapi({ param: { name: 'id', in: 'path' } }),
});

export const IndicatorValuesQuery = z.object({
  level: UnitLevel.default('hromada').openapi({ description: 'Only values of units of this level' }),
  period: Period.optional().openapi({ description: 'Default: the latest period of the indicator' }),
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
