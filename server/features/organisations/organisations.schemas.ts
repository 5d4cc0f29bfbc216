import { z } from '@hono/zod-openapi';
import { IdParam, Text } from '../../shared/schemas.ts';

const optionalText = (max: number) => Text().trim().min(1).max(max).nullable().optional();

export const OrganisationIdParam = z.object({
  id: IdParam().openapi({ type: 'integer', param: { name: 'id', in: 'path' } }),
});

/** An organisation as the API and its audit trail show it. */
export const OrganisationRecord = z
  .object({
    id: z.number().int(),
    name: z.string(),
    nameUk: z.string().nullable(),
    acronym: z.string().nullable(),
    url: z.string().nullable(),
  })
  .openapi('OrganisationRecord');
export type OrganisationRecord = z.infer<typeof OrganisationRecord>;

export const OrganisationView = OrganisationRecord.extend({
  programmes: z.number().int().openapi({ description: 'Live programmes' }),
  createdAt: z.string(),
}).openapi('Organisation');
export type OrganisationView = z.infer<typeof OrganisationView>;

const fields = {
  name: Text().trim().min(1).max(300).openapi({ description: 'Unique; the name 5W uploads use (#org)' }),
  nameUk: optionalText(300),
  acronym: optionalText(50),
  url: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .nullable()
    .optional(),
};

export const NewOrganisation = z.object(fields).openapi('NewOrganisation');
export type NewOrganisation = z.infer<typeof NewOrganisation>;

export const OrganisationPatch = z
  .object(fields)
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'nothing to change')
  .openapi('OrganisationPatch');
export type OrganisationPatch = z.infer<typeof OrganisationPatch>;
