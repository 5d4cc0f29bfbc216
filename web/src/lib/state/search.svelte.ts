import type { AtlasApi, Unit } from '../api/index.ts';
import { LatestLoad } from './latest-load.svelte.ts';
import type { LoadError, LoadStatus } from './load-status.ts';

/** How long typing must pause before the API is asked, ms. */
export const SEARCH_DEBOUNCE_MS = 200;
export const SEARCH_LIMIT = 12;

/**
 * Hromadas by name, Ukrainian or Latin script. The API's `q` already ignores case and apostrophes
 * (' ’ ʼ), so "Kamianets", "кам'янець" and "кам’янець" find the same hromada.
 */
export class SearchState {
  query = $state('');
  results = $state.raw<Unit[]>([]);
  total = $state(0);

  readonly #api: AtlasApi;
  readonly #debounceMs: number;
  #timer: ReturnType<typeof setTimeout> | null = null;
  readonly #load = new LatestLoad();
  /** Settles the promise of a search that a newer input replaced before it ran. */
  #settlePending: (() => void) | null = null;

  constructor(api: AtlasApi, debounceMs = SEARCH_DEBOUNCE_MS) {
    this.#api = api;
    this.#debounceMs = debounceMs;
  }

  /** 'loading' from the first key typed, while the debounce waits too. */
  get status(): LoadStatus {
    return this.#load.status;
  }
  set status(status: LoadStatus) {
    this.#load.status = status;
  }
  get error(): LoadError | null {
    return this.#load.error;
  }
  set error(error: LoadError | null) {
    this.#load.error = error;
  }

  /** Sets the query and searches once typing pauses; `oblast` limits the search to one oblast. */
  input(query: string, oblast: string | null = null): Promise<void> {
    this.query = query;
    this.#cancel();
    const q = query.trim();
    if (q.length < 2) {
      this.results = [];
      this.total = 0;
      this.status = 'idle';
      this.error = null;
      return Promise.resolve();
    }
    this.status = 'loading';
    return new Promise((resolve) => {
      this.#settlePending = resolve;
      this.#timer = setTimeout(() => {
        this.#timer = null;
        this.#settlePending = null;
        void this.#run(q, oblast).then(resolve);
      }, this.#debounceMs);
    });
  }

  #cancel(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#settlePending?.();
    this.#settlePending = null;
    this.#load.abort();
  }

  async #run(q: string, oblast: string | null): Promise<void> {
    await this.#load.run(
      (signal) =>
        this.#api.units(
          { q, level: 'hromada', limit: SEARCH_LIMIT, ...(oblast ? { parent: oblast } : {}) },
          signal,
        ),
      (list) => {
        this.results = list.items;
        this.total = list.total;
      },
      () => {
        this.results = [];
        this.total = 0;
      },
    );
  }

  clear(): void {
    this.#cancel();
    this.query = '';
    this.results = [];
    this.total = 0;
    this.status = 'idle';
    this.error = null;
  }

  dispose(): void {
    this.clear();
  }
}
