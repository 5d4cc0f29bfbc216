import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { inject } from 'vitest';
import { openPglite, openPostgres, type Database } from '../../server/db/client.ts';
import { withAdmin, withDatabase } from './global-setup.ts';

/**
 * A private, fully imported database for one test file: a PGlite loaded from the run's dump, or a clone of
 * the PostgreSQL template. Tests may write to it freely; `close()` throws it away.
 */
export async function openTestDatabase(): Promise<Database> {
  const target = inject('testDatabase');
  if (target.kind === 'pglite') {
    const dump = new Blob([await readFile(target.dumpPath)]);
    return openPglite({ loadDataDir: dump });
  }
  const name = `atlas_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(target.url, (admin) => admin.query(`create database ${name} template ${target.template}`));
  const database = openPostgres(withDatabase(target.url, name));
  return {
    ...database,
    close: async () => {
      await database.close();
      await withAdmin(target.url, (admin) => admin.query(`drop database if exists ${name}`));
    },
  };
}
