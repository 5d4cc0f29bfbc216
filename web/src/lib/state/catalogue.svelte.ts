import type { AtlasApi, Indicator, ModelSummary, Source } from '../api/index.ts';
import { KeyedLoad } from './keyed-load.svelte.ts';
import type { LoadError, LoadStatus } from './load-status.ts';

/** Indicators of one domain, for a grouped picker. */
export interface IndicatorGroup {
  domain: string;
  indicators: Indicator[];
}

// Domains in the order an analyst of conflict and displacement reads them; unknown domains follow, by name.
const DOMAIN_ORDER = ['conflict_exposure', 'displacement', 'demography', 'fiscal_capacity', 'geography'];

export function groupByDomain(indicators: readonly Indicator[]): IndicatorGroup[] {
  const groups = new Map<string, Indicator[]>();
  for (const ind of indicators) {
    const list = groups.get(ind.domain) ?? [];
    list.push(ind);
    groups.set(ind.domain, list);
  }
  const rank = (d: string) => {
    const i = DOMAIN_ORDER.indexOf(d);
    return i < 0 ? DOMAIN_ORDER.length : i;
  };
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([domain, list]) => ({ domain, indicators: list }));
}

interface Catalogue {
  indicators: Indicator[];
  models: ModelSummary[];
  sources: Source[];
}

/** The catalogue: which indicators and indices exist, and the sources they come from. Loaded once. */
export class CatalogueState {
  readonly #api: AtlasApi;
  readonly #load = new KeyedLoad<Catalogue>();

  get status(): LoadStatus {
    return this.#load.status;
  }
  get error(): LoadError | null {
    return this.#load.error;
  }
  get indicators(): Indicator[] {
    return this.#load.data?.indicators ?? [];
  }
  get models(): ModelSummary[] {
    return this.#load.data?.models ?? [];
  }
  get sources(): Source[] {
    return this.#load.data?.sources ?? [];
  }

  readonly groups = $derived(groupByDomain(this.indicators));
  readonly indices = $derived(this.models.filter((m) => m.kind === 'index'));

  constructor(api: AtlasApi) {
    this.#api = api;
  }

  indicator(id: string): Indicator | undefined {
    return this.indicators.find((i) => i.id === id);
  }

  model(id: string): ModelSummary | undefined {
    return this.models.find((m) => m.id === id);
  }

  source(id: string): Source | undefined {
    return this.sources.find((s) => s.id === id);
  }

  /** Loads the catalogue once; after a failure, again. */
  load(): Promise<void> {
    return this.#load.load('catalogue', async (signal) => {
      const [indicators, models, sources] = await Promise.all([
        this.#api.indicators(signal),
        this.#api.models(signal),
        this.#api.sources(signal),
      ]);
      return { indicators, models, sources };
    });
  }

  dispose(): void {
    this.#load.abort();
  }
}
