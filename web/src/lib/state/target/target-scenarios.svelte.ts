import { isAbort } from '../../api/errors.ts';
import type { Scenario, TargetApi } from '../../api/target.ts';
import { toLoadError, type LoadError, type LoadStatus } from '../load-status.ts';
import type { ModelId } from './target-params.ts';

/** A scenario as the view keeps it: its weights already reduced to the overrides that differ from the defaults. */
export interface SavedScenario {
  id: string;
  name: string;
  weights: Record<string, number>;
}

/**
 * Saved weight sets (POST /api/scenarios → an id a link can carry; GET /api/scenarios/{id} reopens it): the one
 * per model that the current weights came from or were saved as, and the state of a save.
 */
export class ScenarioBook {
  saved = $state.raw<Record<ModelId, SavedScenario | null>>({ cpi: null, needs: null });
  saving = $state<LoadStatus>('idle');
  error = $state.raw<LoadError | null>(null);
  /** A scenario named by the link that could not be opened (deleted, or of another model). */
  missing = $state<string | null>(null);

  readonly #api: TargetApi;

  constructor(api: TargetApi) {
    this.#api = api;
  }

  /** Opens scenario `id` for `model`; null (with `missing` set) when it does not exist or is of another model. */
  async open(model: ModelId, id: string, signal: AbortSignal): Promise<Scenario | null> {
    try {
      const s = await this.#api.scenario(id, signal);
      if (s.modelId === model) return s;
    } catch (err) {
      if (isAbort(err)) throw err;
      // A link to a scenario that is gone still opens the map, with the weights the link itself carries.
      if (toLoadError(err).status !== 404) throw err;
    }
    this.missing = id;
    return null;
  }

  remember(model: ModelId, scenario: SavedScenario | null): void {
    this.saved = { ...this.saved, [model]: scenario };
  }

  /** Saves `weights` of `model` under `name`; rejects with the API's error. */
  async save(
    model: ModelId,
    name: string,
    weights: Record<string, number>,
    shared = false,
  ): Promise<SavedScenario> {
    const s = await this.#api.saveScenario({ modelId: model, name, weights, shared });
    const saved = { id: s.id, name: s.name, weights };
    this.remember(model, saved);
    return saved;
  }

  /** Saves each model's weights under one name, reporting progress and errors in `saving` and `error`. */
  async saveAll(
    name: string,
    weights: Partial<Record<ModelId, Record<string, number>>>,
    shared = false,
  ): Promise<boolean> {
    this.saving = 'loading';
    this.error = null;
    try {
      for (const [model, w] of Object.entries(weights) as [ModelId, Record<string, number>][])
        await this.save(model, name, w, shared);
      this.saving = 'ready';
      return true;
    } catch (err) {
      this.error = toLoadError(err);
      this.saving = 'error';
      return false;
    }
  }
}
