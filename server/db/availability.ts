import { statfs } from 'node:fs/promises';
import type { Logger } from '../shared/logger.ts';

/**
 * Whether the database can serve us, decided in one place (issue #11, item 1): which errors mean "the
 * database is unreachable or cannot write right now" (answered 503 DATABASE_UNAVAILABLE with Retry-After by
 * the app's one error handler, never per route), and a small memory of the last such failure that the health
 * route reads.
 */

/** Seconds a client should wait before retrying (the Retry-After of every DATABASE_UNAVAILABLE answer). */
export const RETRY_AFTER_SECONDS = 5;

/** How long a failed write on the embedded database keeps /api/health at 503 (see DatabaseStatus). */
export const STORAGE_FAILURE_MEMORY_MS = 60_000;

/** Below this much free space on the embedded database's disk, /api/health reports it cannot write. */
export const MIN_FREE_BYTES = 16 * 1024 * 1024;

export type UnavailableKind = 'connection' | 'timeout' | 'storage';

// Socket-level failures from node:net / dns, as pg surfaces them when it cannot reach the server or the
// connection breaks under it.
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

// SQLSTATEs (PostgreSQL docs, Appendix A "PostgreSQL Error Codes"): class 08 is "Connection Exception";
// 57P01 admin_shutdown (what every backend answers on `pg_ctl stop -m fast|immediate`), 57P02 crash_shutdown,
// 57P03 cannot_connect_now (starting up, shutting down, in recovery); 53300 too_many_connections.
const CONNECTION_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
// 57014 query_canceled: our statement_timeout (ATLAS_DB_STATEMENT_TIMEOUT_MS) cut a statement short.
const TIMEOUT_SQLSTATES = new Set(['57014']);
// Class 53 insufficient resources (53100 disk_full, 53200 out_of_memory) and 58030 io_error: the database
// is there but cannot write. On the embedded PGlite a full or read-only disk shows up this way, or as the
// file system's own errno codes below.
const STORAGE_SQLSTATES = new Set(['53000', '53100', '53200', '58030']);
const STORAGE_ERRNO = new Set(['ENOSPC', 'EROFS', 'EIO', 'EDQUOT']);

// pg and pg-pool raise these as plain Errors without a code (node_modules/pg/lib/client.js, pg-pool/index.js).
const CONNECTION_MESSAGES = [
  /^Connection terminated/, // "… unexpectedly", "… due to connection timeout"
  /timeout exceeded when trying to connect/, // pg-pool: no free client within connectionTimeoutMillis
  /Client has encountered a connection error and is not queryable/,
  /Connection terminated due to connection timeout/,
  /^terminating connection/, // a backend's FATAL text when the code is lost on the way
];
const STORAGE_MESSAGES = [
  /No space left on device/i,
  /Read-only file system/i,
  /could not (write|extend) (to )?file/i,
];

/**
 * What kind of "database unavailable" an error is, or undefined when it is something else (a bug, a
 * constraint violation…) that must keep its own handling. Follows `cause` chains and AggregateErrors (Node
 * reports a refused connection to a host with several addresses as one AggregateError).
 */
export function classifyDatabaseError(err: unknown, depth = 0): UnavailableKind | undefined {
  if (err === null || typeof err !== 'object' || depth > 5) return undefined;
  const e = err as { code?: unknown; message?: unknown; errors?: unknown; cause?: unknown };
  const code = typeof e.code === 'string' ? e.code : undefined;
  const message = typeof e.message === 'string' ? e.message : '';
  if (code !== undefined) {
    if (SOCKET_CODES.has(code) || CONNECTION_SQLSTATES.has(code) || code.startsWith('08'))
      return 'connection';
    if (TIMEOUT_SQLSTATES.has(code)) return 'timeout';
    if (STORAGE_SQLSTATES.has(code) || STORAGE_ERRNO.has(code)) return 'storage';
  }
  if (CONNECTION_MESSAGES.some((re) => re.test(message))) return 'connection';
  if (STORAGE_MESSAGES.some((re) => re.test(message))) return 'storage';
  if (Array.isArray(e.errors)) {
    for (const inner of e.errors) {
      const kind = classifyDatabaseError(inner, depth + 1);
      if (kind) return kind;
    }
  }
  return e.cause === undefined ? undefined : classifyDatabaseError(e.cause, depth + 1);
}

