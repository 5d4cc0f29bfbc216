import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Migrator, NO_MIGRATIONS } from 'kysely/migration';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { DatabaseLockedError, openPglite, type Database } from '../../server/db/client.ts';
import { detectCapabilities } from '../../server/db/capabilities.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { migrations } from '../../server/db/migrations/index.ts';
import { openTestDatabase } from '../support/test-db.ts';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe('the database engine', () => {
  it('says which PostGIS functions it lacks instead of failing later', async () => {
    const caps = await detectCapabilities(database.db);
    expect(caps.postgisVersion).toMatch(/^3\.\d+/);
    // pglite-postgis is built without protobuf-c; Debian's PostGIS has it (STACK-NOTES).
    expect(caps.mvt).toBe(database.kind === 'postgres');
  });

  it('runs the migrations down and up again', async () => {
    const migrator = new Migrator({ db: database.db, provider: { getMigrations: async () => migrations } });
    const down = await migrator.migrateTo(NO_MIGRATIONS);
    expect(down.error).toBeUndefined();
    expect(down.results?.map((r) => r.status)).toEqual(Object.keys(migrations).map(() => 'Success'));
    const up = await migrateToLatest(database.db);
    expect(up.results?.map((r) => r.status)).toEqual(Object.keys(migrations).map(() => 'Success'));
    expect(await database.db.selectFrom('admin_units').selectAll().execute()).toEqual([]);
  });
});

describe.runIf(inject('testDatabase').kind === 'pglite')('the embedded database directory', () => {
  it('is locked while open: a second process (the CLI while the server runs) is refused clearly', async () => {
    const dataDir = path.join(await mkdtemp(path.join(os.tmpdir(), 'atlas-lock-')), 'db');
    const first = await openPglite({ dataDir });
    try {
      const second = openPglite({ dataDir });
      await expect(second).rejects.toBeInstanceOf(DatabaseLockedError);
      await expect(second).rejects.toThrow(/in use by another Hromada Atlas process/);
    } finally {
      await first.close();
    }
    // Released on close: the next process may open it.
    const again = await openPglite({ dataDir });
    await again.close();
  });
});
