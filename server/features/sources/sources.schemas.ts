import { z } from '@hono/zod-openapi';

export const SourceFile = z
  .object({
    id: z.string().openapi({ example: 'kse-population-2022' }),
    title: z.string().nullable(),
    url: z.string().nullable().openapi({ description: 'Pinned URL the file was fetched from' }),
    sha256: z.string(),
    period: z.string().nullable(),
    retrievedAt: z.string().openapi({ description: 'ISO 8601, UTC' }),
  })
  .openapi('SourceFile');

export const Source = z
  .object({
    id: z.string().openapi({ example: 'kse' }),
    name: z.string(),
    publisher: z.string(),
    homepage: z.string().nullable(),
    licence: z.string(),
    licenceUrl: z.string().nullable(),
    attribution: z.string().openapi({ description: 'The credit line to show wherever the data is shown' }),
    caveats: z.string().nullable(),
    files: z.array(SourceFile),
  })
  .openapi('Source');
export type Source = z.infer<typeof Source>;

export const SourceList = z.array(Source).openapi('SourceList');
