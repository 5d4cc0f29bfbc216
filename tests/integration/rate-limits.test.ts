import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createFixtureToken, createFixtureUser } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// Issue #11 item 3: anonymous writes and expensive computations are limited per client address (429 with
// Retry-After), and targeting solves are bounded (503 with Retry-After) and shared when identical. Before,
// anyone could save 3,895 scenarios in 10 s and run ~7 solves a second.

interface ErrorBody {
  error: { code: string; message: string };
}

/** A clock the tests move instead of sleeping. */
const clock = { now: new Date('2026-12-03T10:00:00Z') };
const advance = (ms: number) => (clock.now = new Date(clock.now.getTime() + ms));

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    env: {
      ATLAS_RATE_ANONYMOUS_WRITES: '3',
      ATLAS_RATE_COMPUTE: '3',
      ATLAS_RATE_WINDOW_SECONDS: '60',
      ATLAS_TRUSTED_PROXIES: '10.0.0.1',
      ATLAS_TARGETING_CONCURRENCY: '1',
      ATLAS_TARGETING_QUEUE: '0',
    },
    now: () => clock.now,
  });
});
afterAll(async () => {
  await t?.close();
});

const scenario = (name: string) => ({ modelId: 'cpi', name, weights: {} });
const saveScenario = (address: string, headers: Record<string, string> = {}) =>
  call<ErrorBody>(t.app, null, 'POST', '/api/scenarios', { body: scenario('FIXTURE'), address, headers });

describe('anonymous writes per client address', () => {
  it('allows ATLAS_RATE_ANONYMOUS_WRITES per window, then 429 with Retry-After; other addresses are not affected', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await saveScenario('203.0.113.1')).status);
    expect(statuses).toEqual([201, 201, 201, 429]);
    const refused = await saveScenario('203.0.113.1');
    expect(refused.body.error.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(Number(refused.headers.get('Retry-After'))).toBeLessThanOrEqual(60);
    expect((await saveScenario('203.0.113.2')).status).toBe(201);
    advance(60_001);
    expect((await saveScenario('203.0.113.1')).status).toBe(201);
  });

  it('does not limit signed-in writers the same way (they are known and audited)', async () => {
    const user = await createFixtureUser(t.database.db, { role: 'viewer' });
    const token = await createFixtureToken(t.database.db, user.id);
    for (let i = 0; i < 5; i++) {
      const res = await call(t.app, token, 'POST', '/api/scenarios', {
        body: scenario(`FIXTURE ${i}`),
        address: '203.0.113.3',
      });
      expect(res.status).toBe(201);
    }
  });

  it('believes X-Forwarded-For only from a trusted proxy', async () => {
    advance(60_001);
    // Through the trusted proxy, two clients behind it are two addresses…
    for (let i = 0; i < 3; i++) {
      expect((await saveScenario('10.0.0.1', { 'X-Forwarded-For': '192.0.2.7' })).status).toBe(201);
    }
    expect((await saveScenario('10.0.0.1', { 'X-Forwarded-For': '192.0.2.7' })).status).toBe(429);
    // A forged first hop does not help: the rightmost untrusted address is the client.
    expect((await saveScenario('10.0.0.1', { 'X-Forwarded-For': '1.2.3.4, 192.0.2.7' })).status).toBe(429);
    expect((await saveScenario('10.0.0.1', { 'X-Forwarded-For': '192.0.2.8' })).status).toBe(201);
    // …while from an untrusted peer the header is ignored: a new header value per request is no new address.
    for (let i = 0; i < 3; i++) {
      expect((await saveScenario('203.0.113.9', { 'X-Forwarded-For': `192.0.2.${20 + i}` })).status).toBe(
        201,
      );
    }
    expect((await saveScenario('203.0.113.9', { 'X-Forwarded-For': '192.0.2.99' })).status).toBe(429);
  });
});

describe('expensive computations per client address', () => {
  it('limits score exports and re-scoring, signed in or not', async () => {
    advance(60_001);
    const user = await createFixtureUser(t.database.db, { role: 'editor' });
    const token = await createFixtureToken(t.database.db, user.id);
    const address = '203.0.113.20';
    // A plain read of the scores is not a computation worth limiting (it is cached)…
    for (let i = 0; i < 5; i++) {
      expect(
        (await call(t.app, null, 'GET', '/api/models/cpi/scores?fields=summary', { address })).status,
      ).toBe(200);
    }
    // …an export, re-scoring with posted weights and hot spots with permutations are.
    expect((await call(t.app, null, 'GET', '/api/models/cpi/scores?format=csv', { address })).status).toBe(
      200,
    );
    expect(
      (await call(t.app, token, 'POST', '/api/models/cpi/scores', { body: { weights: {} }, address })).status,
    ).toBe(200);
    expect(
      (await call(t.app, null, 'GET', '/api/models/cpi/hotspots?method=lisa&permutations=99', { address }))
        .status,
    ).toBe(200);
    const refused = await call<ErrorBody>(t.app, token, 'GET', '/api/models/cpi/scores?format=xlsx', {
      address,
    });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('TOO_MANY_REQUESTS');
    expect(refused.headers.get('Retry-After')).toMatch(/^\d+$/);
  });
});

describe('POST /api/targeting: bounded solves, shared when identical', () => {
  const request = (budget: number) => ({ cost: { type: 'flat', amount: 100_000 }, budget });
  const solve = (budget: number, address: string) =>
    call<{ selected: unknown[] } & ErrorBody>(t.app, null, 'POST', '/api/targeting', {
      body: request(budget),
      address,
    });

  it('solves identical requests once; a different one while the solver is busy gets 503 with Retry-After', async () => {
    advance(60_001);
    // One solve at a time and no queue (ATLAS_TARGETING_CONCURRENCY=1, ATLAS_TARGETING_QUEUE=0): the two
    // identical requests share one solve, the third, different, request finds the solver busy.
    const [a, b, c] = await Promise.all([
      solve(700_000, '203.0.113.30'),
      solve(700_000, '203.0.113.31'),
      solve(800_000, '203.0.113.32'),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(b.body).toEqual(a.body);
    expect(a.body.selected.length).toBe(7);
    expect(c.status).toBe(503);
    expect(c.body.error.code).toBe('SERVICE_UNAVAILABLE');
    expect(Number(c.headers.get('Retry-After'))).toBeGreaterThan(0);
    // Once the solver is free, the same request is answered from the cache at once.
    const started = performance.now();
    const again = await solve(700_000, '203.0.113.33');
    expect(again.status).toBe(200);
    expect(again.body).toEqual(a.body);
    expect(performance.now() - started).toBeLessThan(1000);
    expect((await solve(800_000, '203.0.113.32')).status).toBe(200);
  });

  it('counts targeting against the computation limit', async () => {
    advance(60_001);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await solve(700_000, '203.0.113.40')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});
