import { z } from '@hono/zod-openapi';
import { IdParam, IdValue, Text } from '../../shared/schemas.ts';
import { Email, NewPassword, RoleSchema } from '../auth/auth.schemas.ts';

const OrganisationIds = z
  .array(IdValue())
  .max(100)
  .openapi({ description: 'The organisations whose records an editor may change' });

export const UserIdParam = z.object({
  id: IdParam().openapi({ type: 'integer', param: { name: 'id', in: 'path' } }),
});

export const UserView = z
  .object({
    id: z.number().int(),
    email: z.string(),
    name: z.string(),
    role: RoleSchema,
    organisations: z.array(z.object({ id: z.number().int(), name: z.string() })),
    disabledAt: z.string().nullable(),
    passwordChangedAt: z.string(),
    createdAt: z.string(),
  })
  .openapi('User');
export type UserView = z.infer<typeof UserView>;

export const NewUser = z
  .object({
    email: Email,
    name: Text().trim().min(1).max(200),
    role: RoleSchema,
    password: NewPassword,
    organisationIds: OrganisationIds.default([]),
  })
  .openapi('NewUser');
export type NewUser = z.infer<typeof NewUser>;

export const UserPatch = z
  .object({
    name: Text().trim().min(1).max(200),
    role: RoleSchema,
    organisationIds: OrganisationIds,
    disabled: z
      .boolean()
      .openapi({ description: 'true signs the user out everywhere and stops their tokens' }),
    password: NewPassword.openapi({ description: 'A new password (signs the user out everywhere)' }),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'nothing to change')
  .openapi('UserPatch');
export type UserPatch = z.infer<typeof UserPatch>;
