import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.ts';
import { canonicalJson, SolveGate } from './solve-gate.ts';

/** A solve that finishes when the test says so. */
function deferred() {
  let resolve!: (v: string) => void;
  const promise = new Promise<string>((r) => (resolve = r));
  return { promise, resolve };
}

describe('canonicalJson', () => {
  it('gives one key for the same request written in another order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [2, 1] }, b: 1 }),
    );
    expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] }));
  });
});

describe('SolveGate', () => {
  it('runs at most `concurrency` solves, queues `queue` more, and answers 503 with Retry-After beyond', async () => {
    const gate = new SolveGate<string>(1, 1);
    const first = deferred();
    const second = deferred();
    let started = 0;
    const a = gate.run('a', () => (started++, first.promise));
    const b = gate.run('b', () => (started++, second.promise));
    await Promise.resolve();
    expect(started).toBe(1);
    expect(gate.load).toEqual({ running: 1, waiting: 1 });
    const refused = await gate.run('c', () => Promise.resolve('never')).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('SERVICE_UNAVAILABLE');
    expect((refused as AppError).retryAfterSeconds).toBeGreaterThan(0);
    first.resolve('A');
    expect(await a).toBe('A');
    await Promise.resolve();
    expect(started).toBe(2);
    second.resolve('B');
    expect(await b).toBe('B');
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });

  it('solves the same request once: shared while in flight, then from the cache', async () => {
    const gate = new SolveGate<string>(1, 0);
    const only = deferred();
    let solves = 0;
    const solve = () => (solves++, only.promise);
    const [x, y] = [gate.run('k', solve), gate.run('k', solve)];
    only.resolve('result');
    expect(await Promise.all([x, y])).toEqual(['result', 'result']);
    // Cached: no queue slot is needed, even though the queue is 0 and nothing may wait.
    expect(await gate.run('k', solve)).toBe('result');
    expect(solves).toBe(1);
  });

  it('does not keep a failure, and drops the least recently used answer beyond its size', async () => {
    const gate = new SolveGate<string>(2, 0, 2);
    await expect(gate.run('bad', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await gate.run('bad', () => Promise.resolve('fine now'))).toBe('fine now');
    await gate.run('b', () => Promise.resolve('B'));
    await gate.run('bad', () => Promise.resolve('unused')); // touches "bad": "b" is now the oldest
    await gate.run('c', () => Promise.resolve('C'));
    expect(await gate.run('c', () => Promise.resolve('unused'))).toBe('C');
    expect(await gate.run('bad', () => Promise.resolve('unused'))).toBe('fine now');
    expect(await gate.run('b', () => Promise.resolve('B again'))).toBe('B again');
  });
});
