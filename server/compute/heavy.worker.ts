import { setPriority } from 'node:os';
import { HEAVY_THREAD_NICE } from './heavy-pool.ts';
import { heavyTasks } from './heavy-tasks.ts';
import { serveTasks } from './serve-tasks.ts';

// A thread of the heavy-work pool (heavy-pool.ts).

// The thread yields the CPU to the event loop (HEAVY_THREAD_NICE). On Linux the nice value is a thread's own
// (setpriority(2), NOTES: per thread under NPTL), so this lowers this thread alone.
try {
  setPriority(HEAVY_THREAD_NICE);
} catch {
  // Not permitted here (a container's seccomp, another OS): the pool works at normal priority.
}

serveTasks(heavyTasks);
