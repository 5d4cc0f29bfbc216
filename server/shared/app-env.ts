import type { RequestIdVariables } from 'hono/request-id';
import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { DatabaseCapabilities } from '../db/capabilities.ts';
import type { DatabaseKind } from '../db/client.ts';
import type { DB } from '../db/schema.ts';
import type { Logger } from './logger.ts';

/** What every feature can use: handed in once by createApp, never module-level singletons (STYLE §9). */
export interface AppDeps {
  config: Config;
  db: Kysely<DB>;
  databaseKind: DatabaseKind;
  capabilities: DatabaseCapabilities;
  logger: Logger;
}

export interface AppEnv {
  Variables: RequestIdVariables & { deps: AppDeps };
}
