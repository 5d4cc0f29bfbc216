import { z } from '@hono/zod-openapi';
import { offsetPageQuery } from '../../shared/pagination.ts';
import { IdParam, Text } from '../../shared/schemas.ts';

export const TokenIdParam = z.object({
  id: IdParam().openapi({ type: 'integer', param: { name: 'id', in: 'path' } }),
});

export const TokensQuery = z.object({
  userId: IdParam()
    .optional()
    .openapi({ type: 'integer', description: "Another user's tokens (admin); default: your own" }),
  ...offsetPageQuery(),
});

export const TokenView = z
  .object({
    id: z.number().int(),
    userId: z.number().int(),
    name: z.string(),
    prefix: z.string().openapi({ description: 'The first characters of the secret, to recognise it' }),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable().openapi({ description: 'To the minute' }),
    revokedAt: z.string().nullable(),
  })
  .openapi('ApiToken');
export type TokenView = z.infer<typeof TokenView>;

export const NewToken = z
  .object({ name: Text().trim().min(1).max(100).openapi({ example: 'nightly 5W sync' }) })
  .openapi('NewApiToken');

export const CreatedToken = z
  .object({
    token: TokenView,
    secret: z.string().openapi({
      description: 'Send as `Authorization: Bearer <secret>`. Shown once: only its SHA-256 is stored',
    }),
  })
  .openapi('CreatedApiToken');
