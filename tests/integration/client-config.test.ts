import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// Issue #4: "Basemap: works with no internet by default; an optional basemap style URL can be configured",
// and "every screen shows … data freshness".

interface ClientConfig {
  basemap: { styleUrl: string; attribution: string | null } | null;
  data: { version: string; importedAt: string | null };
}

let plain: TestApp;
let withBasemap: TestApp;
beforeAll(async () => {
  plain = await createTestApp();
  withBasemap = await createTestApp({
    env: {
      ATLAS_BASEMAP_STYLE_URL: 'https://tiles.example.org/styles/light.json',
      ATLAS_BASEMAP_ATTRIBUTION: '© OpenStreetMap contributors',
    },
  });
});
afterAll(async () => {
  await plain?.close();
  await withBasemap?.close();
});

describe('GET /api/client-config', () => {
  it('has no basemap by default, and the data version and import time of the database', async () => {
    const { status, body } = await plain.getJson<ClientConfig>('/api/client-config');
    expect(status).toBe(200);
    expect(body.basemap).toBeNull();
    const health = await plain.getJson<{ dataVersion: string }>('/api/health');
    expect(body.data.version).toBe(health.body.dataVersion);
    const { rows } = await sql<{ at: string | Date }>`
      select max(finished_at) as at from import_batches where status = 'succeeded'`.execute(
      plain.database.db,
    );
    expect(rows[0]!.at).toBeTruthy();
    expect(body.data.importedAt).toBe(new Date(rows[0]!.at).toISOString());
    // An import finishes before the server can answer about it.
    expect(Date.parse(body.data.importedAt!)).toBeLessThanOrEqual(Date.now());
  });

  it('gives the configured basemap style and its attribution', async () => {
    const { body } = await withBasemap.getJson<ClientConfig>('/api/client-config');
    expect(body.basemap).toEqual({
      styleUrl: 'https://tiles.example.org/styles/light.json',
      attribution: '© OpenStreetMap contributors',
    });
  });
});
