import { DEFAULT_MIN_CONFIDENCE, isPreReformCrimea } from '../../../../../server/model/comparability.ts';
import { isAbort } from '../../api/errors.ts';
import type { ListedScenario, Priority, TargetApi, TargetingRequest } from '../../api/target.ts';
import { formatNumber, formatPeriod, formatScore } from '../../i18n/format.ts';
import { TARGET_MESSAGES, fill } from '../../i18n/messages-target.ts';
import { MESSAGES, type Lang } from '../../i18n/messages.ts';
import { localSource } from '../../i18n/source-texts.ts';
import { buildChoropleth, type Choropleth } from '../../map/choropleth.ts';
import { classWord, unitClass } from '../../map/unit-class.ts';
import { quantileThresholds, sortedFinite } from '../../map/classify.ts';
import type { HoverLine, MapLegend, MapMode } from '../../map/map-mode.ts';
import { NO_DATA_COLOUR, defaultPalette } from '../../map/palettes.ts';
import type { CatalogueState } from '../catalogue.svelte.ts';
import type { UnitIndexState } from '../unit-index.svelte.ts';
import { toLoadError, type LoadError, type LoadStatus } from '../load-status.ts';
import {
  formatTargetParams,
  parseTargetParams,
  type CostType,
  type ModelId,
  type TargetFilterParams,
  type TargetParams,
} from './target-params.ts';
import { rankEligible, type Ranking, type UnitFacts } from './target-ranking.ts';
import { ScenarioGallery } from './target-gallery.svelte.ts';
import { ScenarioBook } from './target-scenarios.svelte.ts';
import { loadedModel, unitFacts, type LoadedModel } from './target-model.ts';
import { priorityRun, type ModelRun } from './target-scoring.ts';
import { ShortlistState } from './target-shortlist.svelte.ts';
import { normaliseOverrides, sameWeights } from './target-weights.ts';
import type { ViewState } from '../view.svelte.ts';

export type { LoadedModel };

export interface TargetDeps {
  api: TargetApi;
  view: ViewState;
  catalogue: CatalogueState;
  units: UnitIndexState;
  /** The page's query string at start: the keys this view owns are read from it. */
  search: string;
}

/** The scores and ranking under the current weights, and how long they took. */
export interface Scored {
  run: ModelRun;
  ranking: Ranking;
  /** Milliseconds to re-score, combine and rank (what a slider move costs). */
  ms: number;
}

/** The outline of the shortlist on the map, and the colour the legend gives it. */
export const SHORTLIST_COLOUR = '#0b3d91';
/** The pale veil over scored hromadas that the filters leave out. */
export const FILTERED_COLOUR = '#eceff3';
/** π runs 0–100 (CPI and Needs 0–10 each). */
const PRIORITY_DOMAIN: [number, number] = [0, 100];
const INDEX_DOMAIN: [number, number] = [0, 10];

/**
 * The Target view (programme managers, issue #4): weights that re-score every hromada in the browser, filters,
 * a ranked list, and the exact shortlist under a budget from the server; all of it in the URL.
 */
export class TargetState implements MapMode {
  readonly #view: ViewState;
  /** The view, for the confidence controls (threshold and "hide below", shared with Explore). */
  get view(): ViewState {
    return this.#view;
  }
  status = $state<LoadStatus>('idle');
  error = $state.raw<LoadError | null>(null);

  priority = $state<Priority>('gap');
  cpiWeights = $state.raw<Record<string, number>>({});
  needsWeights = $state.raw<Record<string, number>>({});
  cost = $state.raw<{ type: CostType; amount: number }>({ type: 'flat', amount: 0 });
  budget = $state(0);
  maxCount = $state<number | null>(null);
  filters = $state.raw<TargetFilterParams>(parseTargetParams('').filters);
  /** The shortlist was asked for: a link carrying this finds it again on opening. */
  runRequested = $state(false);

  /** Every hromada, in GET /api/coverage's order: the universe the arrays below run over. */
  facts = $state.raw<UnitFacts[]>([]);
  /** The date programmes count as active on. */
  coverageAsOf = $state<string | null>(null);
  models = $state.raw<Partial<Record<ModelId, LoadedModel>>>({});

