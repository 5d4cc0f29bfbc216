import { isAbort, type AtlasApi, type HotspotMethod, type HotspotUnit, type Hotspots } from '../api/index.ts';
import { toLoadError, type LoadError, type LoadStatus } from './load-status.ts';

/** What a significant hromada is on the hotspot layer: a LISA cluster or outlier, or a Gi* hot or cold spot. */
export type HotspotClass = 'HH' | 'LL' | 'HL' | 'LH' | 'hot' | 'cold';

export const LISA_CLASSES: readonly HotspotClass[] = ['HH', 'LL', 'HL', 'LH'];
export const GI_CLASSES: readonly HotspotClass[] = ['hot', 'cold'];

/** The class of one unit of the API's answer, or null when it is not significant (or left out). */
export function hotspotClassOf(u: HotspotUnit): HotspotClass | null {
  if (u.cluster && u.cluster !== 'ns') return u.cluster;
  if (u.hotspot && u.hotspot !== 'ns') return u.hotspot;
  return null;
}

/**
 * The hotspot layer of the Explore view (issue #4: "hotspot layer (LISA clusters / Gi* significance) and the
 * low-high watch list"): the API's local statistics of one index's scores (GET /api/models/{id}/hotspots,
 * server/model/spatial.ts), the significant hromadas by class, and the watch list. Answers are kept, so that
 * switching back and forth between LISA and Gi* asks the server once for each.
 */
export class HotspotState {
  readonly #api: AtlasApi;
  readonly #cache = new Map<string, Hotspots>();
  #controller: AbortController | null = null;

  status = $state<LoadStatus>('idle');
  error = $state.raw<LoadError | null>(null);
  data = $state.raw<Hotspots | null>(null);

  /** Significant hromadas by pcode. */
  readonly classOf: ReadonlyMap<string, HotspotClass> = $derived.by(() => {
    const out = new Map<string, HotspotClass>();
    for (const u of this.data?.units ?? []) {
      const c = hotspotClassOf(u);
      if (c) out.set(u.pcode, c);
    }
    return out;
  });

  /** How many hromadas each class has (every class of the method, zeros included). */
  readonly counts: ReadonlyMap<HotspotClass, number> = $derived.by(() => {
    const classes = this.data?.method === 'gi' ? GI_CLASSES : LISA_CLASSES;
    const out = new Map<HotspotClass, number>(classes.map((c) => [c, 0]));
    for (const c of this.classOf.values()) out.set(c, (out.get(c) ?? 0) + 1);
    return out;
  });

  /** Low score among high-scoring neighbours, most significant first: early-warning communities (LISA only). */
  readonly watchList: HotspotUnit[] = $derived(this.data?.watchList ?? []);

  constructor(api: AtlasApi) {
    this.#api = api;
  }

  /** Shows the hot spots of `modelId` by `method`; null for either takes the layer away. */
  async load(modelId: string | null, method: HotspotMethod | null): Promise<void> {
    this.#controller?.abort();
    if (!modelId || !method) {
      this.data = null;
      this.status = 'idle';
      this.error = null;
      return;
    }
    const key = `${modelId}@${method}`;
    const cached = this.#cache.get(key);
    if (cached) {
      this.data = cached;
      this.status = 'ready';
      this.error = null;
      return;
    }
    const controller = new AbortController();
    this.#controller = controller;
    // Another index's outlines must not stay over this one's map while its own load.
    if (this.data?.model.id !== modelId) this.data = null;
    this.status = 'loading';
    this.error = null;
    try {
      const data = await this.#api.hotspots(modelId, method, controller.signal);
      if (controller.signal.aborted) return;
      this.#cache.set(key, data);
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
    this.#controller?.abort();
  }
}
