import { isAbort, type AtlasApi, type Indicator, type ModelSummary, type Source } from '../api/index.ts';
import { toLoadError, type LoadError, type LoadStatus } from './load-status.ts';

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

/** The catalogue: which indicators and indices exist, and the sources they come from. Loaded once. */
export class CatalogueState {
  status = $state<LoadStatus>('idle');
  error = $state.raw<LoadError | null>(null);
  indicators = $state.raw<Indicator[]>([]);
  models = $state.raw<ModelSummary[]>([]);
  sources = $state.raw<Source[]>([]);

  readonly groups = $derived(groupByDomain(this.indicators));
  readonly indices = $derived(this.models.filter((m) => m.kind === 'index'));

  readonly #api: AtlasApi;
  #controller: AbortController | null = null;

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

  async load(): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.status = 'loading';
    this.error = null;
    try {
      const [indicators, models, sources] = await Promise.all([
        this.#api.indicators(controller.signal),
        this.#api.models(controller.signal),
        this.#api.sources(controller.signal),
      ]);
      this.indicators = indicators;
      this.models = models;
      this.sources = sources;
      this.status = 'ready';
    } catch (err) {
      if (isAbort(err)) return;
      this.error = toLoadError(err);
      this.status = 'error';
    }
  }

  dispose(): void {
    this.#controller?.abort();
  }
}
