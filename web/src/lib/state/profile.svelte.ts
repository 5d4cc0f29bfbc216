import type { AtlasApi, UnitProfile } from '../api/index.ts';
import { KeyedLoad } from './keyed-load.svelte.ts';
import type { LoadError, LoadStatus } from './load-status.ts';

/** The profile of the selected hromada (/api/units/{pcode}): every indicator, neighbours, programmes. */
export class ProfileState {
  /** The pcode being shown or loaded. */
  pcode = $state<string | null>(null);

  readonly #api: AtlasApi;
  readonly #load = new KeyedLoad<UnitProfile>();

  get status(): LoadStatus {
    return this.#load.status;
  }
  get error(): LoadError | null {
    return this.#load.error;
  }
  get profile(): UnitProfile | null {
    return this.#load.data;
  }

  constructor(api: AtlasApi) {
    this.#api = api;
  }

  /** Shows `pcode` (null closes the profile); a newer call cancels an older one still in flight. */
  async load(pcode: string | null): Promise<void> {
    // The same pcode again is no new request: a profile that just failed is asked for again only by retry().
    if (pcode === this.pcode) return;
    this.pcode = pcode;
    await this.#load.load(pcode, (signal) => this.#api.unit(pcode!, signal));
  }

  /**
   * Forgets every profile loaded so far and reloads the one shown: after an edit (a programme, a site, an
   * assessment) the profile must show the new record and who changed it.
   */
  invalidate(): Promise<void> {
    this.#load.forget();
    return this.retry();
  }

  /** Loads the same pcode again after an error. */
  retry(): Promise<void> {
    const p = this.pcode;
    this.pcode = null;
    return this.load(p);
  }

  dispose(): void {
    this.#load.abort();
  }
}
