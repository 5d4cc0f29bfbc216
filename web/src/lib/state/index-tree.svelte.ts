import type { AtlasApi, ModelDefinition, UnitScoreFull } from '../api/index.ts';
import { KeyedLoad } from './keyed-load.svelte.ts';
import type { LoadError, LoadStatus } from './load-status.ts';

/** What the profile's index tree is built from: the model's structure and every unit's breakdown. */
export interface IndexTreeData {
  modelId: string;
  model: ModelDefinition;
  rows: ReadonlyMap<string, UnitScoreFull>;
}

/**
 * The breakdown behind the index on the map (issue #14, item 3). The map loads the scores without it (a fifth
 * of the bytes); the full scores and the definition are fetched once per model, when a profile first shows it.
 */
export class IndexTreeState {
  readonly #api: AtlasApi;
  readonly #load = new KeyedLoad<IndexTreeData>();
  #modelId: string | null = null;

  get status(): LoadStatus {
    return this.#load.status;
  }
  get error(): LoadError | null {
    return this.#load.error;
  }
  get data(): IndexTreeData | null {
    return this.#load.data;
  }

  constructor(api: AtlasApi) {
    this.#api = api;
  }

  /** Loads the breakdown of `modelId` (null: none shown). */
  async load(modelId: string | null): Promise<void> {
    this.#modelId = modelId;
    await this.#load.load(modelId, async (signal) => {
      const [model, scores] = await Promise.all([
        this.#api.modelDefinition(modelId!, signal),
        this.#api.scoresFull(modelId!, signal),
      ]);
      return { modelId: modelId!, model, rows: new Map(scores.units.map((u) => [u.pcode, u])) };
    });
  }

  /** After an edit (an assessment changes a component): forgets every breakdown and reloads the one shown. */
  invalidate(): Promise<void> {
    this.#load.forget();
    return this.load(this.#modelId);
  }

  dispose(): void {
    this.#load.abort();
  }
}
