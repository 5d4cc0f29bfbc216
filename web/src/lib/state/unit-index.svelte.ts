import { isAbort, type AtlasApi, type UnitLevel } from '../api/index.ts';
import { labelsOf, toLevelIndex, type Label, type LevelIndex } from '../map/unit-index.ts';
import { toLoadError, type LoadError, type LoadStatus } from './load-status.ts';

/**
 * The unit index of the three levels, fetched once per session. The map draws the shapes from vector tiles;
 * this is what names, finds, labels and frames units (issue #5: a tenth of the bytes of the shapes).
 */
export class UnitIndexState {
  /** The hromada index is what the map needs; the others only name raions and oblasts, so they load beside it. */
  status = $state<LoadStatus>('idle');
  error = $state.raw<LoadError | null>(null);
  hromada = $state.raw<LevelIndex | null>(null);
  raion = $state.raw<LevelIndex | null>(null);
  oblast = $state.raw<LevelIndex | null>(null);

  readonly oblastLabels: Label[] = $derived(this.oblast ? labelsOf(this.oblast) : []);

  readonly #api: AtlasApi;
  #controller: AbortController | null = null;

  constructor(api: AtlasApi) {
    this.#api = api;
  }

  /** Name of any unit of any level. */
  unitName(pcode: string): { nameUk: string; nameEn: string } | undefined {
    const level: UnitLevel = pcode.length === 4 ? 'oblast' : pcode.length === 6 ? 'raion' : 'hromada';
    return this[level]?.names.get(pcode);
  }

  async load(): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.status = 'loading';
    this.error = null;
    const one = async (level: UnitLevel) => {
      const columns = await this.#api.unitIndex(level, controller.signal);
      if (controller.signal.aborted) return;
      this[level] = toLevelIndex(columns, level);
    };
    try {
      await Promise.all([one('hromada'), one('oblast'), one('raion')]);
      if (!controller.signal.aborted) this.status = 'ready';
    } catch (err) {
      if (isAbort(err) || controller.signal.aborted) return;
      controller.abort();
      this.error = toLoadError(err);
      this.status = 'error';
    }
  }

  dispose(): void {
    this.#controller?.abort();
  }
}
