import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { withAdvisoryLock } from './db/advisory-lock.ts';
import { detectCapabilities } from './db/capabilities.ts';
import { DatabaseStatus } from './db/availability.ts';
import { DatabaseDirectoryError, DatabaseLockedError, openDatabase } from './db/client.ts';
import { migrateToLatest } from './db/migrate.ts';
import { countUsers } from './features/users/users.repository.ts';
import { ensureData } from './pipeline/ensure-data.ts';
import { createLogger } from './shared/logger.ts';
import { mountWebClient } from './web-client.ts';

// Entry: config → database → migrate → data on first start → serve API and web client (STYLE: main.ts).
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const status = new DatabaseStatus(logger);
  // Migrations and the first import run without the requests' statement timeout (OpenOptions in db/client.ts);
  // on PostgreSQL the server then opens its own pool with it. PGlite is one connection in this process.
  let database = await openDatabase(config.database, { purpose: 'maintenance', status });
  logger.info(
    database.kind === 'pglite'
      ? `Database: embedded PGlite + PostGIS at ${config.database.kind === 'pglite' ? config.database.dataDir : ''}`
      : 'Database: PostgreSQL + PostGIS (DATABASE_URL)',
  );
  const prepare = async () => {
    await migrateToLatest(database.db);
    await ensureData(database.db, config, logger);
  };
  try {
    // Instances starting at once on one PostgreSQL: one migrates and imports, the others wait and then find
    // the data (issue #15 item 3).
    if (database.kind === 'postgres') await withAdvisoryLock(database.db, 'hromada-atlas:startup', prepare);
    else await prepare();
  } catch (err) {
    await database.close();
    throw err;
  }
  if (database.kind === 'postgres') {
    await database.close();
    database = await openDatabase(config.database, { purpose: 'requests', status });
  }

  if ((await countUsers(database.db)) === 0) {
    logger.warn(
      'No user accounts yet: everything is read-only until you create the first admin with ' +
        '`npm run admin:create -- --email you@example.org --name "Your Name"` (stop the server first on PGlite)',
    );
  }
  const capabilities = await detectCapabilities(database.db);
  const app = createApp({
    config,
    db: database.db,
    databaseKind: database.kind,
    capabilities,
    logger,
    databaseStatus: status,
  });
  mountWebClient(app);
  const server = serve(
    { fetch: app.fetch, port: config.server.port, hostname: config.server.host },
    (info) => {
      logger.info(`Hromada Atlas is running on http://localhost:${info.port} (API docs: /api/docs)`);
    },
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: shutting down`);
    server.close(() => {
      void database.close().then(() => process.exit(0));
    });
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  // A lost database connection surfacing outside any request (a background refresh of a cache) must not end
  // the process: the next request answers 503 and the pool reconnects (issue #11, item 1). Anything else
  // unhandled still ends it, so that a supervisor restarts a process in an unknown state.
  process.on('unhandledRejection', (reason) => {
    if (status.record(reason)) return;
    logger.error('unhandled rejection', { error: String(reason), stack: (reason as Error)?.stack });
    process.exit(1);
  });
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  // Expected conditions (bad configuration, a locked database, a failed download) print their message only.
  const expected =
    err instanceof ConfigError || err instanceof DatabaseLockedError || err instanceof DatabaseDirectoryError;
  console.error(expected ? (err as Error).message : err);
  process.exit(1);
});
