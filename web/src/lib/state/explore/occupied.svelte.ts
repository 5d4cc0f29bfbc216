import type { AtlasApi, OccupiedAreaCollection, OccupiedAreaSnapshot } from '../../api/index.ts';
import { KeyedLoad } from '../keyed-load.svelte.ts';
import { LatestLoad } from '../latest-load.svelte.ts';
import type { LoadError, LoadStatus } from '../load-status.ts';

/**
 * The occupied-area overlay of the Explore view (issue #4: "occupied-area overlay for a chosen snapshot
 * date"): the dated snapshots the API has (GET /api/occupied-areas, loaded once), and the polygons of the one
 * chosen (GET /api/occupied-areas/{date}), each snapshot fetched once.
 */
export class OccupiedState {
  readonly #api: AtlasApi;
  readonly #load = new KeyedLoad<OccupiedAreaCollection>();
  readonly #list = new LatestLoad();

  /** The snapshots, oldest first. */
  snapshots = $state.raw<OccupiedAreaSnapshot[]>([]);

  get listStatus(): LoadStatus {
    return this.#list.status;
  }
  get listError(): LoadError | null {
    return this.#list.error;
  }

  get status(): LoadStatus {
    return this.#load.status;
  }
  get error(): LoadError | null {
    return this.#load.error;
  }
  /** The polygons of the snapshot shown; null when none is. */
  get data(): OccupiedAreaCollection | null {
    return this.#load.data;
  }

  /** The newest snapshot's date (what "show the occupied area" picks first). */
  readonly latest: string | null = $derived(this.snapshots.at(-1)?.date ?? null);

  constructor(api: AtlasApi) {
    this.#api = api;
  }

  /** The snapshot listed for `date`, with its source and area. */
  snapshot(date: string | null): OccupiedAreaSnapshot | null {
    return date ? (this.snapshots.find((s) => s.date === date) ?? null) : null;
  }

  /** Lists the snapshots (once; again after an error). */
  async loadList(): Promise<void> {
    if (this.listStatus === 'ready' || this.listStatus === 'loading') return;
    await this.#list.run(
      (signal) => this.#api.occupiedAreas(signal),
      (snapshots) => (this.snapshots = snapshots),
    );
  }

  /** Shows the snapshot of `date`; null takes the overlay away. */
  async load(date: string | null): Promise<void> {
    await this.#load.load(date, (signal) => this.#api.occupiedArea(date!, signal));
  }

  dispose(): void {
    this.#list.abort();
    this.#load.abort();
  }
}