/** The message a client sees: says what is wrong in words, leaks no host names or internals. */
export function unavailableMessage(kind: UnavailableKind): string {
  switch (kind) {
    case 'connection':
      return 'The database cannot be reached; retry in a few seconds';
    case 'timeout':
      return 'The database did not answer in time; retry in a few seconds';
    case 'storage':
      return 'The database cannot write (disk full or read-only?); retry later';
  }
}

interface Failure {
  readonly kind: UnavailableKind;
  readonly at: number;
  readonly detail: string;
}

/**
 * The last time the database failed us, shared by the pool's error listeners, the error handler and the
 * health route; it also keeps the log readable under load (one line per outage, not one per request).
 *
 * Why remember write failures instead of probing with a write: a probe that updates one row rewrites a page
 * PostgreSQL already has, so it does not allocate disk and passes on a full disk; only a real write that
 * needs new space fails. So the health route reports 503 for a while after a real write failed on storage,
 * and, on PGlite, also when the data directory's file system is (nearly) full — one statfs call, no write
 * (see health.routes.ts).
 */
export class DatabaseStatus {
  #last: Failure | undefined;
  #loggedOutage = false;
  #loggedAt = 0;
  /** On PGlite with a data directory: where it is, for the free-space check. */
  storageDir: string | undefined;

  constructor(
    private readonly log: Pick<Logger, 'warn' | 'info'> = { warn: () => {}, info: () => {} },
    private readonly clock: () => number = Date.now,
    /** Free bytes for an unprivileged user on the file system of `dir` (tests stand in a full disk). */
    private readonly freeBytes: (dir: string) => Promise<number> = async (dir) => {
      const s = await statfs(dir);
      return s.bavail * s.bsize;
    },
  ) {}

  /** Records an error if it is a database-unavailable one; returns its kind (undefined for any other error). */
  record(err: unknown): UnavailableKind | undefined {
    const kind = classifyDatabaseError(err);
    if (!kind) return undefined;
    this.#last = { kind, at: this.clock(), detail: err instanceof Error ? err.message : String(err) };
    // One line when an outage starts, then one a minute while it lasts.
    if (!this.#loggedOutage || this.#last.at - this.#loggedAt > 60_000) {
      this.#loggedOutage = true;
      this.#loggedAt = this.#last.at;
      this.log.warn(`database unavailable (${kind}): ${this.#last.detail}`);
    }
    return kind;
  }

  /** A query just succeeded: the outage (if any) is over. A storage failure is still remembered. */
  recordSuccess(): void {
    if (this.#loggedOutage) {
      this.#loggedOutage = false;
      this.log.info('database available again');
    }
  }

  /**
   * Why the database cannot take writes, or undefined: a write failed on storage within
   * STORAGE_FAILURE_MEMORY_MS, or the data directory's file system has less than MIN_FREE_BYTES left.
   */
  async storageProblem(): Promise<string | undefined> {
    const last = this.#last;
    if (last?.kind === 'storage' && this.clock() - last.at <= STORAGE_FAILURE_MEMORY_MS) {
      return `a write failed ${Math.round((this.clock() - last.at) / 1000)} s ago (disk full or read-only?)`;
    }
    if (this.storageDir) {
      // Cannot tell (the directory went away?): say nothing rather than guess.
      const free = await this.freeBytes(this.storageDir).catch(() => undefined);
      if (free !== undefined && free < MIN_FREE_BYTES) {
        return `only ${Math.round(free / 1024)} KiB left on its disk`;
      }
    }
    return undefined;
  }
}
