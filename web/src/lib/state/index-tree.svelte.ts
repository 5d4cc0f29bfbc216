import type { AtlasApi, IndexTrend, ModelDefinition, UnitScoreFull } from '../api/index.ts';
import { KeyedLoad } from './keyed-load.svelte.ts';
import type { LoadError, LoadStatus } from './load-status.ts';

/** What the profile's index tree is built from: the model's structure and every unit's breakdown. */
export interface IndexTreeData {
  modelId: string;
  model: ModelDefinition;
  rows: ReadonlyMap<string, UnitScoreFull>;
  /** The unit's score, dimensions and indicators at each of the model's dates (the sparklines); null if it failed. */
  trend: IndexTrend | null;
}

/**
 * The breakdown behind the index on the map (issue #14, item 3). The map loads the scores without it (a fifth
 * of the bytes); the full scores and the definition are fetched once per model, when a profile first shows it.
 */
export class IndexTreeState {
  readonly #api: AtlasApi;
  readonly #load = new KeyedLoad<IndexTreeData>();
  #ask: { modelId: string; pcode: string; asOf: string | null } | null = null;

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

  /**
   * Loads the breakdown of `modelId` for one hromada as of a date (null: none shown): its row only (the API's
   * pcode filter), and its trend over the model's dates.
   */
  async load(ask: { modelId: string; pcode: string; asOf: string | null } | null): Promise<void> {
    this.#ask = ask;
    const key = ask ? `${ask.modelId}|${ask.pcode}|${ask.asOf ?? 'now'}` : null;
    await this.#load.load(key, async (signal) => {
      const { modelId, pcode, asOf } = ask!;
      const [model, scores, trend] = await Promise.all([
        this.#api.modelDefinition(modelId, signal),
        this.#api.scoresFull(modelId, pcode, asOf ?? undefined, signal),
        // The sparklines are extra: the tree shows without them when the trend fails.
        this.#api.indexTrend(modelId, pcode, signal).catch((e: unknown) => {
          if (signal.aborted) throw e;
          return null;
        }),
      ]);
      return { modelId, model, rows: new Map(scores.units.map((u) => [u.pcode, u])), trend };
    });
  }

  /** After an edit (an assessment changes a component): forgets every breakdown and reloads the one shown. */
  invalidate(): Promise<void> {
    this.#load.forget();
    return this.load(this.#ask);
  }

  dispose(): void {
    this.#load.abort();
  }
}
