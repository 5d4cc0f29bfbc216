import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clusterUnavailableReason,
  createCluster,
  freePort,
  type Cluster,
} from '../../scripts/reliability/lib/cluster.ts';
import { startServer, type ServerProcess } from '../../scripts/reliability/lib/server.ts';

// Issue #11, item 1: the server survives PostgreSQL going away. A throwaway cluster (so that stopping it
// disturbs no other test), the real server as a child process (so that an unhandled 'error' event would end
// a process we can watch), migrated but not imported (ATLAS_AUTO_IMPORT=false: the outage does not depend on
// the data). Native PostgreSQL only: CI runs the suite once with TEST_DATABASE_URL set, and this test then.
const skipReason = !process.env.TEST_DATABASE_URL
  ? 'needs native PostgreSQL: set TEST_DATABASE_URL (the suite runs it once natively)'
  : clusterUnavailableReason();

interface ErrorBody {
  error: { code: string; message: string; requestId: string };
}

async function get(base: string, path: string) {
  const started = performance.now();
  const res = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(15_000) });
  const text = await res.text();
  return {
    status: res.status,
    body: (text ? JSON.parse(text) : null) as unknown,
    retryAfter: res.headers.get('retry-after'),
    ms: performance.now() - started,
  };
}

describe.skipIf(skipReason !== undefined)('the server when PostgreSQL goes away (native)', () => {
  let cluster: Cluster | undefined;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    cluster = await createCluster('atlas_test_outage');
    server = await startServer({
      port: await freePort(),
      env: {
        DATABASE_URL: cluster.url,
        ATLAS_AUTO_IMPORT: 'false',
        ATLAS_DB_CONNECT_TIMEOUT_MS: '2000',
        LOG_LEVEL: 'info',
      },
      readyTimeoutMs: 60_000,
    });
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await cluster?.drop();
  }, 60_000);

  it('answers 503 DATABASE_UNAVAILABLE quickly while it is down, stays alive, and recovers by itself', async () => {
    const { base } = server!;
    expect((await get(base, '/api/health')).status).toBe(200);
    expect((await get(base, '/api/organisations')).status).toBe(200);

    await cluster!.stopImmediate();
    // The pool's idle clients die with the server: before the fix their 'error' event ended the process here.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(server!.alive()).toBe(true);

    for (const path of ['/api/health', '/api/organisations', '/api/health']) {
      const res = await get(base, path);
      expect(res.status, `${path} while the database is down`).toBe(503);
      const body = res.body as ErrorBody;
      expect(body.error.code).toBe('DATABASE_UNAVAILABLE');
      expect(body.error.message).toMatch(/database/i);
      expect(body.error.requestId).toEqual(expect.any(String));
      expect(Number(res.retryAfter)).toBeGreaterThan(0);
      // Bounded: a refused connection fails at once; the connection timeout (2 s here) bounds the rest.
      expect(res.ms).toBeLessThan(3_000);
    }
    expect(server!.alive()).toBe(true);

    await cluster!.start();
    const back = performance.now();
    let recoveredMs: number | undefined;
    while (performance.now() - back < 15_000) {
      const res = await get(base, '/api/health');
      if (res.status === 200) {
        recoveredMs = performance.now() - back;
        break;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(recoveredMs, 'health back to 200 within 15 s of the database returning').toBeDefined();
    expect((await get(base, '/api/organisations')).status).toBe(200);
    expect(server!.alive()).toBe(true);
    // One line when the outage began and one when it ended, not one per request.
    expect(server!.output()).toMatch(/database unavailable \(connection\)/);
    expect(server!.output()).toMatch(/database available again/);
  }, 60_000);
});

// The reason shows in the report as a skipped test, not as a test that passes without asserting anything.
if (skipReason !== undefined) it.skip(`database outage test: ${skipReason}`, () => {});
