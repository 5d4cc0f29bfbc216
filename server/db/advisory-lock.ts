import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.ts';

/**
 * Runs `fn` while holding a PostgreSQL session advisory lock named `name`, on one connection of the pool
 * kept for that purpose (fn may use the rest of the pool). Instances that start at once on one database wait
 * here for each other, so the first start's import runs once (issue #15 item 3). PostgreSQL only: PGlite is
 * one process per data directory anyway (its lock file), and its single connection would deadlock.
 */
export async function withAdvisoryLock<T>(db: Kysely<DB>, name: string, fn: () => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(hashtext(${name}))`.execute(conn);
    try {
      return await fn();
    } finally {
      await sql`select pg_advisory_unlock(hashtext(${name}))`.execute(conn);
    }
  });
}
