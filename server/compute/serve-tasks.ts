import { parentPort } from 'node:worker_threads';
import type { TaskMap, TaskRequest, TaskResponse } from './worker-protocol.ts';

/**
 * Serves `tasks` in this worker thread: one message at a time, each answered with its value or its error's
 * name and message (the pool rebuilds a ModelInputError from the name, so a bad request stays a 400).
 */
export function serveTasks(tasks: TaskMap): void {
  const port = parentPort;
  if (!port) throw new Error('serveTasks runs in a worker thread (worker-pool.ts)');
  port.on('message', (req: TaskRequest) => {
    void (async (): Promise<TaskResponse> => {
      try {
        const fn = tasks[req.task] as ((input: unknown) => unknown) | undefined;
        if (!fn) throw new Error(`no task "${req.task}" in this worker`);
        return { id: req.id, ok: true, value: await fn(req.input) };
      } catch (err) {
        const e = err instanceof Error ? err : new Error(String(err));
        return { id: req.id, ok: false, error: { name: e.name, message: e.message, stack: e.stack } };
      }
    })().then((res) => port.postMessage(res));
  });
}