  readonly shortlist: ShortlistState;
  readonly scenarios: ScenarioBook;
  readonly gallery: ScenarioGallery;

  /** The models the priority is computed from. */
  readonly modelIds: ModelId[] = $derived(this.priority === 'gap' ? ['cpi', 'needs'] : [this.priority]);

  readonly indexOf: ReadonlyMap<string, number> = $derived(new Map(this.facts.map((f, i) => [f.pcode, i])));

  readonly #coverage = $derived(Float64Array.from(this.facts, (f) => f.coverage));

  /** Re-scored on every weight change: server/model's scorer in the browser, then π, filters and ranks. */
  readonly scored: Scored | null = $derived.by(() => {
    const t0 = performance.now();
    const runs: Partial<Record<ModelId, ModelRun>> = {};
    for (const id of this.modelIds) {
      const m = this.models[id];
      if (m) runs[id] = m.scorer.run(this.weightsOf(id));
    }
    const run = priorityRun(this.priority, runs, this.#coverage);
    if (!run) return null;
    const ranking = rankEligible(
      this.facts,
      run.score,
      run.confidence,
      this.filters,
      this.cost.type,
      this.minConfidence,
    );
    return { run, ranking, ms: performance.now() - t0 };
  });

  /** The same filters under the model's default weights: what the rank change is measured against. */
  readonly baseline: { run: ModelRun; ranking: Ranking } | null = $derived.by(() => {
    const runs: Partial<Record<ModelId, ModelRun>> = {};
    for (const id of this.modelIds) if (this.models[id]) runs[id] = this.models[id].defaults;
    const run = priorityRun(this.priority, runs, this.#coverage);
    if (!run) return null;
    return {
      run,
      ranking: rankEligible(
        this.facts,
        run.score,
        run.confidence,
        this.filters,
        this.cost.type,
        this.minConfidence,
      ),
    };
  });

  /**
   * The confidence a hromada's priority needs to be compared on the map (issue #14; comparability.ts): the
   * view's threshold, else the models' own (the lower of the two for π, whose confidence is the lower one).
   */
  readonly minConfidence: number = $derived.by(
    () =>
      this.#view.minConfidence ??
      Math.min(...this.modelIds.map((id) => this.models[id]?.minForRanking ?? DEFAULT_MIN_CONFIDENCE)),
  );

  /** The hromadas compared (current system, scored, confidence at or above the threshold). */
  readonly comparable: ReadonlySet<string> | null = $derived.by(() => {
    const run = this.scored?.run;
    if (!run) return null;
    return comparableOf(this.facts, run, this.minConfidence);
  });

  /** Fixed classes while the sliders move, so that a colour change is a real change: the model's, or π's quintiles. */
  readonly classes: {
    thresholds: number[];
    labels: { uk: string; en: string }[];
    domain: [number, number];
  } | null = $derived.by(() => {
    if (this.priority !== 'gap') {
      const m = this.models[this.priority];
      return m ? { ...m.classes, domain: INDEX_DOMAIN } : null;
    }
    const base = this.baseline;
    if (!base) return null;
    // π's quintiles over the comparable hromadas only: the Crimean units' old data do not set the classes.
    const comparable = comparableOf(this.facts, base.run, this.minConfidence);
    return {
      thresholds: quantileThresholds(
        sortedFinite(this.facts.flatMap((f, u) => (comparable.has(f.pcode) ? [base.run.score[u]!] : []))),
        5,
      ),
      labels: [],
      domain: PRIORITY_DOMAIN,
    };
  });

  readonly choropleth: Choropleth | null = $derived.by(() => {
    const s = this.scored;
    const classes = this.classes;
    if (!s || !classes) return null;
    const values = new Map<string, number>();
    const confidence = new Map<string, number>();
    this.facts.forEach((f, u) => {
      const v = s.run.score[u]!;
      if (!Number.isNaN(v)) {
        values.set(f.pcode, v);
        confidence.set(f.pcode, s.run.confidence[u]!);
      }
    });
    return buildChoropleth({
      values,
      method: 'fixed',
      palette: defaultPalette('index', this.priority),
      fixed: classes,
      comparable: this.comparable ?? new Set(),
      confidence,
      hideBelow: this.#view.hideBelow,
    });
  });

  /** Everything the shortlist depends on, to tell when a result is out of date. */
  readonly settingsKey: string = $derived(
    JSON.stringify([
      this.priority,
      this.modelIds.map((id) => this.weightsOf(id)),
      this.filters,
      this.cost,
      this.budget,
      this.maxCount,
      this.minConfidence,
    ]),
  );

  /** The shortlist shown was found for other settings. */
  get stale(): boolean {
    return this.shortlist.settingsKey !== null && this.shortlist.settingsKey !== this.settingsKey;
  }

  /** Sectors with an active programme somewhere: the ones "not covered in sector" can filter by. */
  readonly sectors: string[] = $derived([...new Set(this.facts.flatMap((f) => f.sectors))].sort());

  /** The URL keys this view owns, with their values (defaults left out). */
  readonly query: Record<string, string> = $derived(formatTargetParams(this.params()));

  /** The query string of a link to this view: the app's keys (view, camera, selection…) and this view's. */
  get shareSearch(): string {
    const q = new URLSearchParams(this.#view.search);
    for (const [k, v] of Object.entries(this.query)) q.set(k, v);
    const s = q.toString().replace(/%3A/g, ':').replace(/%2F/g, '/').replace(/%2C/g, ',');
    return s ? `?${s}` : '';
  }

  readonly #api: TargetApi;
  readonly #catalogue: CatalogueState;
  /** Scenario ids the link named, until they are opened. */
  #pending = $state.raw<Record<ModelId, string | null>>({ cpi: null, needs: null });
  #controller: AbortController | null = null;
  #base: Promise<void> | null = null;
  readonly #loading = new Map<ModelId, Promise<void>>();

  constructor(deps: TargetDeps) {
    this.#api = deps.api;
    this.#view = deps.view;
    this.#catalogue = deps.catalogue;
    this.shortlist = new ShortlistState(deps.api);
    this.scenarios = new ScenarioBook(deps.api);
    this.gallery = new ScenarioGallery(deps.api);
    const p = parseTargetParams(deps.search);
    this.priority = p.model;
    this.cpiWeights = p.weights.cpi;
    this.needsWeights = p.weights.needs;
    this.cost = p.cost;
    this.budget = p.budget;
    this.maxCount = p.maxCount;
    this.filters = p.filters;
    this.runRequested = p.run;
    this.#pending = { ...p.scenarios };
  }

  weightsOf(model: ModelId): Record<string, number> {
    return model === 'cpi' ? this.cpiWeights : this.needsWeights;
  }

  setWeights(model: ModelId, weights: Record<string, number>): void {
    if (model === 'cpi') this.cpiWeights = weights;
    else this.needsWeights = weights;
  }

  /** The saved scenario the current weights of `model` are, if any. */
  scenarioId(model: ModelId): string | null {
    const saved = this.scenarios.saved[model];
    if (saved && sameWeights(saved.weights, this.weightsOf(model))) return saved.id;
    return this.#pending[model];
  }

  params(): TargetParams {
    return {
      model: this.priority,
      weights: { cpi: this.cpiWeights, needs: this.needsWeights },
      scenarios: { cpi: this.scenarioId('cpi'), needs: this.scenarioId('needs') },
      cost: this.cost,
      budget: this.budget,
      maxCount: this.maxCount,
      filters: this.filters,
      run: this.runRequested,
    };
  }

  /** Called each time the view becomes active; loads what it needs once. */
  async activate(): Promise<void> {
    await this.#ensureLoaded();
    if (this.runRequested && this.status === 'ready' && this.shortlist.status === 'idle')
      await this.findShortlist();
  }

  async setPriority(p: Priority): Promise<void> {
    this.priority = p;
    await this.#ensureLoaded();
  }

  /** Loads again after an error. */
  async retry(): Promise<void> {
    this.#base = null;
    this.#loading.clear();
    await this.activate();
  }

  async #ensureLoaded(): Promise<void> {
    if (!this.#controller || this.#controller.signal.aborted) this.#controller = new AbortController();
    const signal = this.#controller.signal;
    const wanted = this.modelIds;
    if (wanted.every((id) => this.models[id]) && this.#base) return;
    this.status = 'loading';
    this.error = null;
    try {
      this.#base ??= this.#loadBase(signal);
      await this.#base;
      await Promise.all(wanted.map((id) => this.#loadModelOnce(id, signal)));
      if (signal.aborted) return;
      // Another model may have been asked for meanwhile; its own call sets the status.
      if (this.modelIds.every((id) => this.models[id])) this.status = 'ready';
    } catch (err) {
      if (isAbort(err) || signal.aborted) return;
      this.#base = null;
      this.#loading.clear();
      this.error = toLoadError(err);
      this.status = 'error';
    }
  }

  async #loadBase(signal: AbortSignal): Promise<void> {
    const [coverage, occupied] = await Promise.all([
      this.#api.coverage(signal),
      this.#api.occupiedShare(signal),
    ]);
    this.coverageAsOf = coverage.asOf;
    this.facts = unitFacts(coverage, occupied);
  }

  #loadModelOnce(id: ModelId, signal: AbortSignal): Promise<void> {
    let p = this.#loading.get(id);
    if (!p) {
      p = this.#loadModel(id, signal);
      this.#loading.set(id, p);
    }
    return p;
  }

  async #loadModel(id: ModelId, signal: AbortSignal): Promise<void> {
    const pendingId = this.#pending[id];
    const [json, matrix, scenario, { parseModelDefinition }] = await Promise.all([
      this.#api.model(id, signal),
      this.#api.matrix(id, signal),
      pendingId ? this.scenarios.open(id, pendingId, signal) : Promise.resolve(null),
      // zod comes with the parser, on first use (model-parser.ts).
      import('./model-parser.ts'),
    ]);
    const definition = parseModelDefinition(json, `/api/models/${id}`);
    // The link's own weights win; a link with only a scenario id takes the scenario's.
    const fromLink = normaliseOverrides(definition, this.weightsOf(id)).weights;
    const saved = scenario ? normaliseOverrides(definition, scenario.weights).weights : null;
    if (scenario && saved)
      this.scenarios.remember(id, { id: scenario.id, name: scenario.name, weights: saved });
    this.#pending = { ...this.#pending, [id]: null };
    this.setWeights(id, Object.keys(this.weightsOf(id)).length === 0 && saved ? saved : fromLink);
    this.models = {
      ...this.models,
      [id]: loadedModel(
        id,
        definition,
        matrix,
        this.facts.map((f) => f.pcode),
      ),
    };
  }

  /**
   * Finds the exact shortlist on the server. Custom weights travel in the request itself: nothing is saved
   * (issue #11 item 3: the view used to save a public scenario on every click). The link restores the view
   * from the weights it carries; a scenario is saved only when the user asks (saveScenario).
   */
  async findShortlist(): Promise<void> {
    const key = this.settingsKey;
    this.runRequested = true;
    await this.shortlist.run(this.request(), key);
  }

  /** POST /api/targeting's body for the current settings (with the ids of scenarios already saved, if any). */
  request(): TargetingRequest {
    const f = this.filters;
    const p = this.priority;
    const main: ModelId = p === 'needs' ? 'needs' : 'cpi';
    const mainWeights = this.weightsOf(main);
    const needsWeights = this.weightsOf('needs');
    const mainId = this.scenarioId(main);
    const needsId = this.scenarioId('needs');
    return {
      priority: p,
      ...(mainId ? { scenario: mainId } : {}),
      ...(Object.keys(mainWeights).length > 0 ? { weights: mainWeights } : {}),
      ...(p === 'gap' && needsId ? { needsScenario: needsId } : {}),
      ...(p === 'gap' && Object.keys(needsWeights).length > 0 ? { needsWeights } : {}),
      filters: {
        excludeOccupied: f.excludeOccupied,
        ...(f.oblasts.length > 0 ? { oblasts: f.oblasts } : {}),
        ...(f.populationMin !== null ? { populationMin: f.populationMin } : {}),
        ...(f.populationMax !== null ? { populationMax: f.populationMax } : {}),
        // The map's comparable set (issue #14): the shortlist picks only from what the table ranks.
        minConfidence: Math.max(f.minConfidence ?? 0, this.minConfidence),
        currentSystemOnly: true,
        ...(f.sector !== null ? { notCoveredInSector: f.sector } : {}),
      },
      cost: { ...this.cost },
      budget: this.budget,
      ...(this.maxCount !== null ? { maxCount: this.maxCount } : {}),
      method: 'exact',
    };
  }

  /**
   * Saves the customised weights of the models in use under `name` (one scenario per model), listed publicly
   * when `shared`; the link then carries their ids.
   * Only this explicit act saves: "Знайти" never does (issue #14 item 9).
   */
  async saveScenario(name: string, shared = false): Promise<boolean> {
    const weights: Partial<Record<ModelId, Record<string, number>>> = {};
    for (const id of this.modelIds) {
      const w = this.weightsOf(id);
      if (Object.keys(w).length > 0) weights[id] = w;
    }
    // Nothing customised: the defaults of the first model in use, so that the name still means something.
    if (Object.keys(weights).length === 0) weights[this.modelIds[0]!] = {};
    return this.scenarios.saveAll(name, weights, shared);
  }

  /** Opens a saved scenario from the gallery: its model's weights become the ones in use. */
  async openScenario(s: ListedScenario): Promise<void> {
    const model = s.modelId as ModelId;
    if (model !== 'cpi' && model !== 'needs') return;
    if (!this.modelIds.includes(model)) await this.setPriority(model);
    const definition = this.models[model]?.definition;
    const weights = definition ? normaliseOverrides(definition, s.weights).weights : s.weights;
    this.scenarios.remember(model, { id: s.id, name: s.name, weights });
    this.setWeights(model, weights);
  }

  /** Any model in use with weights off its defaults. */
  readonly customised: boolean = $derived(
    this.modelIds.some((id) => Object.keys(this.weightsOf(id)).length > 0),
  );

  name(pcode: string, lang: Lang): string {
    const f = this.facts[this.indexOf.get(pcode) ?? -1];
    return f ? (lang === 'uk' ? f.nameUk : f.nameEn) : pcode;
  }

  /** A score as shown, always with one decimal so that a column of them lines up (π on 0–100, an index 0–10). */
  formatScore(v: number, lang: Lang): string {
    return formatScore(v, lang);
  }

  describe(pcode: string, lang: Lang): HoverLine | null {
    const s = this.scored;
    const u = this.indexOf.get(pcode);
    if (!s || u === undefined) return null;
    const t = TARGET_MESSAGES[lang];
    const v = s.run.score[u]!;
    // Colour and word from the map's classes (issue #14, item 6).
    const cls = unitClass(this.choropleth, pcode, lang);
    const label = cls?.word;
    const rank = s.ranking.ranks[u]!;
    const value = Number.isNaN(v)
      ? MESSAGES[lang].noData
      : `${this.formatScore(v, lang)}${this.priority === 'gap' ? '' : ' / 10'}${label ? ` · ${label}` : ''}`;
    const onList = this.shortlist.pcodes.has(pcode) ? ` · ${t.onShortlist}` : '';
    return {
      measure: t[`priority_${this.priority}`],
      value,
      detail:
        (rank > 0
          ? fill(t.hoverRank, {
              rank: formatNumber(rank, lang, 0),
              of: formatNumber(s.ranking.order.length, lang, 0),
            })
          : t.hoverNotRanked) + onList,
      swatch: cls ? cls.colour : NO_DATA_COLOUR,
    };
  }

  /** What class `i` of the map holds: the model's class name and range, or for π's quintiles just the range. */
  classLabel(i: number, lang: Lang, withRange = true): string {
    const c = this.choropleth;
    const b = c?.classification.bins[i];
    if (!c || !b) return '';
    const fmt = (x: number) => this.formatScore(x, lang);
    const last = c.classification.bins.length - 1;
    const range =
      i === 0 ? `< ${fmt(b.upper)}` : i === last ? `≥ ${fmt(b.lower)}` : `${fmt(b.lower)}–${fmt(b.upper)}`;
    const word = classWord(c, i, lang);
    // The short form keeps π's quintile ranges (their word is only "class i of 5"); the full form names both.
    if (!word || (!withRange && !b.label)) return range;
    return withRange ? `${word} (${range})` : word;
  }

  legend(lang: Lang): MapLegend | null {
    const c = this.choropleth;
    if (!c || this.status !== 'ready') return null;
    const t = TARGET_MESSAGES[lang];
    const scenario = this.scenarioName();
    return {
      title: t[`priority_${this.priority}`],
      subtitle: [
        scenario
          ? fill(t.scenarioLoaded, { name: scenario })
          : this.customised
            ? t.weightsCustom
            : t.weightsDefault,
        this.priority === 'gap' ? t.legendClassesGap : '',
      ]
        .filter(Boolean)
        .join(' · '),
      entries: [
        ...c.classification.bins.map((_, i) => ({ colour: c.colours[i]!, label: this.classLabel(i, lang) })),
        { colour: NO_DATA_COLOUR, label: MESSAGES[lang].noData },
        { colour: FILTERED_COLOUR, label: t.legendFiltered },
        ...(this.shortlist.pcodes.size > 0
          ? [{ colour: SHORTLIST_COLOUR, label: t.legendShortlist, swatch: 'line' as const }]
          : []),
      ],
      sources: this.sourceLines(lang),
    };
  }

  /** The name of the saved scenario the weights in use are (the first, under π), or null. */
  scenarioName(): string | null {
    for (const id of this.modelIds) {
      const saved = this.scenarios.saved[id];
      if (saved && saved.id === this.scenarioId(id)) return saved.name;
    }
    return null;
  }

  /** One line per source of the inputs of the models in use: name, the periods used, licence. */
  sourceLines(lang: Lang): string[] {
    const bySource = new Map<string, { name: string; licence: string; periods: Set<string> }>();
    for (const id of this.modelIds) {
      for (const [indicatorId, period] of this.models[id]?.periods ?? []) {
        const given = this.#catalogue.indicator(indicatorId)?.source;
        if (!given || !period) continue;
        const source = localSource(given, lang);
        const entry = bySource.get(source.id) ?? {
          name: source.name,
          licence: source.licence,
          periods: new Set(),
        };
        entry.periods.add(period);
        bySource.set(source.id, entry);
      }
    }
    // Periods in time order ('2022' < '2022-10-10' < '2023' as ISO strings), then written out in the language.
    const lines = [...bySource.values()].map((s) => {
      const periods = [...s.periods].sort().map((p) => formatPeriod(p, lang));
      return `${s.name} (${periods.join(', ')}) · ${s.licence}`;
    });
    if (this.priority === 'gap' && this.coverageAsOf)
      lines.push(fill(TARGET_MESSAGES[lang].coverageNote, { date: formatPeriod(this.coverageAsOf, lang) }));
    return lines;
  }

  dispose(): void {
    this.#controller?.abort();
    this.shortlist.dispose();
  }
}

/** The comparable hromadas of a run (server/model/comparability.ts's rule over the browser's scores). */
function comparableOf(
  facts: readonly UnitFacts[],
  run: { score: Float64Array; confidence: Float64Array },
  minConfidence: number,
): Set<string> {
  const out = new Set<string>();
  facts.forEach((f, u) => {
    if (!Number.isNaN(run.score[u]!) && !isPreReformCrimea(f.pcode) && run.confidence[u]! >= minConfidence)
      out.add(f.pcode);
  });
  return out;
}
