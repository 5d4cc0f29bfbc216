import { spawn } from 'node:child_process';
import { mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { Migrator, NO_MIGRATIONS } from 'kysely/migration';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import {
  DatabaseDirectoryError,
  DatabaseLockedError,
  lockDataDir,
  openPglite,
  type Database,
} from '../../server/db/client.ts';
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

/** Starts tests/support/pglite-holder.ts on dataDir; resolves with the child once its database is open. */
function holdInChild(dataDir: string) {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'support', 'pglite-holder.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script, dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise<typeof child>((resolve, reject) => {
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      if (out.includes('ready')) resolve(child);
    });
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    child.once('exit', (code) => reject(new Error(`holder exited with ${code}: ${out}`)));
  });
}

// Issue #11, item 8: after a kill -9 the next start was refused for 10–15 s ("in use by another process"); a
// symlinked ATLAS_DB_DIR failed with a bare ErrnoError 20; an unwritable one failed without saying so.
describe.runIf(inject('testDatabase').kind === 'pglite')(
  'the embedded database directory after a crash',
  () => {
    let root: string;
    beforeAll(async () => {
      root = await mkdtemp(path.join(os.tmpdir(), 'atlas-crash-'));
    });
    afterAll(async () => {
      await rm(root, { recursive: true, force: true });
    });

    it('is taken over at once from a process killed with SIGKILL, and opens through a symlink', async () => {
      const dataDir = path.join(root, 'db');
      const child = await holdInChild(dataDir);
      // While the holder runs, its lock stands.
      await expect(openPglite({ dataDir })).rejects.toThrow(
        new RegExp(`in use by another Hromada Atlas process \\(process ${child.pid} on `),
      );
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;

      // The lock is taken over at once (before: refused until its mtime was 15 s old)…
      const started = performance.now();
      const release = await lockDataDir(await realpath(dataDir));
      expect(performance.now() - started).toBeLessThan(1_000);
      await release();
      // …and the database opens (PGlite's own reopen after a crash takes seconds: STACK-NOTES).
      const reopened = await openPglite({ dataDir });
      try {
        expect((await sql<{ x: number }>`select 1::int as x`.execute(reopened.db)).rows).toEqual([{ x: 1 }]);
        // The same directory through a symlink is the same lock.
        const link = path.join(root, 'link');
        await symlink(dataDir, link);
        await expect(openPglite({ dataDir: link })).rejects.toBeInstanceOf(DatabaseLockedError);
      } finally {
        await reopened.close();
      }
      const viaLink = await openPglite({ dataDir: path.join(root, 'link') });
      try {
        expect((await sql<{ x: number }>`select 2::int as x`.execute(viaLink.db)).rows).toEqual([{ x: 2 }]);
      } finally {
        await viaLink.close();
      }
    });

    it('names a directory that cannot be created, and says what to do', async () => {
      const file = path.join(root, 'a-file');
      await writeFile(file, 'not a directory');
      const opening = openPglite({ dataDir: path.join(file, 'db') });
      await expect(opening).rejects.toBeInstanceOf(DatabaseDirectoryError);
      await expect(opening).rejects.toThrow(
        new RegExp(`Cannot create the embedded database directory ${file}/db \\(ENOTDIR.*Set ATLAS_DB_DIR`),
      );
    });

    it('names a directory that cannot be written, and says what to do', async () => {
      // Root passes fs.access(W_OK) whatever the mode bits say, and no read-only mount is available here: the
      // check is injected with the error a read-only file system gives.
      const dataDir = path.join(root, 'read-only');
      const opening = openPglite({
        dataDir,
        checkWritable: async (dir) => {
          throw Object.assign(new Error(`EROFS: read-only file system, access '${dir}'`), { code: 'EROFS' });
        },
      });
      await expect(opening).rejects.toBeInstanceOf(DatabaseDirectoryError);
      await expect(opening).rejects.toThrow(
        new RegExp(`directory ${dataDir} cannot be written \\(EROFS.*Give this user write access`),
      );
    });

    it.runIf(process.getuid?.() !== 0)(
      'refuses a directory without write permission (not as root)',
      async () => {
        const { chmod, mkdir } = await import('node:fs/promises');
        const dataDir = path.join(root, 'no-write');
        await mkdir(dataDir);
        await chmod(dataDir, 0o500);
        try {
          await expect(openPglite({ dataDir })).rejects.toThrow(/cannot be written \(EACCES/);
        } finally {
          await chmod(dataDir, 0o700);
        }
      },
    );
  },
);
