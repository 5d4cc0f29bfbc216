import { isAbort } from '../../api/errors.ts';
import type { ListedScenario, ScenarioComparison, TargetApi } from '../../api/target.ts';
import { toLoadError, type LoadError, type LoadStatus } from '../load-status.ts';

/** How many of the highest ranks the comparison counts as "the top" (what a shortlist is drawn from). */
export const COMPARE_TOP = 20;

/** What differs between two scenarios of one model: their weights, and how the ranking moves (GET /compare). */
export interface ScenarioDiff {
  a: ListedScenario;
  b: ListedScenario;
  /** Node ids whose weight differs, with the weight in a and in b (null: the model's default). */
  weights: { node: string; a: number | null; b: number | null }[];
  /** Hromadas in the top COMPARE_TOP under both. */
  topOverlap: number;
  /** Hromadas whose rank changed at all. */
  moved: number;
  /** The largest moves, up first then down (rank before → after). */
  movers: { pcode: string; nameUk: string; nameEn: string; before: number; after: number }[];
}

/**
 * The saved scenarios gallery (issue #14 item 9): the shared ones and the signed-in user's own, opened, two
 * compared by the API's /compare, and the user's own deleted (the server allows only the owner).
 */
export class ScenarioGallery {
  items = $state.raw<ListedScenario[]>([]);
  status = $state<LoadStatus>('idle');
  error = $state.raw<LoadError | null>(null);
  diff = $state.raw<ScenarioDiff | null>(null);
  comparing = $state<LoadStatus>('idle');
  compareError = $state.raw<LoadError | null>(null);
  deleteError = $state.raw<LoadError | null>(null);

  readonly #api: TargetApi;
  #controller: AbortController | null = null;

  constructor(api: TargetApi) {
    this.#api = api;
  }

  /** Lists the shared scenarios, and the caller's own when signed in. */
  async load(signedIn: boolean): Promise<void> {
    this.#controller?.abort();
    const controller = (this.#controller = new AbortController());
    this.status = 'loading';
    this.error = null;
    try {
      this.items = await this.#api.listScenarios(signedIn, controller.signal);
      this.status = 'ready';
    } catch (err) {
      if (isAbort(err)) return;
      this.error = toLoadError(err);
      this.status = 'error';
    }
  }

  /** Deletes one of the caller's own scenarios; the list drops it at once when the server agrees. */
  async remove(id: string): Promise<boolean> {
    this.deleteError = null;
    try {
      await this.#api.deleteScenario(id);
      this.items = this.items.filter((s) => s.id !== id);
      if (this.diff && (this.diff.a.id === id || this.diff.b.id === id)) this.diff = null;
      return true;
    } catch (err) {
      this.deleteError = toLoadError(err);
      return false;
    }
  }

  /** Compares two scenarios of one model (the caller checks that they are of the same model). */
  async compare(a: ListedScenario, b: ListedScenario): Promise<void> {
    this.comparing = 'loading';
    this.compareError = null;
    this.diff = null;
    try {
      const r = await this.#api.compareScenarios(a.modelId, a.id, b.id);
      this.diff = diffOf(a, b, r);
      this.comparing = 'ready';
    } catch (err) {
      this.compareError = toLoadError(err);
      this.comparing = 'error';
    }
  }

  clearDiff(): void {
    this.diff = null;
    this.comparing = 'idle';
  }

  dispose(): void {
    this.#controller?.abort();
  }
}

/** The weights, top overlap and largest moves between scenario a (before) and b (after). */
export function diffOf(a: ListedScenario, b: ListedScenario, r: ScenarioComparison): ScenarioDiff {
  const nodes = [...new Set([...Object.keys(a.weights), ...Object.keys(b.weights)])].sort();
  const weights = nodes
    .map((node) => ({ node, a: a.weights[node] ?? null, b: b.weights[node] ?? null }))
    .filter((w) => w.a !== w.b);
  const inTop = (rank: number | null | undefined) =>
    rank !== null && rank !== undefined && rank <= COMPARE_TOP;
  const changes = r.changes;
  const topOverlap = changes.filter((c) => inTop(c.before) && inTop(c.after)).length;
  const moving = changes.filter((c) => c.change !== null && c.change !== 0);
  const movers = [...moving]
    .sort((x, y) => Math.abs(y.change!) - Math.abs(x.change!) || (x.pcode < y.pcode ? -1 : 1))
    .slice(0, 5)
    .map((c) => ({
      pcode: c.pcode,
      nameUk: c.nameUk ?? c.pcode,
      nameEn: c.nameEn ?? c.pcode,
      before: c.before!,
      after: c.after!,
    }));
  return { a, b, weights, topOverlap, moved: moving.length, movers };
}
