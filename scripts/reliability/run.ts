// Usage: npm run reliability [-- --skip-load] [-- --skip-fault] [-- --skip-fuzz]
//
// The reliability suite of issue #11, for people (CI runs the fault test in tests/integration instead):
// on a throwaway native PostgreSQL 15 + PostGIS cluster on a free loopback port, the real server (a child
// process) imports the real data from ATLAS_DATA_MIRROR, then
//   1. load: bounded autocannon runs (≤ 20 s and a fixed number of requests per route, loopback only) on
//      tiles, scores, profiles, programmes and targeting — no errors, no 5xx, p99, the server's RSS;
//   2. fault: writers and readers keep going while the database is stopped with `-m immediate` and started
//      again — every answer meanwhile is 503 DATABASE_UNAVAILABLE with its body and Retry-After, the process
//      stays up, the recovery time is measured, and every write acknowledged with 2xx before, during or after
//      the outage is in the database afterwards;
//   3. fuzz: the schema-driven fuzz of every OpenAPI operation (tests/integration/fuzz.test.ts) on the same
//      cluster, with more runs per operation than CI gives it (FUZZ_RUNS, default 40 here) — no 5xx, no answer
//      outside the document.
// Prints a report (docs/reliability.md has the last one) and exits 1 if any check failed.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { repoRoot } from '../../server/config.ts';
import { tileAt } from '../../server/features/tiles/tile-coords.ts';
import { clusterUnavailableReason, createCluster, freePort, type Cluster } from './lib/cluster.ts';
import { startServer, type ServerProcess } from './lib/server.ts';

const run = promisify(execFile);
const { values: flags } = parseArgs({
  options: {
    'skip-load': { type: 'boolean', default: false },
    'skip-fault': { type: 'boolean', default: false },
    'skip-fuzz': { type: 'boolean', default: false },
  },
});
const MIRROR = path.resolve(process.env.ATLAS_DATA_MIRROR ?? path.join(repoRoot, '..', 'shared', 'data'));
const ADMIN = { email: 'reliability@example.org', password: 'reliability suite password 1234' };

const failures: string[] = [];
const report: string[] = [];
const log = (line: string) => console.log(`[reliability] ${line}`);
function check(ok: boolean, what: string): void {
  if (!ok) failures.push(what);
  log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
}

/** The server's resident set and its peak so far, from /proc (Linux), in MiB. */
function memory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

interface Session {
  token: string;
  organisationId: number;
  pcodes: string[];
}

