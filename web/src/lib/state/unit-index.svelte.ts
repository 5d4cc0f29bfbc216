import type { AtlasApi, UnitLevel } from '../api/index.ts';
import { labelsOf, toLevelIndex, type Label, type LevelIndex } from '../map/unit-index.ts';
import { KeyedLoad } from './keyed-load.svelte.ts';
import type { LoadError, LoadStatus } from './load-status.ts';

type Levels = Record<UnitLevel, LevelIndex>;

/**
 * The unit index of the three levels, fetched once per session. The map draws the shapes from vector tiles;
 * this is what names, finds, labels and frames units (issue #5: a tenth of the bytes of the shapes).
 */
export class UnitIndexState {
  readonly #api: AtlasApi;
  readonly #load = new KeyedLoad<Levels>();

  get status(): LoadStatus {
    return this.#load.status;
  }
  get error(): LoadError | null {
    return this.#load.error;
  }
  /** The hromada index as soon as it is in, before the other two levels (the first map needs only it). */
  #hromadaFirst = $state.raw<LevelIndex | null>(null);

  /**
   * The hromada index is what the map needs; the others only name raions and oblasts, so they load beside it.
   * Derived, so that the same index arriving again with the other levels wakes nobody: the map re-applied
   * every colour (a full redraw) when it did.
   */
  readonly hromada: LevelIndex | null = $derived(this.#load.data?.hromada ?? this.#hromadaFirst);
  get raion(): LevelIndex | null {
    return this.#load.data?.raion ?? null;
  }
  get oblast(): LevelIndex | null {
    return this.#load.data?.oblast ?? null;
  }

  readonly oblastLabels: Label[] = $derived(this.oblast ? labelsOf(this.oblast) : []);

  constructor(api: AtlasApi) {
    this.#api = api;
  }

  /** Name of any unit of any level. */
  unitName(pcode: string): { nameUk: string; nameEn: string } | undefined {
    const level: UnitLevel = pcode.length === 4 ? 'oblast' : pcode.length === 6 ? 'raion' : 'hromada';
    return this[level]?.names.get(pcode);
  }

  /** Loads the three levels once; after a failure, again. */
  load(): Promise<void> {
    return this.#load.load('levels', async (signal) => {
      const one = async (level: UnitLevel) => toLevelIndex(await this.#api.unitIndex(level, signal), level);
      // The map colours hromadas as soon as their index is in: on a first visit the raion and oblast indexes
      // queue behind the catalogue for the browser's six connections (~0.3 s later; B10, issue #15).
      const first = one('hromada').then((h) => {
        if (!signal.aborted) this.#hromadaFirst = h;
        return h;
      });
      const [hromada, oblast, raion] = await Promise.all([first, one('oblast'), one('raion')]);
      return { hromada, oblast, raion };
    });
  }

  dispose(): void {
    this.#load.abort();
  }
}
