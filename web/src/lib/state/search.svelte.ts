import { isAbort, type AtlasApi, type Unit } from '../api/index.ts';
import { toLoadError, type LoadError, type LoadStatus } from './load-status.ts';

/** How long typing must pause before the API is asked, ms. */
export const SEARCH_DEBOUNCE_MS = 200;
export const SEARCH_LIMIT = 12;

/**
 * Hromadas by name, Ukrainian or Latin script. The API's `q` already ignores case and apostrophes
 * (' ’ ʼ), so "Kamianets", "кам'янець" and "кам’янець" find the same hromada.
 */
export class SearchState {
  query = $state('');
  status = $state<LoadStatus>('idle');
  error = $state.raw<LoadError | null>(null);
  results = $state.raw<Unit[]>([]);
  total = $state(0);

  readonly #api: AtlasApi;
  readonly #debounceMs: number;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #controller: AbortController | null = null;
  /** Settles the promise of a search that a newer input replaced before it ran. */
  #settlePending: (() => void) | null = null;

  constructor(api: AtlasApi, debounceMs = SEARCH_DEBOUNCE_MS) {
    this.#api = api;
    this.#debounceMs = debounceMs;
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
    this.#controller?.abort();
  }

  async #run(q: string, oblast: string | null): Promise<void> {
    const controller = new AbortController();
    this.#controller = controller;
    try {
      const list = await this.#api.units(
        { q, level: 'hromada', limit: SEARCH_LIMIT, ...(oblast ? { parent: oblast } : {}) },
        controller.signal,
      );
      if (controller.signal.aborted) return;
      this.results = list.items;
      this.total = list.total;
      this.status = 'ready';
      this.error = null;
    } catch (err) {
      if (isAbort(err) || controller.signal.aborted) return;
      this.results = [];
      this.total = 0;
      this.error = toLoadError(err);
      this.status = 'error';
    }
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
