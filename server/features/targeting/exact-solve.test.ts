import { describe, expect, it } from 'vitest';
import { TaskDeadlineError, type RunOptions } from '../../compute/worker-pool.ts';
import { greedyPreview, type TargetingProblem } from '../../model/targeting.ts';
import { EXACT_OVERRUN_SECONDS, solveExactly } from './exact-solve.ts';

// Greedy takes A (ratio 10/6) and then nothing fits; the exact optimum is B + C.
const problem: TargetingProblem = {
  candidates: [
    { pcode: 'A', priority: 10, cost: 6, group: 'X' },
    { pcode: 'B', priority: 8, cost: 5, group: 'X' },
    { pcode: 'C', priority: 8, cost: 5, group: 'Y' },
  ],
  budget: 10,
};

/** A pool that records what it was asked and answers with `answer`. */
function fakePool(answer: () => Promise<unknown>) {
  const calls: { task: string; input: unknown; options?: RunOptions }[] = [];
  const pool = {
    run: (task: string, input: unknown, options?: RunOptions) => {
      calls.push({ task, input, options });
      return answer();
    },
  };
  return { pool: pool as unknown as Parameters<typeof solveExactly>[0], calls };
}

describe('solveExactly', () => {
  it('asks the pool with the time limit, and a deadline some grace past it', async () => {
    const { pool, calls } = fakePool(async () => ({ status: 'optimal', selected: ['B', 'C'] }));
    expect(await solveExactly(pool, problem, 12)).toEqual({ status: 'optimal', selected: ['B', 'C'] });
    expect(calls).toEqual([
      {
        task: 'targeting',
        input: { problem, timeLimitSeconds: 12 },
        options: { deadlineMs: (12 + EXACT_OVERRUN_SECONDS) * 1000 },
      },
    ]);
  });

  it('answers a solve stopped at its deadline with the greedy preview, labelled with the time it had', async () => {
    const { pool } = fakePool(() => Promise.reject(new TaskDeadlineError('targeting', 22_000)));
    expect(await solveExactly(pool, problem, 12)).toEqual({
      ...greedyPreview(problem),
      fallback: { cause: 'time', limit: 12 },
    });
  });

  it('passes any other failure on (503 when busy, 400 for bad input)', async () => {
    const { pool } = fakePool(() => Promise.reject(new Error('a worker thread exited (code 3)')));
    await expect(solveExactly(pool, problem, 12)).rejects.toThrow(/exited/);
  });
});
