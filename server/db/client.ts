import { constants as fsConstants } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { Kysely, PGliteDialect, PostgresDialect, type KyselyPlugin } from 'kysely';
import pg from 'pg';
import lockfile from 'proper-lockfile';
import type { Config } from '../config.ts';
import { DatabaseStatus } from './availability.ts';
import type { DB } from './schema.ts';
import { typeParsers } from './type-parsers.ts';

export type DatabaseKind = 'pglite' | 'postgres';

/** An open database: the Kysely handle, which engine is behind it, and how to close it. */
export interface Database {
  readonly db: Kysely<DB>;
  readonly kind: DatabaseKind;
  /** Only on PGlite: the engine itself (dumps for tests and benchmarks). */
  readonly pglite?: PGlite;
  /** What the connection and storage failures seen so far say (shared with the app's error handler). */
  readonly status: DatabaseStatus;
  close(): Promise<void>;
}

export class DatabaseLockedError extends Error {}

/** The embedded database's directory cannot be created or written: the message names it and says what to do. */
export class DatabaseDirectoryError extends Error {}

/** What a pool opened for the server's requests differs in from one opened for migrations and imports. */
export interface OpenOptions {
  /**
   * 'requests' (the server, after start-up): statements are cut off after the configured statement timeout.
   * 'maintenance' (the default: migrations, the import at start and the CLI): no statement timeout, because
   * an import's set-based statements over every boundary can run for minutes on a slow machine and are all
   * or nothing anyway; only the connection timeout applies.
   */
  purpose?: 'requests' | 'maintenance';
  /** Told of connection failures the pool sees outside any query (an idle connection that died). */
  status?: DatabaseStatus;
}

export async function openDatabase(config: Config['database'], options: OpenOptions = {}): Promise<Database> {
  return config.kind === 'postgres'
    ? openPostgres(config.url, {
        connectTimeoutMs: config.connectTimeoutMs,
        statementTimeoutMs: options.purpose === 'requests' ? config.statementTimeoutMs : 0,
        status: options.status,
      })
    : openPglite({ dataDir: config.dataDir, status: options.status });
}

export interface PostgresOptions {
  /** How long to wait for a connection (a new one, or a free one from the pool); 0 = no limit. */
  connectTimeoutMs?: number;
  /** PostgreSQL's statement_timeout for every session of the pool; 0 = none (PostgreSQL's default). */
  statementTimeoutMs?: number;
  status?: DatabaseStatus;
}

export function openPostgres(url: string, options: PostgresOptions = {}): Database {
  const status = options.status ?? new DatabaseStatus();
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // Bounded waits while the server is down or overloaded (issue #11, item 1): a refused connection fails
    // at once, a silent one (a dropped network) after this; so does a wait for a free client of the pool.
    connectionTimeoutMillis: options.connectTimeoutMs ?? 0,
    statement_timeout: options.statementTimeoutMs || undefined,
    // A peer that vanished without a FIN/RST (a cut network) is noticed by TCP keepalive, not never.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        typeParsers[oid] ?? pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // node-postgres: "you must always [listen for] errors on the pool … an idle client [that] experiences an
  // error … will emit an error on the pool; if not handled this will crash your process" (node-postgres.com,
  // API › pg.Pool, events › error). The pool has already dropped the client; the next query opens a new one,
  // which is how the server recovers by itself once the database is back.
  pool.on('error', (err) => status.record(err));
  // A client checked out by Kysely (between the statements of a transaction) has no pool listener: its
  // 'error' event would be unhandled and end the process just the same. The statement in flight fails on its
  // own (and is answered 503); this listener only keeps the process alive.
  pool.on('connect', (client) => {
    client.on('error', (err) => status.record(err));
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [outageEnd(status)] });
  return { db, kind: 'postgres', status, close: () => db.destroy() };
}

/** Tells the status when a query succeeds again, so that the end of an outage is logged (one flag test). */
function outageEnd(status: DatabaseStatus): KyselyPlugin {
  return {
    transformQuery: ({ node }) => node,
    transformResult: async ({ result }) => {
      status.recordSuccess();
      return result;
    },
  };
}

/**
 * PGlite with PostGIS. With a dataDir it persists there; PGlite has no cross-process locking (two processes
 * opening one directory both write: STACK-NOTES), so we hold a lock file for as long as the database is open
 * and refuse clearly when another process (the server, an import) holds it.
 * Without a dataDir it lives in memory, optionally loaded from a dump (tests start from one imported dump).
 */
