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
  /** The hromada index is what the map needs; the others only name raions and oblasts, so they load beside it. */
  get hromada(): LevelIndex | null {
    return this.#load.data?.hromada ?? null;
  }
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
      const [hromada, oblast, raion] = await Promise.all([one('hromada'), one('oblast'), one('raion')]);
      return { hromada, oblast, raion };
    });
  }

  dispose(): void {
    this.#load.abort();
  }
}
