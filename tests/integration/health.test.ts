import type { KyselyPlugin, RootOperationNode } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { DatabaseStatus, STORAGE_FAILURE_MEMORY_MS } from '../../server/db/availability.ts';
import { detectCapabilities } from '../../server/db/capabilities.ts';
import { createLogger } from '../../server/shared/logger.ts';
import { call, createFixtureToken, createFixtureUser, recordEmptyImportBatch } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { openTestDatabase } from '../support/test-db.ts';

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

/** Every insert into `table` fails as PostgreSQL fails one on a full disk (SQLSTATE 53100 disk_full). */
function diskFullOn(table: string): KyselyPlugin {
  return {
    transformQuery({ node }: { node: RootOperationNode }) {
      if (node.kind === 'InsertQueryNode' && node.into?.table.identifier.name === table) {
        throw Object.assign(new Error('could not extend file "base/5/16500": No space left on device'), {
          code: '53100',
        });
      }
      return node;
    },
    transformResult: async ({ result }) => result,
  };
}

it('answers 503 when a write fails on storage, and keeps /api/health at 503 for a while after (issue #11)', async () => {
  const database = await openTestDatabase();
  try {
    let now = Date.now();
    const databaseStatus = new DatabaseStatus(undefined, () => now);
    const app = createApp({
      config: loadConfig({}),
      db: database.db.withPlugin(diskFullOn('organisations')),
      // The embedded engine's health also checks writes; on PostgreSQL a failed write is answered where it
      // happens, and the health route reports only whether a query runs.
      databaseKind: database.kind,
      capabilities: await detectCapabilities(database.db),
      logger: createLogger('silent'),
      databaseStatus,
    });
    const admin = await createFixtureUser(database.db, { role: 'admin' });
    const token = await createFixtureToken(database.db, admin.id);

    expect((await call(app, null, 'GET', '/api/health')).status).toBe(200);
    const write = await call<{ error: { code: string; message: string } }>(
      app,
      token,
      'POST',
      '/api/organisations',
      {
        body: { name: 'FIXTURE disk full' },
      },
    );
    expect(write.status).toBe(503);
    expect(write.body.error.code).toBe('DATABASE_UNAVAILABLE');
    expect(write.body.error.message).toMatch(/cannot write/);
    expect(write.body.error.message).not.toMatch(/base\/5/); // no file names leak
    expect(Number(write.headers.get('retry-after'))).toBeGreaterThan(0);

    const health = await call<{ error: { code: string; message: string } }>(app, null, 'GET', '/api/health');
    if (database.kind === 'pglite') {
      expect(health.status).toBe(503);
      expect(health.body.error.code).toBe('DATABASE_UNAVAILABLE');
      expect(health.body.error.message).toMatch(/cannot write: a write failed 0 s ago/);
      now += STORAGE_FAILURE_MEMORY_MS + 1;
      expect((await call(app, null, 'GET', '/api/health')).status).toBe(200);
    } else {
      expect(health.status).toBe(200);
    }
  } finally {
    await database.close();
  }
});
