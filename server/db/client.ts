import fs from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import lockfile from 'proper-lockfile';
import type { Config } from '../config.ts';
import type { DB } from './schema.ts';
import { typeParsers } from './type-parsers.ts';

export type DatabaseKind = 'pglite' | 'postgres';

/** An open database: the Kysely handle, which engine is behind it, and how to close it. */
export interface Database {
  readonly db: Kysely<DB>;
  readonly kind: DatabaseKind;
  /** Only on PGlite: the engine itself (dumps for tests and benchmarks). */
  readonly pglite?: PGlite;
  close(): Promise<void>;
}

export class DatabaseLockedError extends Error {}

export async function openDatabase(config: Config['database']): Promise<Database> {
  return config.kind === 'postgres' ? openPostgres(config.url) : openPglite({ dataDir: config.dataDir });
}

export function openPostgres(url: string): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        typeParsers[oid] ?? pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
    },
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgres', close: () => db.destroy() };
}

/**
 * PGlite with PostGIS. With a dataDir it persists there; PGlite has no cross-process locking (two processes
 * opening one directory both write: STACK-NOTES), so we hold a lock file for as long as the database is open
 * and refuse clearly when another process (the server, an import) holds it.
 * Without a dataDir it lives in memory, optionally loaded from a dump (tests start from one imported dump).
 */
export async function openPglite(options: { dataDir?: string; loadDataDir?: Blob }): Promise<Database> {
  let release: (() => Promise<void>) | undefined;
  if (options.dataDir) {
    await fs.mkdir(options.dataDir, { recursive: true });
    try {
      release = await lockfile.lock(options.dataDir, { stale: 15_000, update: 5_000, realpath: false });
    } catch (err) {
      if ((err as { code?: string }).code === 'ELOCKED') {
        throw new DatabaseLockedError(
          `The embedded database at ${options.dataDir} is in use by another Hromada Atlas process ` +
            '(the server, or an import). Stop that process first, or send the work through the running server.',
        );
      }
      throw err;
    }
  }
  try {
    const pglite = await PGlite.create({
      dataDir: options.dataDir,
      loadDataDir: options.loadDataDir,
      extensions: { postgis },
      parsers: typeParsers,
    });
    const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
    return {
      db,
      kind: 'pglite',
      pglite,
      close: async () => {
        await db.destroy();
        await release?.();
      },
    };
  } catch (err) {
    await release?.();
    throw err;
  }
}
