import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** Repository root, so that relative defaults do not depend on the working directory. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

// Every setting the product reads from the environment, in one place (STYLE §6: unkey zEnv, immich getEnv).
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  // Bounded waits on native PostgreSQL (issue #11): a new or free connection, and each statement of a request
  // (0 = no limit). Migrations and imports run without the statement timeout (see db/client.ts).
  ATLAS_DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(5_000),
  ATLAS_DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  ATLAS_DB_DIR: z
    .string()
    .min(1)
    .default(path.join(repoRoot, '.atlas', 'db')),
  ATLAS_CACHE_DIR: z
    .string()
    .min(1)
    .default(path.join(repoRoot, '.atlas', 'cache')),
  ATLAS_DATA_MIRROR: z.string().min(1).optional(),
  ATLAS_AUTO_IMPORT: booleanFlag.default(true),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  // An optional online basemap under the map's own outlines (issue #4): a MapLibre style URL. Unset, the
  // map needs no internet at all.
  ATLAS_BASEMAP_STYLE_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL of a MapLibre style' })
    .optional(),
  ATLAS_BASEMAP_ATTRIBUTION: z.string().min(1).max(500).optional(),
  // Accounts and protection (issue #6; docs/accounts.md).
  ATLAS_READ_ACCESS: z.enum(['public', 'login']).default('public'),
  ATLAS_CORS_ORIGINS: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().refine(isOrigin, 'each must be an origin such as https://atlas.example.org')))
    .optional(),
  ATLAS_SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  ATLAS_BODY_LIMIT_MB: z.coerce.number().positive().max(1024).default(10),
  ATLAS_COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  // Sign-in throttling without a hard lock (issue #11 item 3; OWASP Authentication Cheat Sheet, "Protect
  // Against Automated Attacks"): per address, failures stop the address; per account, they only delay.
  ATLAS_LOGIN_WINDOW_MINUTES: z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .default(15),
  ATLAS_LOGIN_ADDRESS_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(10),
  ATLAS_LOGIN_ACCOUNT_FREE_FAILURES: z.coerce.number().int().min(1).max(1000).default(20),
  ATLAS_LOGIN_MAX_DELAY_SECONDS: z.coerce.number().int().min(1).max(300).default(30),
  // Rate limits per client address (issue #11 item 3), in memory per process.
  ATLAS_TRUSTED_PROXIES: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.union([z.ipv4(), z.ipv6()], { error: 'each must be an IP address' })))
    .optional(),
  ATLAS_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  ATLAS_RATE_ANONYMOUS_WRITES: z.coerce.number().int().min(1).max(100_000).default(30),
  ATLAS_RATE_COMPUTE: z.coerce.number().int().min(1).max(100_000).default(30),
  ATLAS_TARGETING_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(1),
  ATLAS_TARGETING_QUEUE: z.coerce.number().int().min(0).max(1000).default(4),
  ATLAS_TARGETING_TIME_LIMIT: z.coerce.number().min(1).max(3600).default(20),
  // The heavy-work pool (issue #15 item 2): by default one core is left to the event loop.
  ATLAS_WORKER_THREADS: z.coerce
    .number()
    .int()
    .min(1)
    .max(64)
    .default(Math.max(1, availableParallelism() - 1)),
  ATLAS_WORKER_QUEUE: z.coerce.number().int().min(0).max(1000).default(16),
});

/** An origin as browsers send it: scheme, host and port, no path ("*" is refused: cookies need a list). */
function isOrigin(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === value;
  } catch {
    return false;
  }
}

