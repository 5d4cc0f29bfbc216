/** The messages between worker-pool.ts and a thread that serves tasks (serve-tasks.ts). */

/** A task: a pure function of structured-cloneable input to structured-cloneable output. */
export type TaskMap = Record<string, (input: never) => unknown>;

export interface TaskRequest {
  id: number;
  task: string;
  input: unknown;
}

export type TaskResponse =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { name: string; message: string; stack?: string } };
