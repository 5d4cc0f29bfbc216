import { spawn, type ChildProcess } from 'node:child_process';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../server/config.ts';
import type { DB } from '../../server/db/schema.ts';
import {
  createFixtureOrganisation,
  createFixtureUser,
  FIXTURE_PASSWORD,
  unique,
} from '../support/factories.ts';

// Issue #15 item 3: stateless app instances on one PostgreSQL. Two real server processes (`tsx
// server/main.ts`) start at once on a fresh, empty database of their own: one imports, the other waits for
// it (advisory lock, main.ts); then a session, a write and an import made through one are seen by the other.
// Native PostgreSQL only: PGlite is one process per data directory by design (its lock file).
const url = process.env.TEST_DATABASE_URL;
const database = `atlas_two_instances_${process.pid}`;
const ports = [18_000 + (process.pid % 1000), 19_000 + (process.pid % 1000)] as const;
const base = (i: 0 | 1) => `http://127.0.0.1:${ports[i]}`;

function withDatabase(u: string, name: string): string {
  const parsed = new URL(u);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function admin(query: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

const children: ChildProcess[] = [];
const logs: string[][] = [[], []];
let db: Kysely<DB>;

function start(i: 0 | 1): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATABASE_URL: withDatabase(url!, database),
      PORT: String(ports[i]),
      HOST: '127.0.0.1',
      ATLAS_LOG_LEVEL: 'info',
      ATLAS_COOKIE_SECURE: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout!, child.stderr!])
    stream.on('data', (d: Buffer) => logs[i]!.push(String(d)));
  children.push(child);
  return child;
}

async function healthy(i: 0 | 1, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (children[i]!.exitCode !== null) throw new Error(`instance ${i} exited: ${logs[i]!.join('')}`);
    const ok = await fetch(`${base(i)}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`instance ${i} not healthy after ${timeoutMs} ms: ${logs[i]!.join('').slice(-2000)}`);
}

/** Polls until `read` gives a value other than `before` (each instance reads the data version at most once a second). */
async function changed<T>(read: () => Promise<T>, before: T, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const now = await read();
    if (now !== before || Date.now() > until) return now;
    await new Promise((r) => setTimeout(r, 250));
  }
}

const dataVersion = (i: 0 | 1) =>
  fetch(`${base(i)}/api/health`)
    .then((r) => r.json() as Promise<{ dataVersion: string }>)
    .then((b) => b.dataVersion);
const cacheControl = (i: 0 | 1, path: string) =>
  fetch(`${base(i)}${path}`).then(async (r) => {
    await r.arrayBuffer();
    if (r.status !== 200) throw new Error(`${path}: ${r.status}`);
    return r.headers.get('cache-control');
  });

describe.skipIf(!url)('two app instances on one PostgreSQL (TEST_DATABASE_URL)', () => {
  beforeAll(async () => {
    await admin(`drop database if exists ${database}`);
    await admin(`create database ${database}`);
    db = new Kysely<DB>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: withDatabase(url!, database) }) }),
    });
    // Both at once, on an empty database.
    start(0);
    start(1);
    await Promise.all([healthy(0, 540_000), healthy(1, 540_000)]);
  }, 600_000);

  afterAll(async () => {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(
      children.map((c) => (c.exitCode !== null ? null : new Promise((r) => c.once('exit', r)))),
    );
    await db?.destroy();
    if (url) await admin(`drop database if exists ${database}`);
  }, 60_000);

  it('imported the data once, though both started on an empty database', async () => {
    const { rows } = await sql<{ file_name: string; n: number }>`
      select file_name, count(*)::int as n from import_batches group by file_name having count(*) > 1`.execute(
      db,
    );
    expect(rows).toEqual([]);
    const { rows: all } = await sql<{ n: number }>`select count(*)::int as n from import_batches`.execute(db);
    expect(all[0]!.n).toBeGreaterThan(5);
    expect(await dataVersion(0)).toBe(await dataVersion(1));
  });

  it('a session made on one is valid on the other; a write and an import through one move the other', async () => {
    const orgName = unique('FIXTURE two-instance organisation');
    const orgId = await createFixtureOrganisation(db, orgName);
    const user = await createFixtureUser(db, { role: 'editor', organisationIds: [orgId] });
    const login = await fetch(`${base(0)}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: user.email, password: FIXTURE_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const me = await fetch(`${base(1)}/api/auth/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { email: string } }).user.email).toBe(user.email);

    const before = await dataVersion(1);
    // A tile and a layer pinned to a version: `immutable` only while that version is the instance's current
    // one (versioned-resource.ts), so the header says which data version the instance's caches serve.
    const tile = (v: string) => `/tiles/hromada/7/74/43?v=${v}`;
    const layer = (v: string) => `/api/layers/hromada.topojson?v=${v}`;
    expect(await cacheControl(1, tile(before))).toContain('immutable');
    // A 5W sheet committed through instance 0 is an import batch (programmes-import.service.ts).
    const code = unique('fixture-two-instances');
    const csv =
      '#org,#sector,#activity,#adm3+code,#date+start,#date+end,#reached,#meta+id\n' +
      `${orgName},Social cohesion,Circles,UA2604019,2024-03-01,2024-12-31,8,${code}\n`;
    const commit = await fetch(`${base(0)}/api/programmes/import?mode=commit&fileName=two.csv`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'text/csv' },
      body: csv,
    });
    expect(commit.status).toBe(200);

    // Instance 1, without a restart: the write is there, and its data version moved, and with it what its caches serve.
    expect((await fetch(`${base(1)}/api/programmes/${encodeURIComponent(code)}`)).status).toBe(200);
    const after = await changed(() => dataVersion(1), before);
    expect(after).not.toBe(before);
    expect(after).toBe(await dataVersion(0));
    // Tiles and layers read the version at most once a second too.
    await new Promise((r) => setTimeout(r, 1500));
    for (const path of [tile, layer]) {
      expect(await cacheControl(1, path(after))).toContain('immutable');
      expect(await cacheControl(1, path(before))).toBe('no-cache');
    }
  });
});
