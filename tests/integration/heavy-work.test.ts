import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// Issue #15 item 2: an exact targeting solve (about a second of HiGHS) runs in the worker pool, so a cheap
// request made while it runs is answered before it ends. Asserts the order of events, not a time.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function target(budget: number, method: 'exact' | 'greedy-preview'): Promise<Response> {
  return t.app.request('/api/targeting', {
    method: 'POST',
    body: JSON.stringify({
      cost: { type: 'per_capita', amount: 20 },
      budget,
      filters: { excludeOccupied: false },
      method,
    }),
    headers: { 'content-type': 'application/json' },
  });
}

it('answers /api/health while an exact targeting solve runs', async () => {
  // Warm the gap's inputs (read and scored on the event loop) and the pool's thread, so that what remains
  // of the solve below is the MILP itself.
  expect((await target(40_000_000, 'greedy-preview')).status).toBe(200);
  expect((await target(40_000_000, 'exact')).status).toBe(200);

  const events: string[] = [];
  const solve = target(50_000_000, 'exact').then(async (res) => {
    events.push(`solve ${res.status}`);
    return res.json() as Promise<{ optimal: boolean }>;
  });
  // Asked once the solve is under way: on the event loop, this timer itself would wait for the solve.
  await new Promise((r) => setTimeout(r, 150));
  const health = await t.app.request('/api/health');
  events.push(`health ${health.status}`);
  expect((await solve).optimal).toBe(true);
  expect(events).toEqual(['health 200', 'solve 200']);
});
