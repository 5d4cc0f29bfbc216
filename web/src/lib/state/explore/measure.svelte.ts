import {
  type AtlasApi,
  type Bilingual,
  type Direction,
  type ModelClasses,
  type Scores,
  type UnitScore,
} from '../../api/index.ts';
import { buildChoropleth, type Choropleth } from '../../map/choropleth.ts';
import { defaultPalette, type PaletteId } from '../../map/palettes.ts';
import type { CatalogueState } from '../catalogue.svelte.ts';
import { KeyedLoad } from '../keyed-load.svelte.ts';
import type { LoadError, LoadStatus } from '../load-status.ts';
import { DEFAULT_MEASURE, measureParts, type MeasureKey } from '../view-params.ts';
import type { ViewState } from '../view.svelte.ts';

/** Index scores run 0–10 (INFORM-style, see the models' descriptions). */
export const INDEX_DOMAIN: [number, number] = [0, 10];

/** The values of one measure for one period, as the map needs them. */
export interface MeasureData {
  key: MeasureKey;
  kind: 'index' | 'indicator';
  id: string;
  /** The period of an indicator's values; for an index, the span of its inputs' periods ("2022–2026-08-22"). */
  period: string | null;
  unit: string;
  /** Value by pcode; units without a value are absent. */
  values: ReadonlyMap<string, number>;
  /** Index only: the whole score row by pcode (class, rank, confidence, band). */
  scores: ReadonlyMap<string, UnitScore> | null;
  classes: ModelClasses | null;
  /** Index only: how many units have a rank (the "of N" of a rank: the API's rankedCount). */
  ranked: number;
  /** Index only: the units ranked (compared), the threshold used and who is apart, by reason (issue #14). */
  comparable: ReadonlySet<string> | null;
  minConfidence: number | null;
  apart: { noDataSince2014: number; lowConfidence: number; unscored: number };
  /** Index only: each scored unit's confidence (for "hide below X %"). */
  confidence: ReadonlyMap<string, number> | null;
  /** Index only: the indicator ids the scores were computed from (for their sources). */
  inputs: string[];
  /** The coverage gap: the date programme presence is counted at; an index: the as-of date it was scored at. */
  asOf?: string;
}

/** What the legend says about a measure: its name, unit, direction, period and sources. */
export interface MeasureMeta {
  name: Bilingual;
  description: Bilingual | null;
  unit: string;
  direction: Direction | 'index';
  periods: string[];
  sourceIds: string[];
  /** Data with no source record of its own (the programmes behind the coverage gap); null for none. */
  sourceNote: Bilingual | null;
}

/** The programmes behind the coverage gap: recorded by the Atlas's users, not an imported source. */
const PROGRAMMES_NOTE: Bilingual = {
  uk: 'покриття — програми, внесені до Атласу (див. «Джерела даних»)',
  en: 'coverage: programmes recorded in the Atlas (see Data sources)',
};

/**
 * The measure on the map: fetches its values (an indicator's for one period, an index's scores, or the
 * coverage gap), keeps the ones already fetched, and classifies them by the view's method and palette.
 * By default it is the view's measure; the Explore view makes a second one for the second measure of a
 * bivariate map (`keyOf`).
 */
export class MeasureState {
  readonly #api: AtlasApi;
  readonly #view: ViewState;
  readonly #catalogue: CatalogueState;
  readonly #keyOf: () => MeasureKey | null;
  // A failed load keeps the measure shown before: the map keeps its colours under the error notice.
  readonly #load = new KeyedLoad<MeasureData>({ keepOnError: true });

  get status(): LoadStatus {
    return this.#load.status;
  }
  get error(): LoadError | null {
    return this.#load.error;
  }
  get data(): MeasureData | null {
    return this.#load.data;
  }

  readonly meta: MeasureMeta | null = $derived.by(() => {
    const key = this.#keyOf();
    return key ? this.#metaOf(key) : null;
  });