export interface Config {
  readonly server: { readonly port: number; readonly host: string };
  readonly database:
    | {
        readonly kind: 'postgres';
        readonly url: string;
        readonly connectTimeoutMs: number;
        /** Applied to the server's request pool only; 0 = none. */
        readonly statementTimeoutMs: number;
      }
    | { readonly kind: 'pglite'; readonly dataDir: string };
  readonly data: {
    readonly cacheDir: string;
    readonly mirrorDir: string | undefined;
    readonly autoImport: boolean;
  };
  readonly logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /** The optional online basemap; null = none (the default: works offline). */
  readonly basemap: { readonly styleUrl: string; readonly attribution: string | null } | null;
  readonly security: {
    /** 'login': every data read needs a signed-in user too (writes always do). */
    readonly readAccess: 'public' | 'login';
    /** Origins allowed to call the API from a browser (with credentials); null = CORS off. */
    readonly corsOrigins: readonly string[] | null;
    readonly sessionTtlMs: number;
    readonly bodyLimitBytes: number;
    /** 'auto': Secure when the request came over https (its URL or X-Forwarded-Proto). */
    readonly cookieSecure: 'auto' | boolean;
    readonly login: {
      /** Failures are counted over this window, and forgotten after it. */
      readonly windowMs: number;
      /** Failed sign-ins per client address per window; beyond, that address gets 429 until they age out. */
      readonly addressMaxFailures: number;
      /** Failures per account per window before each further attempt waits (doubling, up to maxDelayMs). */
      readonly accountFreeFailures: number;
      readonly maxDelayMs: number;
    };
    /**
     * Socket addresses of reverse proxies whose X-Forwarded-For is believed; empty = the socket's address is
     * the client (OWASP: X-Forwarded-For is client input unless a proxy you run sets it).
     */
    readonly trustedProxies: readonly string[];
  };
  /** Per client address and window (in memory, per process: N instances allow N times as much). */
  readonly rateLimits: {
    readonly windowMs: number;
    /** Writes by callers who are not signed in (scenarios, re-scoring, targeting). */
    readonly anonymousWrites: number;
    /** Expensive computations: targeting, POST scores, hotspots with permutations, exports. */
    readonly compute: number;
  };
  readonly targeting: {
    /** Solves at once; the rest wait in a queue of `queue`, beyond which the answer is 503. */
    readonly concurrency: number;
    readonly queue: number;
    /** Seconds an exact solve has; past them (and a grace) the answer is the labelled greedy preview. */
    readonly timeLimitSeconds: number;
  };
  /** Threads for exact targeting, rank bands and LISA/Gi*; `queue` tasks may wait, beyond that 503. */
  readonly workers: {
    readonly threads: number;
    readonly queue: number;
  };
}

export class ConfigError extends Error {}

/** Parses the environment once; reports every invalid key at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration in the environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return Object.freeze({
    server: Object.freeze({ port: e.PORT, host: e.HOST }),
    database: Object.freeze(
      e.DATABASE_URL
        ? {
            kind: 'postgres' as const,
            url: e.DATABASE_URL,
            connectTimeoutMs: e.ATLAS_DB_CONNECT_TIMEOUT_MS,
            statementTimeoutMs: e.ATLAS_DB_STATEMENT_TIMEOUT_MS,
          }
        : { kind: 'pglite' as const, dataDir: path.resolve(e.ATLAS_DB_DIR) },
    ),
    data: Object.freeze({
      cacheDir: path.resolve(e.ATLAS_CACHE_DIR),
      mirrorDir: e.ATLAS_DATA_MIRROR ? path.resolve(e.ATLAS_DATA_MIRROR) : undefined,
      autoImport: e.ATLAS_AUTO_IMPORT,
    }),
    logLevel: e.LOG_LEVEL,
    basemap: e.ATLAS_BASEMAP_STYLE_URL
      ? Object.freeze({
          styleUrl: e.ATLAS_BASEMAP_STYLE_URL,
          attribution: e.ATLAS_BASEMAP_ATTRIBUTION ?? null,
        })
      : null,
    security: Object.freeze({
      readAccess: e.ATLAS_READ_ACCESS,
      corsOrigins: e.ATLAS_CORS_ORIGINS?.length ? Object.freeze(e.ATLAS_CORS_ORIGINS) : null,
      sessionTtlMs: e.ATLAS_SESSION_TTL_HOURS * 3_600_000,
      bodyLimitBytes: Math.round(e.ATLAS_BODY_LIMIT_MB * 1024 * 1024),
      cookieSecure: e.ATLAS_COOKIE_SECURE === 'auto' ? ('auto' as const) : e.ATLAS_COOKIE_SECURE === 'true',
      login: Object.freeze({
        windowMs: e.ATLAS_LOGIN_WINDOW_MINUTES * 60_000,
        addressMaxFailures: e.ATLAS_LOGIN_ADDRESS_MAX_FAILURES,
        accountFreeFailures: e.ATLAS_LOGIN_ACCOUNT_FREE_FAILURES,
        maxDelayMs: e.ATLAS_LOGIN_MAX_DELAY_SECONDS * 1000,
      }),
      trustedProxies: Object.freeze(e.ATLAS_TRUSTED_PROXIES ?? []),
    }),
    rateLimits: Object.freeze({
      windowMs: e.ATLAS_RATE_WINDOW_SECONDS * 1000,
      anonymousWrites: e.ATLAS_RATE_ANONYMOUS_WRITES,
      compute: e.ATLAS_RATE_COMPUTE,
    }),
    targeting: Object.freeze({
      concurrency: e.ATLAS_TARGETING_CONCURRENCY,
      queue: e.ATLAS_TARGETING_QUEUE,
      timeLimitSeconds: e.ATLAS_TARGETING_TIME_LIMIT,
    }),
    workers: Object.freeze({
      threads: e.ATLAS_WORKER_THREADS,
      queue: e.ATLAS_WORKER_QUEUE,
    }),
  });
}
