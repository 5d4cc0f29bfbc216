/**
 * At most `limit` events per key within `windowMs` (a sliding log per key): sign-in attempts and failures
 * per client address, anonymous writes and expensive computations per client (issue #11 item 3).
 * In memory, per process: enough for one server; with N instances behind a balancer each allows as much,
 * so the limits multiply by N (docs/accounts.md). The per-account sign-in delay is in the database.
 */
export class RateLimiter {
  readonly #events = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    readonly maxKeys = 10_000,
  ) {}

  /** How long `key` must wait at `now` before one more event is allowed (0 = allowed); records nothing. */
  wait(key: string, now: number): number {
    const since = now - this.windowMs;
    const recent = (this.#events.get(key) ?? []).filter((t) => t > since);
    return recent.length >= this.limit ? recent[recent.length - this.limit]! + this.windowMs - now : 0;
  }

  /** Records an event for `key` at `now` unless over the limit; returns how long to wait, or 0 if allowed. */
  hit(key: string, now: number): number {
    const since = now - this.windowMs;
    const recent = (this.#events.get(key) ?? []).filter((t) => t > since);
    if (recent.length >= this.limit) {
      this.#events.set(key, recent);
      return recent[recent.length - this.limit]! + this.windowMs - now;
    }
    recent.push(now);
    this.#events.delete(key);
    this.#events.set(key, recent);
    // Forget the oldest keys rather than grow without bound under a flood of addresses.
    for (const oldest of this.#events.keys()) {
      if (this.#events.size <= this.maxKeys) break;
      this.#events.delete(oldest);
    }
    return 0;
  }

  /** Forgets `key` (a successful sign-in clears its address's failures). */
  reset(key: string): void {
    this.#events.delete(key);
  }
}
