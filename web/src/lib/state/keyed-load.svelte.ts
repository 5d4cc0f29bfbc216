import { isAbort } from '../api/index.ts';
import { toLoadError, type LoadError, type LoadStatus } from './load-status.ts';

/**
 * One value shown at a time, chosen by a key (a measure and period, an index and method, a snapshot date):
 * each key is fetched once and kept; a newer load cancels an older one still in flight; a failure says why.
 * The pattern the state classes share (measure, hot spots, occupied area, profile, catalogue, unit index,
 * client settings, basemap style); a class that loads once uses one fixed key.
 */
export class KeyedLoad<T> {
  status = $state<LoadStatus>('idle');
  error = $state.raw<LoadError | null>(null);
  /** The value of the key shown; while a new key loads, the old value stays unless told to clear. */
  data = $state.raw<T | null>(null);

  readonly #cache = new Map<string, T>();
  readonly #keepOnError: boolean;
  #controller: AbortController | null = null;

  /** `keepOnError`: a failed load leaves the value shown before (the map keeps its colours under the notice). */
  constructor(opts: { keepOnError?: boolean } = {}) {
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
    this.#controller?.abort();
    if (key === null) {
      this.data = null;
      this.status = 'idle';
      this.error = null;
      return;
    }
    const cached = this.#cache.get(key);
    if (cached) {
      this.data = cached;
      this.status = 'ready';
      this.error = null;
      return;
    }
    const controller = new AbortController();
    this.#controller = controller;
    if (opts.clear) this.data = null;
    this.status = 'loading';
    this.error = null;
    try {
      const data = await fetch(controller.signal);
      if (controller.signal.aborted) return;
      this.#cache.set(key, data);
      this.data = data;
      this.status = 'ready';
    } catch (err) {
      if (isAbort(err) || controller.signal.aborted) return;
      // A fetch of several parts that failed in one cancels the others still in flight.
      controller.abort();
      if (!this.#keepOnError) this.data = null;
      this.error = toLoadError(err);
      this.status = 'error';
    }
  }

  /** Forgets every value fetched so far (after an edit they may be out of date); the one shown stays. */
  forget(): void {
    this.#cache.clear();
  }

  abort(): void {
    this.#controller?.abort();
  }
}
