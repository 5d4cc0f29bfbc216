import type { AtlasApi, HotspotMethod, HotspotUnit, Hotspots } from '../../api/index.ts';
import { fillsOf, type HotspotFill, type HotspotView } from '../../map/layers/hotspot-fill.ts';
import type { HotspotClass } from '../../map/layers/hotspot-style.ts';
import { KeyedLoad } from '../keyed-load.svelte.ts';
import type { LoadError, LoadStatus } from '../load-status.ts';

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
  readonly #load = new KeyedLoad<Hotspots>();

  get status(): LoadStatus {
    return this.#load.status;
  }
  get error(): LoadError | null {
    return this.#load.error;
  }
  get data(): Hotspots | null {
    return this.#load.data;
  }

  /** How the layer draws the answer: outlines over the measure, or the cluster or significance map (issue #14). */
  display = $state<HotspotView>('outline');

  /** Each analysed hromada's fill on the cluster or significance map; empty for the outlines. */
  readonly fills: ReadonlyMap<string, HotspotFill> = $derived(fillsOf(this.data, this.display));

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
    const key = modelId && method ? `${modelId}@${method}` : null;
    // Another index's outlines must not stay over this one's map while its own load.
    await this.#load.load(key, (signal) => this.#api.hotspots(modelId!, method!, signal), {
      clear: this.data?.model.id !== modelId,
    });
  }

  dispose(): void {
    this.#load.abort();
  }
}
