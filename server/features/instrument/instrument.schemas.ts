import { z } from '@hono/zod-openapi';
import { ASSESSMENT_COMPONENTS } from '../../model/assessment-components.ts';

const Bilingual = z.object({ uk: z.string(), en: z.string() }).openapi('InstrumentText');

const Choice = z.object({ name: z.string(), label: Bilingual }).openapi('InstrumentChoice');

const Component = z.enum(ASSESSMENT_COMPONENTS);

export const InstrumentItem = z
  .object({
    id: z.string().openapi({
      example: 'cohesion_trust_3',
      description: "The question's name in both forms and in every submission export",
    }),
    component: Component,
    direction: z.union([z.literal(1), z.literal(-1)]).openapi({
      description: '1: agreeing means more of the component; -1: reverse-coded, agreeing means less',
    }),
    label: Bilingual,
    hint: Bilingual.optional(),
  })
  .openapi('InstrumentItem');

export const Instrument = z
  .object({
    formId: z.string().openapi({ example: 'hromada_atlas_safety' }),
    version: z
      .string()
      .openapi({ description: 'The form version a submission names; changes with any question' }),
    title: Bilingual,
    intro: Bilingual,
    consent: z.object({ name: z.string(), label: Bilingual, hint: Bilingual, choices: z.array(Choice) }),
    round: z.object({ name: z.string(), label: Bilingual, hint: Bilingual }),
    location: z.object({ oblast: Bilingual, raion: Bilingual, hromada: Bilingual }),
    respondentGroup: z.object({ name: z.string(), label: Bilingual, choices: z.array(Choice) }),
    likert: z.object({
      listName: z.string(),
      choices: z
        .array(Choice)
        .openapi({ description: '"1" (strongly disagree) … "5" (strongly agree), and "dk"' }),
    }),
    components: z.array(z.object({ component: Component, label: Bilingual })),
    items: z.array(InstrumentItem).openapi({
      description: 'Each item with the component it scores and its direction: what scoring reads (issue #13)',
    }),
  })
  .openapi('Instrument');
