import { untrack } from 'svelte';
import type { AtlasApi, IndexDates } from '../../api/index.ts';
import { KeyedLoad } from '../keyed-load.svelte.ts';
import type { LoadError, LoadStatus } from '../load-status.ts';
import type { ViewState } from '../view.svelte.ts';
import { playNext, playStart, snapshotDates } from './time-steps.ts';

/** How long each occupied-area snapshot stays on the map while playing. */
export const PLAY_STEP_MS = 2000;

/**
 * The as-of date of the indices in Explore (issue #14 item 5): the dates the shown index changes at
 * (GET /api/models/{id}/dates), and a play button that steps view.asOf (and the occupied-area overlay)
 * through the occupied-area snapshots, stopping at the last. The date itself lives in the view (`asof`).
 */
export class TimeState {
  readonly #api: AtlasApi;
  readonly #view: ViewState;
  readonly #model: () => string | null;
  readonly #load = new KeyedLoad<IndexDates>();
  #timer: ReturnType<typeof setTimeout> | null = null;

  playing = $state(false);

  get status(): LoadStatus {
    return this.#load.status;
  }
  get error(): LoadError | null {
    return this.#load.error;
  }
  /** The shown index's dates, oldest first (empty while loading or when no index is shown). */
  readonly dates: IndexDates['dates'] = $derived.by(() => {
    const d = this.#load.data;
    return d && d.model.id === this.#model() ? d.dates : [];
  });
  readonly snapshots: string[] = $derived(snapshotDates(this.dates));

  /** `model`: the index on the map, null when the map shows something else. */
  constructor(api: AtlasApi, view: ViewState, model: () => string | null) {
    this.#api = api;
    this.#view = view;
    this.#model = model;
  }

  follow(): void {
    $effect(() => this.sync());
  }

  sync(): void {
    const id = this.#model();
    untrack(() => void this.#load.load(id, (signal) => this.#api.modelDates(id!, signal)));
  }

  /** Shows `date` (null = now); the occupied-area overlay, when shown, follows to a snapshot of that date. */
  setAsOf(date: string | null): void {
    this.#view.asOf = date;
    if (date && this.#view.occupied && this.snapshots.includes(date)) this.#view.occupied = date;
  }

  /** Steps through the snapshots from the first (or from where it was paused), one every PLAY_STEP_MS. */
  play(): void {
    const start = playStart(this.snapshots, this.#view.asOf);
    if (!start) return;
    this.playing = true;
    this.#view.asOf = start;
    this.#view.occupied = start;
    this.#schedule();
  }

  pause(): void {
    this.playing = false;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  #schedule(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.step(), PLAY_STEP_MS);
  }

  /** One step of play: the next snapshot, or the end (play stops on the last snapshot). */
  step(): void {
    if (!this.playing) return;
    const next = playNext(this.snapshots, this.#view.asOf);
    if (!next) return this.pause();
    this.#view.asOf = next;
    this.#view.occupied = next;
    if (playNext(this.snapshots, next)) this.#schedule();
    else this.pause();
  }

  dispose(): void {
    this.pause();
    this.#load.abort();
  }
}
