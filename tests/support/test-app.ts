import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { detectCapabilities } from '../../server/db/capabilities.ts';
import type { Database } from '../../server/db/client.ts';
import { createLogger } from '../../server/shared/logger.ts';
import { openTestDatabase } from './test-db.ts';

export interface TestApp {
  app: ReturnType<typeof createApp>;
  database: Database;
  /** GET a path and parse the JSON body. */
  getJson<T = unknown>(path: string): Promise<{ status: number; body: T; headers: Headers }>;
  close(): Promise<void>;
}

/** The real app over a private copy of the imported database, called in-process with app.request(). */
export async function createTestApp(
  opts: { env?: NodeJS.ProcessEnv; now?: () => Date } = {},
): Promise<TestApp> {
  const database = await openTestDatabase();
  const app = createApp({
    config: loadConfig(opts.env ?? {}),
    db: database.db,
    databaseKind: database.kind,
    capabilities: await detectCapabilities(database.db),
    logger: createLogger('silent'),
    now: opts.now,
  });
  return {
    app,
    database,
    async getJson<T>(path: string) {
      const res = await app.request(path);
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : null) as T, headers: res.headers };
    },
    close: () => database.close(),
  };
}
