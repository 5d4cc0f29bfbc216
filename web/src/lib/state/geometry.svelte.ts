import { isAbort, type AtlasApi, type UnitLevel } from '../api/index.ts';
import { labelPoint, topologyToLevel, type LevelGeometry } from './geometry.ts';
import { toLoadError, type LoadError, type LoadStatus } from './load-status.ts';

export interface Label {
  pcode: string;
  position: [number, number];
  nameUk: string;
  nameEn: string;
}

/** Boundaries of the three levels, fetched and decoded once per session (issue #4: geometry loads once). */
export class GeometryState {
  /** The hromada layer is what the map needs; the others only add outlines, so they load beside it. */
  status = $state<LoadStatus>('idle');
  error = $state.raw<LoadError | null>(null);
  hromada = $state.raw<LevelGeometry | null>(null);
  raion = $state.raw<LevelGeometry | null>(null);
  oblast = $state.raw<LevelGeometry | null>(null);

  readonly oblastLabels: Label[] = $derived(this.oblast ? labelsOf(this.oblast) : []);

  readonly #api: AtlasApi;
  #controller: AbortController | null = null;

  constructor(api: AtlasApi) {
    this.#api = api;
  }

  /** Name of any unit of any level, from the boundaries already loaded. */
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
      const topology = await this.#api.layer(level, controller.signal);
      if (controller.signal.aborted) return;
      this[level] = topologyToLevel(topology, level);
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

export function labelsOf(level: LevelGeometry): Label[] {
  return level.collection.features.map((f) => ({
    pcode: f.properties.pcode,
    position: labelPoint(f.geometry),
    nameUk: f.properties.nameUk,
    nameEn: f.properties.nameEn,
  }));
}
