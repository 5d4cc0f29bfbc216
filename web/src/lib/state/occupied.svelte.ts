import {
  isAbort,
  type AtlasApi,
  type OccupiedAreaCollection,
  type OccupiedAreaSnapshot,
} from '../api/index.ts';
import { toLoadError, type LoadError, type LoadStatus } from './load-status.ts';

/**
 * The occupied-area overlay of the Explore view (issue #4: "occupied-area overlay for a chosen snapshot
 * date"): the dated snapshots the API has (GET /api/occupied-areas, loaded once), and the polygons of the one
 * chosen (GET /api/occupied-areas/{date}), each snapshot fetched once.
 */
export class OccupiedState {
  readonly #api: AtlasApi;
  readonly #cache = new Map<string, OccupiedAreaCollection>();
  #listController: AbortController | null = null;
  #controller: AbortController | null = null;

  /** The snapshots, oldest first. */
  snapshots = $state.raw<OccupiedAreaSnapshot[]>([]);
  listStatus = $state<LoadStatus>('idle');
  listError = $state.raw<LoadError | null>(null);

  status = $state<LoadStatus>('idle');
  error = $state.raw<LoadError | null>(null);
  /** The polygons of the snapshot shown; null when none is. */
  data = $state.raw<OccupiedAreaCollection | null>(null);

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
    const controller = new AbortController();
    this.#listController = controller;
    this.listStatus = 'loading';
    this.listError = null;
    try {
      this.snapshots = await this.#api.occupiedAreas(controller.signal);
      this.listStatus = 'ready';
    } catch (err) {
      if (isAbort(err) || controller.signal.aborted) return;
      this.listError = toLoadError(err);
      this.listStatus = 'error';
    }
  }

  /** Shows the snapshot of `date`; null takes the overlay away. */
  async load(date: string | null): Promise<void> {
    this.#controller?.abort();
    if (!date) {
      this.data = null;
      this.status = 'idle';
      this.error = null;
      return;
    }
    const cached = this.#cache.get(date);
    if (cached) {
      this.data = cached;
      this.status = 'ready';
      this.error = null;
      return;
    }
    const controller = new AbortController();
    this.#controller = controller;
    this.status = 'loading';
    this.error = null;
    try {
      const data = await this.#api.occupiedArea(date, controller.signal);
      if (controller.signal.aborted) return;
      this.#cache.set(date, data);
      this.data = data;
      this.status = 'ready';
    } catch (err) {
      if (isAbort(err) || controller.signal.aborted) return;
      this.data = null;
      this.error = toLoadError(err);
      this.status = 'error';
    }
  }

  dispose(): void {
    this.#listController?.abort();
    this.#controller?.abort();
  }
}
