import { Worker } from 'node:worker_threads';
import { ModelInputError } from '../model/model-error.ts';
import { AppError } from '../shared/errors.ts';
import type { TaskMap, TaskRequest, TaskResponse } from './worker-protocol.ts';

export interface WorkerPoolOptions {
  /** The module that calls serveTasks(); a file: URL (TypeScript is fine: worker-boot.mjs registers tsx). */
  entry: URL;
  /** Threads at most; each is started on first need and kept. */
  threads: number;
  /** Tasks that may wait for a thread; beyond that run() answers 503 with Retry-After. */
  queue: number;
  /** Results kept by key (least recently used dropped first). */
  cacheSize?: number;
  /** The first guess of one task's duration, for Retry-After until tasks have been timed. */
  initialTaskMs?: number;
  clock?: () => number;
}

export interface RunOptions {
  /** Run once per key: shared while in flight, then answered from the cache (see WorkerPool). */
  key?: string;
  /**
   * Milliseconds the task may run once a thread has it; beyond that its thread is stopped and the task fails
   * with TaskDeadlineError. A limit inside the task (HiGHS's time_limit) is checked only between its phases,
   * so this is what keeps a caller from waiting minutes. Time spent waiting for a thread does not count.
   */
  deadlineMs?: number;
}

/** A task ran past its deadline and its thread was stopped (the caller decides what to answer instead). */
export class TaskDeadlineError extends Error {
  override name = 'TaskDeadlineError';
  constructor(
    readonly task: string,
    readonly deadlineMs: number,
  ) {
    super(`the ${task} task ran past its deadline of ${deadlineMs} ms and was stopped`);
  }
}

interface Job {
  id: number;
  task: string;
  input: unknown;
  deadlineMs?: number;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

interface Thread {
  worker: Worker;
  job: Job | null;
  started: number;
  deadline: ReturnType<typeof setTimeout> | null;
}

/**
 * A bounded pool of worker threads for the CPU-heavy model work (issue #15 item 2: exact targeting, Monte Carlo
 * rank bands, LISA permutations), so that a solve never stalls the event loop that serves tiles and health.
 * At most `threads` tasks run and `queue` wait; beyond that the answer is 503 SERVICE_UNAVAILABLE with a
 * Retry-After from the running average duration. A task given a key is run once per key: shared while in
 * flight, then answered from a small LRU (callers put the request and the data version in the key, so an edit
 * or an import never serves a stale result). In memory, per process (docs/deployment.md).
 */
export class WorkerPool<Tasks extends TaskMap> {
  readonly #threads: Thread[] = [];
  readonly #waiting: Job[] = [];
  readonly #inFlight = new Map<string, Promise<unknown>>();
  readonly #done = new Map<string, unknown>();
  readonly #clock: () => number;
  #nextId = 1;
  #averageMs: number;
  #closed = false;

  constructor(readonly options: WorkerPoolOptions) {
    this.#clock = options.clock ?? (() => performance.now());
    this.#averageMs = options.initialTaskMs ?? 2000;
  }

  /** Tasks running and waiting now (for tests, logs and health). */
  get load(): { threads: number; running: number; waiting: number } {
    return {
      threads: this.#threads.length,
      running: this.#threads.filter((t) => t.job).length,
      waiting: this.#waiting.length,
    };
  }

