import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { recordEmptyImportBatch } from '../support/factories.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

it('reports the engine, the data version and what PostGIS can do', async () => {
  const { status, body } = await t.getJson<{
    status: string;
    database: string;
    dataVersion: string;
    postgis: { version: string; mvt: boolean };
  }>('/api/health');
  expect(status).toBe(200);
  expect(body.status).toBe('ok');
  expect(body.database).toBe(t.database.kind);
  expect(body.postgis.mvt).toBe(t.database.kind === 'postgres');

  // The data version moves when an import commits.
  const before = body.dataVersion;
  expect(before).toMatch(/^b\d+-\d+$/);
  await recordEmptyImportBatch(t.database.db, 'fixture');
  const after = await t.getJson<{ dataVersion: string }>('/api/health');
  expect(after.body.dataVersion).not.toBe(before);
});