export async function openPglite(options: {
  dataDir?: string;
  loadDataDir?: Blob;
  /** Tests only: stands in for the writability check (root passes fs.access whatever the mode bits say). */
  checkWritable?: (dir: string) => Promise<void>;
  status?: DatabaseStatus;
}): Promise<Database> {
  let release: (() => Promise<void>) | undefined;
  let dataDir: string | undefined;
  if (options.dataDir) {
    dataDir = await prepareDataDir(options.dataDir, options.checkWritable ?? checkWritable);
    release = await lockDataDir(dataDir);
  }
  try {
    const pglite = await PGlite.create({
      dataDir,
      loadDataDir: options.loadDataDir,
      extensions: { postgis },
      parsers: typeParsers,
    });
    const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
    const status = options.status ?? new DatabaseStatus();
    status.storageDir = dataDir;
    return {
      db,
      kind: 'pglite',
      pglite,
      status,
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

/**
 * Creates the data directory and returns its real path (issue #11, item 8): PGlite mounts the directory into
 * its own file system and does not follow a symlinked one, and the lock must name one directory however it is
 * reached. A directory that cannot be created or written is refused here, naming it, before PGlite fails on
 * it with a bare errno.
 */
async function prepareDataDir(dir: string, writable: (dir: string) => Promise<void>): Promise<string> {
  let real: string;
  try {
    await fs.mkdir(dir, { recursive: true });
    real = await fs.realpath(dir);
  } catch (err) {
    throw new DatabaseDirectoryError(
      `Cannot create the embedded database directory ${dir} (${errnoText(err)}). Set ATLAS_DB_DIR to a ` +
        'directory this user can create and write, or create it and give this user write access.',
    );
  }
  try {
    await writable(real);
  } catch (err) {
    const shown = real === path.resolve(dir) ? dir : `${dir} (${real})`;
    throw new DatabaseDirectoryError(
      `The embedded database directory ${shown} cannot be written (${errnoText(err)}). Give this user write ` +
        'access to it (and to its parent, for the lock file), mount it read-write, or set ATLAS_DB_DIR to ' +
        'another directory.',
    );
  }
  return real;
}

async function checkWritable(dir: string): Promise<void> {
  // The lock file and its owner record live beside the directory, so its parent must be writable too.
  await fs.access(dir, fsConstants.W_OK);
  await fs.access(path.dirname(dir), fsConstants.W_OK);
}

function errnoText(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  // Node's errno messages already start with the code ("ENOTDIR: not a directory, mkdir '…'").
  if (e.code && !e.message.startsWith(e.code)) return `${e.code}: ${e.message}`;
  return e.message ?? String(err);
}

/** Who holds a data directory's lock: written beside the lock when taken, removed when released. */
interface LockOwner {
  pid: number;
  hostname: string;
}

const ownerFileOf = (dataDir: string) => `${dataDir}.lock-owner.json`;

/** The data directories this process holds: a record with our own pid is ours only if listed here. */
const heldHere = new Set<string>();

/**
 * Takes the directory's lock (proper-lockfile: an atomic mkdir of `<dir>.lock`, refreshed every 5 s) and
 * records our pid and host beside it. When the lock is held, a holder on this host whose process is gone (a
 * `kill -9`, a power cut) is taken over at once instead of after the 15 s staleness window (issue #11, item
 * 8). A holder on another host (a shared volume) cannot be checked: its lock goes stale after 15 s without
 * refreshes, as before. Exported for tests; everything else goes through openPglite.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const lock = () => lockfile.lock(dataDir, { stale: 15_000, update: 5_000, realpath: false });
  let release: () => Promise<void>;
  try {
    release = await lock();
  } catch (err) {
    if ((err as { code?: string }).code !== 'ELOCKED') throw err;
    const owner = await readOwner(dataDir);
    if (!owner || !isGone(dataDir, owner)) {
      const who = owner ? ` (process ${owner.pid} on ${owner.hostname})` : '';
      throw new DatabaseLockedError(
        `The embedded database at ${dataDir} is in use by another Hromada Atlas process${who} ` +
          '(the server, or an import). Stop that process first, or send the work through the running server.',
      );
    }
    // The holder died without releasing: remove its lock and take it (proper-lockfile's own stale path).
    await fs.rm(`${dataDir}.lock`, { recursive: true, force: true });
    release = await lock();
  }
  const owner: LockOwner = { pid: process.pid, hostname: os.hostname() };
  await fs.writeFile(ownerFileOf(dataDir), JSON.stringify(owner));
  heldHere.add(dataDir);
  return async () => {
    heldHere.delete(dataDir);
    await fs.rm(ownerFileOf(dataDir), { force: true });
    await release();
  };
}

async function readOwner(dataDir: string): Promise<LockOwner | undefined> {
  try {
    const parsed = JSON.parse(await fs.readFile(ownerFileOf(dataDir), 'utf8')) as Partial<LockOwner>;
    if (typeof parsed.pid === 'number' && typeof parsed.hostname === 'string') {
      return { pid: parsed.pid, hostname: parsed.hostname };
    }
  } catch {
    // No record (a lock taken by an older version, or a crash between the lock and the record): fall back
    // on the lock's own staleness.
  }
  return undefined;
}

/** True when the lock's holder certainly no longer runs. */
function isGone(dataDir: string, owner: LockOwner): boolean {
  if (owner.hostname !== os.hostname()) return false;
  // Our own pid in a record we did not write in this process: a previous life of this process id (in a
  // container the server gets the same small pid on every restart).
  if (owner.pid === process.pid) return !heldHere.has(dataDir);
  try {
    process.kill(owner.pid, 0); // signal 0: only asks whether the process exists
    return false;
  } catch (err) {
    // ESRCH: no such process. EPERM: it exists but is not ours to signal, so it may well hold the lock.
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
