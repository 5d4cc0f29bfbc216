import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../shared/openapi.ts';
import { findDataVersion, findLastImportedAt } from '../../db/data-version.ts';

// What the web client needs to know about this installation before it draws: the optional online basemap
// (off unless configured: the product works with no internet) and how fresh the data is.

const ClientConfig = z
  .object({
    basemap: z
      .object({
        styleUrl: z.string().openapi({ description: 'A MapLibre style URL (ATLAS_BASEMAP_STYLE_URL)' }),
        attribution: z.string().nullable(),
      })
      .nullable()
      .openapi({ description: 'null: no basemap is configured; the map draws its own outlines only' }),
    data: z.object({
      version: z.string(),
      importedAt: z
        .string()
        .nullable()
        .openapi({ description: 'When the newest import in force finished (ISO 8601); null before any' }),
    }),
  })
  .openapi('ClientConfig');

const route = createRoute({
  method: 'get',
  path: '/client-config',
  tags: ['meta'],
  summary: "The web client's settings: optional basemap and the data's freshness",
  responses: {
    200: { description: 'Settings', content: { 'application/json': { schema: ClientConfig } } },
  },
});

export const clientConfigRoutes = createRouter().openapi(route, async (c) => {
  const { db, config } = c.get('deps');
  const [version, importedAt] = await Promise.all([findDataVersion(db), findLastImportedAt(db)]);
  c.header('Cache-Control', 'no-cache');
  return c.json({ basemap: config.basemap, data: { version, importedAt } }, 200);
});
