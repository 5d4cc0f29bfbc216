import type { RequestIdVariables } from 'hono/request-id';
import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { DatabaseStatus } from '../db/availability.ts';
import type { DatabaseCapabilities } from '../db/capabilities.ts';
import type { DatabaseKind } from '../db/client.ts';
import type { DB } from '../db/schema.ts';
import type { Logger } from './logger.ts';
import type { Principal } from './principal.ts';
import type { Envelope } from './request-context.ts';

/** What every feature can use: handed in once by createApp, never module-level singletons (STYLE §9). */
export interface AppDeps {
  config: Config;
  db: Kysely<DB>;
  databaseKind: DatabaseKind;
  capabilities: DatabaseCapabilities;
  logger: Logger;
  /** Connection and storage failures seen so far (issue #11); createApp makes one when none is given. */
  databaseStatus?: DatabaseStatus;
  /** The clock of sessions, lockouts and the audit trail; tests move it instead of sleeping. */
  now?: () => Date;
}

export interface AppEnv {
  Variables: RequestIdVariables & {
    deps: AppDeps;
    /**
     * Who is calling (session cookie or API token; null = anonymous), looked up once and only when needed:
     * a public read on a browser session (every map tile) costs no database lookup. Use principalOf(c).
     */
    principal: () => Promise<Principal | null>;
    /** The headers every response carries, precomputed: see respond() in request-context.ts. */
    envelope: Envelope;
  };
}

/** The current time by the app's clock. */
export function nowOf(deps: AppDeps): Date {
  return deps.now ? deps.now() : new Date();
}