  run<K extends keyof Tasks & string>(
    task: K,
    input: Parameters<Tasks[K]>[0],
    options: RunOptions = {},
  ): Promise<Awaited<ReturnType<Tasks[K]>>> {
    type Out = Awaited<ReturnType<Tasks[K]>>;
    const { key, deadlineMs } = options;
    if (key === undefined) return this.#enqueue(task, input, deadlineMs) as Promise<Out>;
    const cacheKey = `${task}|${key}`;
    if (this.#done.has(cacheKey)) {
      const value = this.#done.get(cacheKey);
      // Most recently used last: a Map keeps insertion order, so its first key is the one to drop.
      this.#done.delete(cacheKey);
      this.#done.set(cacheKey, value);
      return Promise.resolve(value as Out);
    }
    const pending = this.#inFlight.get(cacheKey);
    if (pending) return pending as Promise<Out>;
    const promise = this.#enqueue(task, input, deadlineMs);
    this.#inFlight.set(cacheKey, promise);
    promise.then(
      (value) => {
        this.#inFlight.delete(cacheKey);
        this.#done.set(cacheKey, value);
        for (const oldest of this.#done.keys()) {
          if (this.#done.size <= (this.options.cacheSize ?? 32)) break;
          this.#done.delete(oldest);
        }
      },
      // A failure is not kept: the next identical request tries again.
      () => this.#inFlight.delete(cacheKey),
    );
    return promise as Promise<Out>;
  }

  /** Stops every thread; waiting and running tasks fail. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const job of this.#waiting.splice(0)) job.reject(new Error('the worker pool was closed'));
    const threads = this.#threads.splice(0);
    for (const t of threads) {
      clearTimeout(t.deadline ?? undefined);
      t.job?.reject(new Error('the worker pool was closed'));
      t.job = null;
    }
    await Promise.all(threads.map((t) => t.worker.terminate()));
  }

  #enqueue(task: string, input: unknown, deadlineMs: number | undefined): Promise<unknown> {
    if (this.#closed) return Promise.reject(new Error('the worker pool was closed'));
    const { threads, queue } = this.options;
    const running = this.#threads.filter((t) => t.job).length;
    if (running >= threads && this.#waiting.length >= queue) {
      const ahead = running + this.#waiting.length;
      const seconds = Math.max(1, Math.ceil((this.#averageMs * (ahead + 1)) / threads / 1000));
      return Promise.reject(
        new AppError(
          'SERVICE_UNAVAILABLE',
          `the server is busy with heavy computations (${running} running, ${this.#waiting.length} waiting): try again in ${seconds} s`,
          { retryAfterSeconds: seconds },
          seconds,
        ),
      );
    }
    return new Promise((resolve, reject) => {
      this.#waiting.push({ id: this.#nextId++, task, input, deadlineMs, resolve, reject });
      this.#dispatch();
    });
  }

  #dispatch(): void {
    while (this.#waiting.length > 0) {
      let thread = this.#threads.find((t) => !t.job);
      if (!thread && this.#threads.length < this.options.threads) thread = this.#start();
      if (!thread) return;
      const job = this.#waiting.shift()!;
      thread.job = job;
      thread.started = this.#clock();
      // A busy thread keeps the process alive (a CLI awaiting a result); an idle one does not.
      thread.worker.ref();
      if (job.deadlineMs !== undefined) {
        const ms = job.deadlineMs;
        thread.deadline = setTimeout(() => this.#stop(thread, new TaskDeadlineError(job.task, ms)), ms);
      }
      const message: TaskRequest = { id: job.id, task: job.task, input: job.input };
      thread.worker.postMessage(message);
    }
  }

  #start(): Thread {
    const worker = new Worker(new URL('./worker-boot.mjs', import.meta.url), {
      workerData: { entry: this.options.entry.href },
    });
    const thread: Thread = { worker, job: null, started: 0, deadline: null };
    worker.unref();
    worker.on('message', (res: TaskResponse) => {
      const job = thread.job;
      if (!job || job.id !== res.id) return;
      this.#averageMs = 0.7 * this.#averageMs + 0.3 * (this.#clock() - thread.started);
      clearTimeout(thread.deadline ?? undefined);
      thread.deadline = null;
      thread.job = null;
      worker.unref();
      if (res.ok) job.resolve(res.value);
      else job.reject(rebuildError(res.error));
      this.#dispatch();
    });
    // A thread that fails to start or dies takes its task with it; the next task starts a fresh thread.
    worker.on('error', (error) => this.#stop(thread, error));
    worker.on('exit', (code) => this.#stop(thread, new Error(`a worker thread exited (code ${code})`)));
    this.#threads.push(thread);
    return thread;
  }

  /**
   * Takes a thread out of the pool with its task, which fails with `error`: the thread died, failed to start
   * or ran past a deadline (then it is terminated: V8 stops WebAssembly too, at its loops' interrupt checks).
   * The next task starts a fresh thread.
   */
  #stop(thread: Thread, error: Error): void {
    const index = this.#threads.indexOf(thread);
    if (index < 0) return;
    this.#threads.splice(index, 1);
    clearTimeout(thread.deadline ?? undefined);
    thread.deadline = null;
    thread.job?.reject(error);
    thread.job = null;
    if (error instanceof TaskDeadlineError) void thread.worker.terminate();
    if (!this.#closed) this.#dispatch();
  }
}

/** A worker's error as the caller expects it: the model's input errors keep their class (→ 400). */
function rebuildError(e: { name: string; message: string; stack?: string }): Error {
  const error = e.name === 'ModelInputError' ? new ModelInputError(e.message) : new Error(e.message);
  if (e.name !== 'ModelInputError') error.name = e.name;
  if (e.stack) error.stack = e.stack;
  return error;
}
