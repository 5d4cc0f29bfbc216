import type { AssessedCommunities, RoundsApi } from '../../api/rounds.ts';
import { KeyedLoad } from '../keyed-load.svelte.ts';
import type { LoadError, LoadStatus } from '../load-status.ts';

/**
 * "Who assessed when" in the Coverage view (issue #13, section 5): the communities with at least one assessment
 * round, how many rounds, the latest and by whom (GET /api/rounds/communities), as a list and, when shown, an
 * outline on the map. The count is the server's: 0 until someone enters or imports a round.
 */
export class AssessedState {
  /** The outline on the map. */
  shown = $state(false);

  readonly #api: RoundsApi;
  readonly #load = new KeyedLoad<AssessedCommunities>();

  get status(): LoadStatus {
    return this.#load.status;
  }
  get error(): LoadError | null {
    return this.#load.error;
  }
  get data(): AssessedCommunities | null {
    return this.#load.data;
  }

  readonly pcodes: ReadonlySet<string> = $derived(new Set((this.data?.units ?? []).map((u) => u.pcode)));

  constructor(api: RoundsApi) {
    this.#api = api;
  }

  /** Loads the list once (again after reload()). */
  load(): Promise<void> {
    return this.#load.load('all', (signal) => this.#api.communities(signal));
  }

  /** Asks again: after an assessment or an import, the list has changed. */
  reload(): Promise<void> {
    this.#load.forget();
    return this.load();
  }

  dispose(): void {
    this.#load.abort();
  }
}
