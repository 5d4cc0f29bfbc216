import type { Config } from '../config.ts';
import type { HeavyTasks } from './heavy-tasks.ts';
import { WorkerPool } from './worker-pool.ts';

export type HeavyPool = WorkerPool<HeavyTasks>;

/**
 * The nice value of the pool's threads (heavy.worker.ts): seconds of solving yield the CPU to the event loop,
 * so that a cached tile or a health check answers promptly while solves run (issue #15, B11).
 */
export const HEAVY_THREAD_NICE = 10;

/** The app's pool for exact targeting, Monte Carlo rank bands and LISA/Gi* (one per app, built in createApp). */
export function createHeavyPool(limits: Config['workers']): HeavyPool {
  return new WorkerPool<HeavyTasks>({
    entry: new URL('./heavy.worker.ts', import.meta.url),
    threads: limits.threads,
    queue: limits.queue,
  });
}