  readonly palette: PaletteId = $derived.by(() => {
    const { kind, id } = measureParts(this.#keyOf() ?? this.#view.measure);
    // An index's palette is known without the catalogue: the first map is coloured once, not recoloured
    // when the catalogue arrives (B10, issue #15).
    return (
      this.#view.palette ??
      defaultPalette(kind === 'index' ? 'index' : (this.meta?.direction ?? 'neutral'), id)
    );
  });

  readonly choropleth: Choropleth | null = $derived.by(() => {
    const data = this.data;
    if (!data) return null;
    const fixed =
      data.classes && data.classes.thresholds.length > 0
        ? { thresholds: data.classes.thresholds, labels: data.classes.labels, domain: INDEX_DOMAIN }
        : undefined;
    return buildChoropleth({
      values: data.values,
      method: this.#view.method,
      palette: this.palette,
      ...(fixed ? { fixed } : {}),
      ...(data.comparable ? { comparable: data.comparable } : {}),
      ...(data.confidence ? { confidence: data.confidence, hideBelow: this.#view.hideBelow } : {}),
    });
  });

  constructor(
    api: AtlasApi,
    view: ViewState,
    catalogue: CatalogueState,
    keyOf: () => MeasureKey | null = () => view.measure,
  ) {
    this.#api = api;
    this.#view = view;
    this.#catalogue = catalogue;
    this.#keyOf = keyOf;
  }

  #metaOf(key: MeasureKey): MeasureMeta | null {
    const { kind, id } = measureParts(key);
    if (kind === 'index') {
      const m = this.#catalogue.model(id);
      if (!m) return null;
      const inputs = this.data?.key === key ? this.data.inputs : [];
      const sourceIds = [
        ...new Set(
          inputs.map((i) => this.#catalogue.indicator(i)?.source.id).filter((s): s is string => !!s),
        ),
      ];
      return {
        name: m.name,
        description: m.description,
        unit: 'score',
        direction: 'index',
        periods: [],
        sourceIds,
        sourceNote: m.kind === 'derived' ? PROGRAMMES_NOTE : null,
      };
    }
    const ind = this.#catalogue.indicator(id);
    if (!ind) return null;
    return {
      name: { uk: ind.nameUk, en: ind.nameEn },
      description: null,
      unit: ind.unit,
      direction: ind.direction,
      periods: ind.periods,
      sourceIds: [ind.source.id],
      sourceNote: null,
    };
  }

  /** Shows `key` for `period` (null = latest); a newer call cancels an older one still in flight. */
  async load(key: MeasureKey, period: string | null): Promise<void> {
    const mc = this.#view.minConfidence;
    // The as-of date re-scores an index (issue #14 item 5); an indicator keeps its own period.
    const asOf = key.startsWith('index:') ? this.#view.asOf : null;
    await this.#load.load(`${key}@${period ?? 'latest'}|${mc ?? 'model'}|${asOf ?? 'now'}`, (signal) =>
      this.#fetch(key, period, signal, mc, asOf),
    );
  }

  /** Forgets every value fetched and loads the shown one again: after an edit changed what an index is built on. */
  async invalidate(): Promise<void> {
    this.#load.forget();
    const key = this.#keyOf();
    if (key) await this.load(key, this.#view.period);
  }

  async #fetch(
    key: MeasureKey,
    period: string | null,
    signal: AbortSignal,
    minConfidence: number | null = null,
    asOf: string | null = null,
  ): Promise<MeasureData> {
    const { kind, id } = measureParts(key);
    if (kind === 'indicator') {
      const r = await this.#api.indicatorValues(id, period ?? undefined, signal);
      const values = new Map<string, number>();
      for (let i = 0; i < r.values.length; i++) {
        const v = r.values[i];
        if (v !== null && v !== undefined) values.set(r.units[i]!, v);
      }
      return {
        key,
        kind,
        id,
        period: r.period,
        unit: r.unit,
        values,
        scores: null,
        classes: null,
        ranked: 0,
        ...NOT_RANKED,
        inputs: [id],
      };
    }
    // The default measure is an index: its scores are asked for at once, with the catalogue still loading,
    // not after a round trip for the model's kind (B10, issue #15; the page has already preloaded them:
    // server/first-view-preloads.ts). Another key waits for its kind: a derived model has no /scores.
    if (key !== DEFAULT_MEASURE && (await this.#modelKind(id, signal)) === 'derived')
      return this.#fetchGap(key, id, signal);
    const s = await this.#api.scores(id, signal, minConfidence ?? undefined, asOf ?? undefined);
    return this.#fromScores(key, id, s);
  }

  /** An index's scores as what the map, legend and table show. */
  #fromScores(key: MeasureKey, id: string, s: Scores): MeasureData {
    const values = new Map<string, number>();
    const scores = new Map<string, UnitScore>();
    const comparable = new Set<string>();
    const confidence = new Map<string, number>();
    const apart = { noDataSince2014: 0, lowConfidence: 0, unscored: 0 };
    for (const u of s.units) {
      scores.set(u.pcode, u);
      if (u.score !== null) {
        values.set(u.pcode, u.score);
        confidence.set(u.pcode, u.confidence);
      }
      if (u.ranked) comparable.add(u.pcode);
      else if (u.unrankedReason === 'no_data_since_2014') apart.noDataSince2014++;
      else if (u.unrankedReason === 'low_confidence') apart.lowConfidence++;
      else apart.unscored++;
    }
    return {
      key,
      kind: 'index',
      id,
      period: periodSpan(s),
      unit: 'score',
      values,
      scores,
      classes: s.classes,
      ranked: s.rankedCount,
      comparable,
      minConfidence: s.minConfidence,
      apart,
      confidence,
      inputs: [...new Set(Object.values(s.periods).map((p) => p.indicatorId))],
      asOf: s.asOf ?? undefined,
    };
  }

  /** Whether a model is an index or derived; asks the API itself while the catalogue is still loading. */
  async #modelKind(id: string, signal: AbortSignal): Promise<'index' | 'derived' | undefined> {
    if (this.#catalogue.status === 'ready') return this.#catalogue.model(id)?.kind;
    return (await this.#api.models(signal)).find((m) => m.id === id)?.kind;
  }

  /**
   * The coverage gap (the 'derived' model listed by /api/models, served by /api/coverage): needs × (1 −
   * coverage), 0–10. Its inputs are the Needs index's, whose scores say which indicators and periods those are.
   */
  async #fetchGap(key: MeasureKey, id: string, signal: AbortSignal): Promise<MeasureData> {
    const [gap, needs] = await Promise.all([
      this.#api.coverageGap(signal),
      this.#api.scores('needs', signal),
    ]);
    const values = new Map<string, number>();
    for (const u of gap.units) if (u.gap !== null) values.set(u.pcode, u.gap);
    return {
      key,
      kind: 'index',
      id,
      period: periodSpan(needs),
      unit: 'score',
      values,
      scores: null,
      classes: null,
      ranked: 0,
      ...NOT_RANKED,
      inputs: [...new Set(Object.values(needs.periods).map((p) => p.indicatorId))],
      asOf: gap.asOf,
    };
  }

  dispose(): void {
    this.#load.abort();
  }
}

/** A measure without ranks (an indicator, the coverage gap). */
const NOT_RANKED = {
  comparable: null,
  minConfidence: null,
  apart: { noDataSince2014: 0, lowConfidence: 0, unscored: 0 },
  confidence: null,
} as const;

/** The span of an index's input periods ("2022–2026-08-22"), or the one period, or null. */
function periodSpan(s: Scores): string | null {
  const periods = Object.values(s.periods)
    .map((p) => p.period)
    .filter((p): p is string => !!p)
    .sort();
  if (periods.length === 0) return null;
  return periods[0] === periods.at(-1) ? periods[0]! : `${periods[0]}–${periods.at(-1)}`;
}