async function json<T>(res: Response): Promise<T> {
  const text = await res.text();
  if (!res.ok) throw new Error(`${res.url}: ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

/** An admin (through the CLI, as an operator makes one), an API token, an organisation, some hromadas. */
async function prepare(server: ServerProcess, cluster: Cluster): Promise<Session> {
  await run(
    process.execPath,
    ['--import', 'tsx', 'scripts/admin-create.ts', '--email', ADMIN.email, '--name', 'Reliability suite'],
    {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: cluster.url, ATLAS_ADMIN_PASSWORD: ADMIN.password },
    },
  );
  const login = await fetch(`${server.base}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  const { csrfToken } = await json<{ csrfToken: string }>(login.clone());
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const created = await json<{ secret: string }>(
    await fetch(`${server.base}/api/tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrfToken },
      body: JSON.stringify({ name: 'reliability suite' }),
    }),
  );
  const auth = { Authorization: `Bearer ${created.secret}`, 'Content-Type': 'application/json' };
  const org = await json<{ id: number }>(
    await fetch(`${server.base}/api/organisations`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ name: `Reliability suite ${Date.now()}` }),
    }),
  );
  const units = await json<{ items: { pcode: string }[] }>(
    await fetch(`${server.base}/api/units?level=hromada&limit=200`),
  );
  const pcodes = units.items.map((u) => u.pcode);
  if (pcodes.length < 10) throw new Error(`only ${pcodes.length} hromadas: was the data imported?`);
  return { token: created.secret, organisationId: org.id, pcodes };
}

// ---------------------------------------------------------------------------------------------------------
// 1. Load

interface Route {
  name: string;
  connections: number;
  amount: number;
  requests: autocannon.Request[];
}

function routes(s: Session): Route[] {
  // Tiles over Ukraine at zoom 6 and 8 (the map's usual range), each a distinct tile.
  const tiles = new Map<string, string>();
  for (const z of [6, 8])
    for (let lon = 22.5; lon <= 40; lon += 1.5)
      for (let lat = 44.5; lat <= 52.2; lat += 1) {
        const t = tileAt(lon, lat, z);
        tiles.set(`${t.z}/${t.x}/${t.y}`, `/tiles/hromada/${t.z}/${t.x}/${t.y}`);
      }
  const get = (paths: string[]) => paths.map((p) => ({ method: 'GET' as const, path: p }));
  return [
    { name: 'tiles', connections: 8, amount: 5_000, requests: get([...tiles.values()]) },
    {
      name: 'scores',
      connections: 4,
      amount: 600,
      requests: get(['/api/models/cpi/scores?bands=true&fields=summary', '/api/models/cpi/scores']),
    },
    {
      name: 'profiles',
      connections: 4,
      amount: 1_000,
      requests: get(s.pcodes.slice(0, 100).map((p) => `/api/units/${p}`)),
    },
    { name: 'programmes', connections: 4, amount: 400, requests: get(['/api/programmes']) },
    {
      name: 'targeting',
      connections: 2,
      amount: 40,
      requests: [
        {
          method: 'POST',
          path: '/api/targeting',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({
            cost: { type: 'per_capita', amount: 20 },
            budget: 3_000_000,
            filters: { excludeOccupied: true },
          }),
        },
      ],
    },
  ];
}

async function loadRoute(base: string, route: Route): Promise<autocannon.Result> {
  if (!base.startsWith('http://127.0.0.1:')) throw new Error(`load only on loopback, not ${base}`);
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections: route.connections,
        amount: route.amount,
        requests: route.requests,
        timeout: 30,
      },
      (err, result) => (err ? reject(err as Error) : resolve(result)),
    );
    // At most 20 s per route (issue #11), whatever the amount.
    const cap = setTimeout(() => instance.stop(), 20_000);
    instance.on('done', () => clearTimeout(cap));
  });
}

async function loadTest(server: ServerProcess, session: Session): Promise<void> {
  log('load: bounded autocannon runs on loopback');
  const pid = server.child.pid!;
  const before = memory(pid);
  report.push(
    '### Load (autocannon on 127.0.0.1, ≤ 20 s per route)',
    '',
    '| route | connections | requests | req/s | p50 ms | p99 ms | max ms | 2xx | 429 | other non-2xx | errors/timeouts | RSS after MiB |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const route of routes(session)) {
    const r = await loadRoute(server.base, route);
    const statuses = r.statusCodeStats as unknown as Record<string, { count: number }>;
    const count = (pred: (s: number) => boolean) =>
      Object.entries(statuses)
        .filter(([s]) => pred(Number(s)))
        .reduce((n, [, v]) => n + v.count, 0);
    const fivexx = count((s) => s >= 500);
    // A 429 is the rate limit working (issue #11, item 3), not a failure of the server.
    const other = count((s) => (s < 200 || s >= 300) && s !== 429);
    const after = memory(pid);
    report.push(
      `| ${route.name} | ${route.connections} | ${r.requests.total} | ${r.requests.average.toFixed(0)} | ` +
        `${r.latency.p50} | ${r.latency.p99} | ${r.latency.max} | ${r['2xx']} | ${count((s) => s === 429)} | ` +
        `${other} | ${r.errors}/${r.timeouts} | ${after.rss.toFixed(0)} |`,
    );
    check(
      fivexx === 0 && r.errors === 0 && r.timeouts === 0,
      `load ${route.name}: no 5xx, errors or timeouts`,
    );
    check(other === 0, `load ${route.name}: every answer 2xx (or 429)`);
  }
  const after = memory(pid);
  report.push(
    '',
    `Server RSS: ${before.rss.toFixed(0)} MiB before the load, ${after.rss.toFixed(0)} MiB after, ` +
      `peak ${after.peak.toFixed(0)} MiB (VmHWM, start-up import included).`,
    '',
  );
}

// ---------------------------------------------------------------------------------------------------------
// 2. Fault

interface Answer {
  at: number;
  ms: number;
  status: number;
  code?: string;
  requestId?: string;
  retryAfter: string | null;
  kind: 'read' | 'write';
  programme?: string;
}

async function request(
  base: string,
  kind: 'read' | 'write',
  path: string,
  init: RequestInit,
  programme?: string,
): Promise<Answer> {
  const at = performance.now();
  try {
    const res = await fetch(`${base}${path}`, { ...init, signal: AbortSignal.timeout(20_000) });
    const text = await res.text();
    let error: { code?: string; requestId?: string } | undefined;
    if (res.status >= 400) error = (JSON.parse(text) as { error?: typeof error }).error;
    return {
      at,
      ms: performance.now() - at,
      status: res.status,
      code: error?.code,
      requestId: error?.requestId,
      retryAfter: res.headers.get('retry-after'),
      kind,
      programme,
    };
  } catch {
    // No answer at all (the connection refused or reset: the process died, or a timeout).
    return { at, ms: performance.now() - at, status: 0, retryAfter: null, kind, programme };
  }
}

async function faultTest(server: ServerProcess, cluster: Cluster, session: Session): Promise<void> {
  log('fault: writers and readers while the database is stopped -m immediate and started again');
  const answers: Answer[] = [];
  const runId = Date.now().toString(36);
  let stop = false;
  let n = 0;
  const writer = async () => {
    while (!stop) {
      const code = `REL-${runId}-${++n}`;
      const body = {
        code,
        organisationId: session.organisationId,
        title: `Reliability write ${n}`,
        sector: 'Protection',
        periodStart: '2026-01-01',
        sites: [{ pcode: session.pcodes[n % session.pcodes.length] }],
      };
      answers.push(
        await request(
          server.base,
          'write',
          '/api/programmes',
          {
            method: 'POST',
            headers: { Authorization: `Bearer ${session.token}`, 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
          },
          code,
        ),
      );
    }
  };
  const readPaths = [
    '/api/health',
    '/api/models/cpi/scores?bands=true&fields=summary',
    ...session.pcodes.slice(0, 20).map((p) => `/api/units/${p}`),
  ];
  const reader = async (offset: number) => {
    for (let i = offset; !stop; i++) {
      answers.push(await request(server.base, 'read', readPaths[i % readPaths.length]!, {}));
    }
  };
  const loops = [writer(), writer(), writer(), writer(), reader(0), reader(7), reader(13), reader(17)];

  await new Promise((r) => setTimeout(r, 3_000));
  const stopAt = performance.now();
  await cluster.stopImmediate();
  const stoppedAt = performance.now();
  await new Promise((r) => setTimeout(r, 6_000));
  const aliveDuringOutage = server.alive();
  const startAt = performance.now();
  await cluster.start();
  const startedAt = performance.now();
  // Recovery: the first 2xx of each kind that was sent after the database accepted connections again.
  let recovered: number | undefined;
  while (performance.now() - startedAt < 30_000) {
    const ok = answers.find((a) => a.at >= startedAt && a.status >= 200 && a.status < 300);
    if (ok) {
      recovered = ok.at + ok.ms;
      break;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  await new Promise((r) => setTimeout(r, 3_000));
  stop = true;
  await Promise.all(loops);

  // Answers sent entirely within the outage (after stop -m immediate returned, before start was issued).
  const during = answers.filter((a) => a.at >= stoppedAt && a.at + a.ms <= startAt);
  const unavailable = during.filter((a) => a.status === 503 && a.code === 'DATABASE_UNAVAILABLE');
  const wellFormed = unavailable.filter((a) => a.requestId && Number(a.retryAfter) > 0);
  const maxMs = Math.max(0, ...during.map((a) => a.ms));
  const fivexx = answers.filter((a) => a.status >= 500 && a.code !== 'DATABASE_UNAVAILABLE');
  const noAnswer = answers.filter((a) => a.status === 0);

  const acknowledged = answers.filter((a) => a.kind === 'write' && a.status === 201).map((a) => a.programme!);
  const refused = answers.filter((a) => a.kind === 'write' && a.status === 503).map((a) => a.programme!);
  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  const stored = new Set(
    (
      await client.query<{ code: string }>('select code from programmes where code = any($1)', [
        [...acknowledged, ...refused],
      ])
    ).rows.map((r) => r.code),
  );
  await client.end();
  const lost = acknowledged.filter((c) => !stored.has(c));
  const refusedButStored = refused.filter((c) => stored.has(c));

  check(aliveDuringOutage && server.alive(), 'fault: the server process stayed up');
  check(
    during.length > 0 && unavailable.length === during.length,
    'fault: every answer during the outage was 503 DATABASE_UNAVAILABLE',
  );
  check(wellFormed.length === unavailable.length, 'fault: each with a requestId and Retry-After');
  check(maxMs < 6_000, `fault: answered within bounded time during the outage (max ${maxMs.toFixed(0)} ms)`);
  check(fivexx.length === 0, `fault: no other 5xx (${fivexx.length})`);
  check(noAnswer.length === 0, `fault: no request went unanswered (${noAnswer.length})`);
  check(
    recovered !== undefined && recovered - startedAt < 10_000,
    'fault: recovered within 10 s without a restart',
  );
  check(lost.length === 0, `fault: no acknowledged write lost (${acknowledged.length} acknowledged)`);

  const fmt = (ms: number | undefined) => (ms === undefined ? 'never' : `${(ms / 1000).toFixed(2)} s`);
  report.push(
    '### Fault (database stopped with `pg_ctlcluster … stop -m immediate` under 4 writers + 4 readers)',
    '',
    `- requests: ${answers.length} (${answers.filter((a) => a.kind === 'write').length} writes), ` +
      `${during.length} sent and answered during the outage, all 503 DATABASE_UNAVAILABLE: ` +
      `${unavailable.length === during.length ? 'yes' : 'NO'}; slowest answer then ${maxMs.toFixed(0)} ms`,
    `- \`stop -m immediate\` took ${fmt(stoppedAt - stopAt)}; \`start\` took ${fmt(startedAt - startAt)} ` +
      '(crash recovery of the cluster)',
    `- recovery: first 2xx ${fmt(recovered === undefined ? undefined : recovered - startedAt)} after the ` +
      `database accepted connections again (${fmt(recovered === undefined ? undefined : recovered - startAt)} ` +
      'after `start` was issued); no restart of the server',
    `- writes acknowledged with 201: ${acknowledged.length}, all in the database afterwards: ` +
      `${lost.length === 0 ? 'yes' : `NO, ${lost.length} lost`}; writes answered 503: ${refused.length}, of ` +
      `which ${refusedButStored.length} were nevertheless committed (the connection died after the commit ` +
      'and before the answer: a 503 means "unknown", retry with the same code to find out)',
    `- other 5xx: ${fivexx.length}; requests without any answer: ${noAnswer.length}`,
    `- the server's log during the outage (${answers.length} requests): ` +
      (server
        .output()
        .split('\n')
        .filter((l) => /database (unavailable|available again)/.test(l))
        .map((l) => `\`${l.replace(/^\S+ /, '').slice(0, 110)}\``)
        .join(', ') || 'nothing'),
    '',
  );
}

// ---------------------------------------------------------------------------------------------------------

/** The test suite's fuzz on this cluster (it builds its own template database there from the same mirror). */
async function fuzz(cluster: Cluster): Promise<void> {
  const runs = process.env.FUZZ_RUNS ?? '40';
  log(`fuzz: every OpenAPI operation, ${runs} runs each (FUZZ_SEED=${process.env.FUZZ_SEED ?? 'default'})`);
  const started = performance.now();
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  const outcome = await run(npx, ['vitest', 'run', 'tests/integration/fuzz.test.ts'], {
    cwd: repoRoot,
    env: { ...process.env, TEST_DATABASE_URL: cluster.url, ATLAS_DATA_MIRROR: MIRROR, FUZZ_RUNS: runs },
    maxBuffer: 64 * 1024 * 1024,
  }).then(
    ({ stdout }) => {
      // vitest's own count, so the report shows the fuzz really ran (colour codes stripped).
      // eslint-disable-next-line no-control-regex -- ANSI colour codes begin with ESC
      const tests = /Tests\s+(.*)/.exec(stdout.replace(/\x1b\[[0-9;]*m/g, ''))?.[1]?.trim();
      log(`fuzz: ${tests ?? 'ran'}`);
      return true;
    },
    (err: { stdout?: string }) => {
      console.log(err.stdout ?? String(err));
      return false;
    },
  );
  check(outcome, 'fuzz: no 5xx and no answer outside the document (vitest output above when not)');
  report.push(
    '',
    `Fuzz: ${runs} runs per operation, ${outcome ? 'no 5xx and no undocumented answer' : 'FAILED'}, ` +
      `${((performance.now() - started) / 1000).toFixed(0)} s with the template build.`,
  );
}

async function main(): Promise<void> {
  const reason = clusterUnavailableReason();
  if (reason) throw new Error(`cannot make a throwaway cluster: ${reason}`);
  const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'atlas-reliability-'));
  const cluster = await createCluster('atlas_reliability');
  let server: ServerProcess | undefined;
  try {
    log(`cluster ${cluster.name} on 127.0.0.1:${cluster.port}; starting the server (imports from ${MIRROR})`);
    const started = performance.now();
    server = await startServer({
      port: await freePort(),
      env: {
        DATABASE_URL: cluster.url,
        ATLAS_DATA_MIRROR: MIRROR,
        ATLAS_CACHE_DIR: cacheDir,
        ATLAS_AUTO_IMPORT: 'true',
        LOG_LEVEL: 'info',
      },
      readyTimeoutMs: 15 * 60_000,
    });
    const node = `Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'})`;
    report.push(
      `## Reliability run ${new Date().toISOString()}`,
      '',
      `${node}; PostgreSQL 15 throwaway cluster; server started with the full import in ` +
        `${((performance.now() - started) / 1000).toFixed(1)} s.`,
      '',
    );
    const session = await prepare(server, cluster);
    if (!flags['skip-load']) await loadTest(server, session);
    if (!flags['skip-fault']) await faultTest(server, cluster, session);
    if (!flags['skip-fuzz']) await fuzz(cluster);
  } finally {
    await server?.stop();
    await cluster.drop().catch((err: unknown) => log(`could not drop ${cluster.name}: ${String(err)}`));
    await rm(cacheDir, { recursive: true, force: true });
  }
  console.log(`\n${report.join('\n')}`);
  if (failures.length) {
    console.log(`\n${failures.length} check(s) failed:\n- ${failures.join('\n- ')}`);
    process.exitCode = 1;
  } else console.log('\nAll checks passed.');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
