import { ModelInputError } from '../model/model-error.ts';
import { serveTasks } from './serve-tasks.ts';

// A thread for worker-pool.test.ts: tasks that block, count, fail and die on demand.
let calls = 0;
serveTasks({
  /** Busy for `ms` (the thread's event loop, not the caller's), then says which call this was. */
  block: (ms: number) => {
    const until = Date.now() + ms;
    while (Date.now() < until);
    return ++calls;
  },
  count: () => ++calls,
  badInput: (message: string) => {
    throw new ModelInputError(message);
  },
  die: () => process.exit(3),
});
