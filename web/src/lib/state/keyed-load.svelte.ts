import { LatestLoad } from './latest-load.svelte.ts';

/**
 * One value shown at a time, chosen by a key (a measure and period, an index and method, a snapshot date):
 * each key is fetched once and kept; a newer load cancels an older one still in flight; a failure says why.
 * The pattern the state classes share (measure, hot spots, occupied area, profile, catalogue, unit index,
 * client settings, basemap style); a class that loads once uses one fixed key.
 */
export class KeyedLoad<T> extends LatestLoad {
  /** The value of the key shown; while a new key loads, the old value stays unless told to clear. */
  data = $state.raw<T | null>(null);

  readonly #cache = new Map<string, T>();
  readonly #keepOnError: boolean;

  /** `keepOnError`: a failed load leaves the value shown before (the map keeps its colours under the notice). */
  constructor(opts: { keepOnError?: boolean } = {}) {
    super();
    this.#keepOnError = opts.keepOnError ?? false;
  }

  /**
   * Shows the value of `key`, from the cache or from `fetch`; a null key shows nothing. `clear`: drop the
   * value shown while the new one loads (when the old one would mislead over the new context).
   */
  async load(
    key: string | null,
    fetch: (signal: AbortSignal) => Promise<T>,
    opts: { clear?: boolean } = {},
  ): Promise<void> {
    if (key === null) {
      this.clear();
      this.data = null;
      return;
    }
    const cached = this.#cache.get(key);
    if (cached) {
      this.abort();
      this.data = cached;
      this.status = 'ready';
      this.error = null;
      return;
    }
    if (opts.clear) this.data = null;
    await this.run(
      fetch,
      (data) => {
        this.#cache.set(key, data);
        this.data = data;
      },
      () => {
        if (!this.#keepOnError) this.data = null;
      },
    );
  }

  /** Forgets every value fetched so far (after an edit they may be out of date); the one shown stays. */
  forget(): void {
    this.#cache.clear();
  }
}
