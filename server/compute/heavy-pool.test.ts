import { getPriority } from 'node:os';
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createHeavyPool, HEAVY_THREAD_NICE, type HeavyPool } from './heavy-pool.ts';

/** The nice value of each thread of this process (Linux: field 19 of /proc/self/task/<tid>/stat). */
function threadNices(): number[] {
  return readdirSync('/proc/self/task').map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    // After the command name in parentheses: state is field 3, nice field 19.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });
}

describe.runIf(process.platform === 'linux')('the heavy-work pool', () => {
  let pool: HeavyPool | undefined;
  afterEach(async () => {
    await pool?.close();
  });

  it('runs its thread at a lower CPU priority than the event loop that serves requests (B11)', async () => {
    const before = threadNices().filter((n) => n === HEAVY_THREAD_NICE).length;
    pool = createHeavyPool({ threads: 1, queue: 2 });
    const result = await pool.run('targeting', {
      problem: {
        candidates: [
          { pcode: 'UA0000001', priority: 2, cost: 1, group: 'UA00' },
          { pcode: 'UA0000002', priority: 1, cost: 1, group: 'UA00' },
        ],
        budget: 1,
      },
      timeLimitSeconds: 10,
    });
    expect('selected' in result && result.selected).toEqual(['UA0000001']);
    // One more thread at the pool's nice value; this (the requests') thread is untouched.
    expect(threadNices().filter((n) => n === HEAVY_THREAD_NICE).length).toBe(before + 1);
    expect(getPriority()).not.toBe(HEAVY_THREAD_NICE);
  });
});
