/**
 * At most `limit` events per key within `windowMs` (a sliding log per key). For sign-in attempts per client
 * address: the per-email lockout stops guessing one password, this stops one client trying many emails.
 * In memory, per process: enough for one server; the lockout itself is in the database.
 */
export class RateLimiter {
  readonly #events = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    readonly maxKeys = 10_000,
  ) {}

  /** Records an event for `key` at `now` unless over the limit; returns how long to wait, or 0 if allowed. */
  hit(key: string, now: number): number {
    const since = now - this.windowMs;
    const recent = (this.#events.get(key) ?? []).filter((t) => t > since);
    if (recent.length >= this.limit) {
      this.#events.set(key, recent);
      return recent[0]! + this.windowMs - now;
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
}
