// Test support shared by the fake APIs: records each call, and answers it in a microtask, unless the method
// was made to fail or is held open (to test cancellation and latest-wins) until `release()`.

/** What a test can do to a fake API, whatever its methods. */
export interface CallControls<Method extends string> {
  calls: { method: Method; args: unknown[] }[];
  /** Makes every later call of `method` reject with `err`; `null` lets them succeed again. */
  fail(method: Method, err: Error | null): void;
  succeed(method: Method): void;
  /** Holds the calls of `method` open until `release()`; an aborted held call rejects as an abort. */
  hold(method: Method): void;
  release(): void;
}

export interface FakeCalls<Method extends string> {
  controls: CallControls<Method>;
  /** Records the call and answers a copy of `value()` (or its throw) unless failed, held or aborted. */
  answer<T>(method: Method, args: unknown[], signal: AbortSignal | undefined, value: () => T): Promise<T>;
}

const aborted = () => new DOMException('aborted', 'AbortError');

export function fakeCalls<Method extends string>(): FakeCalls<Method> {
  const calls: CallControls<Method>['calls'] = [];
  const failures = new Map<Method, Error>();
  const held = new Set<Method>();
  let waiting: (() => void)[] = [];

  const controls: CallControls<Method> = {
    calls,
    fail: (method, err) => (err ? failures.set(method, err) : failures.delete(method)),
    succeed: (method) => failures.delete(method),
    hold: (method) => held.add(method),
    release() {
      held.clear();
      const w = waiting;
      waiting = [];
      for (const settle of w) settle();
    },
  };

  function answer<T>(
    method: Method,
    args: unknown[],
    signal: AbortSignal | undefined,
    value: () => T,
  ): Promise<T> {
    calls.push({ method, args });
    return new Promise<T>((resolve, reject) => {
      const settle = () => {
        if (signal?.aborted) return reject(aborted());
        const err = failures.get(method);
        if (err) return reject(err);
        try {
          // A copy, so that a state class that mutates its answer cannot change the fixtures.
          resolve(structuredClone(value()));
        } catch (e) {
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      };
      signal?.addEventListener('abort', () => reject(aborted()));
      if (held.has(method)) waiting.push(settle);
      else queueMicrotask(settle);
    });
  }

  return { controls, answer };
}
