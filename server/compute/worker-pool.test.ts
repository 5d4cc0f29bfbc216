import { afterEach, describe, expect, it } from 'vitest';
import { ModelInputError } from '../model/model-error.ts';
import { AppError } from '../shared/errors.ts';
import { TaskDeadlineError, WorkerPool } from './worker-pool.ts';

interface FixtureTasks {
  [task: string]: (input: never) => unknown;
  block: (ms: number) => number;
  count: (input: null) => number;
  spinWasm: (input: null) => void;
  badInput: (message: string) => never;
  die: (input: null) => never;
}

const pools: WorkerPool<FixtureTasks>[] = [];
function pool(threads: number, queue: number, cacheSize?: number) {
  const p = new WorkerPool<FixtureTasks>({
    entry: new URL('./pool-fixture.worker.ts', import.meta.url),
    threads,
    queue,
    cacheSize,
    initialTaskMs: 1500,
  });
  pools.push(p);
  return p;
}
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

describe('WorkerPool', () => {
  it('runs the work in a thread: the event loop keeps turning while a task blocks its own', async () => {
    const p = pool(1, 0);
    await p.run('count', null); // the thread is up (tsx registered), so the race below is the task's alone
    const order: string[] = [];
    const task = p.run('block', 800).then(() => order.push('task'));
    await new Promise((r) => setTimeout(r, 50)).then(() => order.push('timer'));
    await task;
    expect(order).toEqual(['timer', 'task']);
  });

  it('bounds the work: `threads` run, `queue` wait, and beyond that 503 with Retry-After', async () => {
    const p = pool(1, 1);
    const running = p.run('block', 600);
    const waiting = p.run('block', 10);
    expect(p.load).toMatchObject({ running: 1, waiting: 1 });
    const refused = await p.run('count', null).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('SERVICE_UNAVAILABLE');
    expect((refused as AppError).status).toBe(503);
    // Two ahead at ~1.5 s each on one thread.
    expect((refused as AppError).retryAfterSeconds).toBeGreaterThanOrEqual(3);
    expect(await Promise.all([running, waiting])).toEqual([1, 2]);
    expect(p.load).toMatchObject({ running: 0, waiting: 0 });
    // Room again once the queue drains.
    expect(await p.run('count', null)).toBe(3);
  });

  it('runs a keyed task once: shared in flight, then cached; another data version is another key', async () => {
    const p = pool(1, 0, 2);
    const [a, b] = await Promise.all([
      p.run('count', null, { key: 'req|v1' }),
      p.run('count', null, { key: 'req|v1' }),
    ]);
    expect([a, b]).toEqual([1, 1]);
    // Cached: answered without a queue slot although the queue is 0 and the thread is busy.
    const busy = p.run('block', 300);
    expect(await p.run('count', null, { key: 'req|v1' })).toBe(1);
    await busy;
    expect(await p.run('count', null, { key: 'req|v2' })).toBe(3);
    expect(await p.run('count', null, { key: 'other|v2' })).toBe(4);
    // Beyond cacheSize the least recently used key goes: "req|v1" is solved again.
    expect(await p.run('count', null, { key: 'req|v1' })).toBe(5);
  });

  it("keeps the model's input errors as such, does not cache failures, and survives a thread's death", async () => {
    const p = pool(1, 2);
    await expect(p.run('badInput', 'weights must sum to more than 0', { key: 'k' })).rejects.toBeInstanceOf(
      ModelInputError,
    );
    await expect(p.run('badInput', 'still bad', { key: 'k' })).rejects.toThrow('still bad');
    await expect(p.run('die', null)).rejects.toThrow(/exited/);
    expect(await p.run('count', null)).toBe(1); // a fresh thread
  });

  it('stops a task past its deadline, even one looping in WebAssembly, and goes on with a fresh thread', async () => {
    const p = pool(1, 1);
    expect(await p.run('block', 50, { deadlineMs: 5000 })).toBe(1); // within its deadline: answered
    const started = performance.now();
    const stopped = p.run('spinWasm', null, { deadlineMs: 300 });
    const queued = p.run('count', null); // waits for the thread the spin holds
    const error = await stopped.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskDeadlineError);
    expect((error as TaskDeadlineError).deadlineMs).toBe(300);
    expect(performance.now() - started).toBeLessThan(10_000);
    // The queued task ran on a fresh thread (its count starts again), and the pool is whole.
    expect(await queued).toBe(1);
    expect(p.load).toMatchObject({ threads: 1, running: 0, waiting: 0 });
  });
});
