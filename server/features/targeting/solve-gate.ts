import { AppError } from '../../shared/errors.ts';

/** JSON with object keys sorted at every level: two requests that mean the same give one key. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/**
 * Bounds the exact targeting solves (issue #11 item 3: ~2.5 s of CPU each, enough at 7 requests a second to
 * monopolise the machine). At most `concurrency` solves run at once and `queue` more wait; beyond that the
 * answer is 503 SERVICE_UNAVAILABLE with Retry-After. A request already being solved is shared, not solved
 * twice, and the last `cacheSize` answers are kept: the key is the canonical request with the data version,
 * so an edit or an import never serves a stale shortlist. In memory, per process.
 */
export class SolveGate<T> {
  #running = 0;
  readonly #waiting: (() => void)[] = [];
  readonly #inFlight = new Map<string, Promise<T>>();
  readonly #done = new Map<string, T>();
  /** A running average of how long one solve takes, for Retry-After. */
  #averageMs = 2500;

  constructor(
    readonly concurrency: number,
    readonly queue: number,
    readonly cacheSize = 32,
    readonly clock: () => number = () => performance.now(),
  ) {}

  /** How many solves run and wait now (for tests and logs). */
  get load(): { running: number; waiting: number } {
    return { running: this.#running, waiting: this.#waiting.length };
  }

  run(key: string, solve: () => Promise<T>): Promise<T> {
    if (this.#done.has(key)) {
      const value = this.#done.get(key)!;
      // Most recently used last: Map keeps insertion order, so the first key is the one to drop.
      this.#done.delete(key);
      this.#done.set(key, value);
      return Promise.resolve(value);
    }
    const pending = this.#inFlight.get(key);
    if (pending) return pending;
    if (this.#running >= this.concurrency && this.#waiting.length >= this.queue) {
      const ahead = this.#running + this.#waiting.length;
      const seconds = Math.max(1, Math.ceil((this.#averageMs * ahead) / this.concurrency / 1000));
      return Promise.reject(
        new AppError(
          'SERVICE_UNAVAILABLE',
          `the targeting solver is busy (${this.#running} running, ${this.#waiting.length} waiting): try again in ${seconds} s`,
          { retryAfterSeconds: seconds },
          seconds,
        ),
      );
    }
    const promise = this.#solve(solve);
    this.#inFlight.set(key, promise);
    promise.then(
      (value) => {
        this.#inFlight.delete(key);
        this.#done.set(key, value);
        for (const oldest of this.#done.keys()) {
          if (this.#done.size <= this.cacheSize) break;
          this.#done.delete(oldest);
        }
      },
      // A failure is not kept: the next identical request tries again.
      () => this.#inFlight.delete(key),
    );
    return promise;
  }

  async #solve(solve: () => Promise<T>): Promise<T> {
    if (this.#running >= this.concurrency) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    else this.#running++;
    const started = this.clock();
    try {
      return await solve();
    } finally {
      this.#averageMs = 0.7 * this.#averageMs + 0.3 * (this.clock() - started);
      // Hand the slot straight to the next waiter (the running count stays), or free it.
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running--;
    }
  }
}
