import type { Config } from '../config.ts';
import type { HeavyTasks } from './heavy-tasks.ts';
import { WorkerPool } from './worker-pool.ts';

export type HeavyPool = WorkerPool<HeavyTasks>;

/**
 * The nice value of the pool's threads (heavy.worker.ts): seconds of solving yield the CPU to the event loop,
 * so that a cached tile or a health check answers promptly while solves run (issue #15, B11). The lowest
 * priority there is: a nice-19 thread weighs 15 against the event loop's 1024 in the kernel's scheduler (10
 * weighs 110). Measured on 2 cores (2026-12-06), p99 of a cached tile during 4 solves against idle, PostgreSQL
 * / PGlite: nice 10 2.44–2.76 / 1.49–1.66, nice 19 1.74–1.93 / 1.21–1.32 — and the solves took as long (4.2–5.1 s),
 * as the thread still gets every cycle the event loop does not want.
 */
export const HEAVY_THREAD_NICE = 19;

/** The app's pool for exact targeting, Monte Carlo rank bands and LISA/Gi* (one per app, built in createApp). */
export function createHeavyPool(limits: Config['workers']): HeavyPool {
  return new WorkerPool<HeavyTasks>({
    entry: new URL('./heavy.worker.ts', import.meta.url),
    threads: limits.threads,
    queue: limits.queue,
  });
}
