import { WriteError } from '../../api/errors.ts';
import { STRATEGY_STAGES } from '../../domain/strategy-stages.ts';
import {
  type NewStrategy,
  type StrategiesApi,
  type Strategy,
  type StrategyCounts,
  type StrategyStage,
} from '../../api/strategies.ts';
import { STRATEGY_MESSAGES } from '../../i18n/messages-strategies.ts';
import type { Lang } from '../../i18n/messages.ts';
import type { Choropleth } from '../../map/choropleth.ts';
import type { HoverLine, MapLegend } from '../../map/map-mode.ts';
import { LatestLoad } from '../latest-load.svelte.ts';
import { toLoadError, type LoadError, type LoadStatus } from '../load-status.ts';
import type { UnitIndexState } from '../unit-index.svelte.ts';
import { STAGE_COLOURS, strategiesChoropleth } from './strategies-map.ts';

/** A marker at a community with a strategy record (small hromadas are specks at the scale of the country). */
export interface StrategyMarker {
  pcode: string;
  position: [number, number];
  colour: string;
}

/** The editor's form: strings as typed ('' = not given), so that the API names what is wrong. */
export interface StrategyDraft {
  /** null: a new record. */
  id: number | null;
  organisationId: number | null;
  stage: StrategyStage;
  riskAnalysisOn: string;
  draftedOn: string;
  adoptedOn: string;
  decisionNumber: string;
  decisionUrl: string;
  nextReviewOn: string;
  notes: string;
}

/** A refused save, as the form shows it: the message and, per field, what the API said about it. */
export interface StrategyProblem {
  message: string;
  fields: Record<string, string>;
}

export const emptyStrategyDraft = (organisationId: number | null): StrategyDraft => ({
  id: null,
  organisationId,
  stage: 'risk_analysis',
  riskAnalysisOn: '',
  draftedOn: '',
  adoptedOn: '',
  decisionNumber: '',
  decisionUrl: '',
  nextReviewOn: '',
  notes: '',
});

export function draftOfStrategy(s: Strategy): StrategyDraft {
  return {
    id: s.id,
    organisationId: s.organisationId,
    stage: s.stage,
    riskAnalysisOn: s.riskAnalysisOn ?? '',
    draftedOn: s.draftedOn ?? '',
    adoptedOn: s.adoptedOn ?? '',
    decisionNumber: s.decisionNumber ?? '',
    decisionUrl: s.decisionUrl ?? '',
    nextReviewOn: s.nextReviewOn ?? '',
    notes: s.notes ?? '',
  };
}

const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

/** The API's fields of a draft (every one, so that a cleared field is cleared: the API checks the whole). */
export function strategyFieldsOf(d: StrategyDraft): Omit<NewStrategy, 'pcode' | 'organisationId'> {
  return {
    stage: d.stage,
    riskAnalysisOn: orNull(d.riskAnalysisOn),
    draftedOn: orNull(d.draftedOn),
    adoptedOn: orNull(d.adoptedOn),
    decisionNumber: orNull(d.decisionNumber),
    decisionUrl: orNull(d.decisionUrl),
    nextReviewOn: orNull(d.nextReviewOn),
    notes: orNull(d.notes),
  };
}

/** The stages a record at `stage` may move to: itself and the ones after it (the API refuses going back). */
export function stagesFrom(stage: StrategyStage | null): readonly StrategyStage[] {
  return stage === null ? STRATEGY_STAGES : STRATEGY_STAGES.slice(STRATEGY_STAGES.indexOf(stage));
}

export interface StrategiesDeps {
  api: StrategiesApi;
  units: UnitIndexState;
  /** The stage filter (the Coverage view's URL holds it). */
  stage: () => StrategyStage | null;
  /** The oblast in focus, if any: the counts name its own figures too. */
  oblast?: () => string | null;
  /** Told after every write that succeeded (the profile and the coverage reload). */
  onchanged?: () => void;
}

/**
 * The safety strategies layer of the Coverage view (issue #13, section 6): each community's furthest stage
 * on the map with the counts ("N communities analysed, M strategies adopted as local programmes"), and the
 * records of the selected community, which its organisation's editors enter and advance.
 */
export class StrategiesState {
  readonly #api: StrategiesApi;
  readonly #units: UnitIndexState;
  readonly #stage: () => StrategyStage | null;
  readonly #oblast: () => string | null;
  readonly #onchanged: () => void;
  readonly #counts = new LatestLoad();
  readonly #unit = new LatestLoad();

  counts = $state.raw<StrategyCounts | null>(null);
  /** The selected community's records, and which community they are of. */
  records = $state.raw<Strategy[]>([]);
  recordsOf = $state.raw<string | null>(null);
  /** The form, when open. */
  draft = $state<StrategyDraft | null>(null);
  problem = $state.raw<StrategyProblem | null>(null);
  saving = $state(false);

  get status(): LoadStatus {
    return this.#counts.status;
  }
  get error(): LoadError | null {
    return this.#counts.error;
  }
  get recordsStatus(): LoadStatus {
    return this.#unit.status;
  }

  readonly filter: StrategyStage | null = $derived.by(() => this.#stage());

  readonly choropleth: Choropleth | null = $derived.by(() => {
    const g = this.#units.hromada;
    if (!g || !this.counts) return null;
    return strategiesChoropleth(g.pcodes, this.counts.units, this.filter);
  });

  /** A marker per community with a record (of the chosen stage, when filtered). */
  readonly sites: StrategyMarker[] = $derived.by(() => {
    const g = this.#units.hromada;
    if (!g || !this.counts) return [];
    const out: StrategyMarker[] = [];
    for (const [pcode, stage] of Object.entries(this.counts.units)) {
      if (this.filter && stage !== this.filter) continue;
      const position = g.label.get(pcode);
      if (position) out.push({ pcode, position, colour: STAGE_COLOURS[stage] });
    }
    return out;
  });

  /** The focused oblast's own counts, when one is in focus and has any. */
  readonly oblastCounts = $derived.by(() => {
    const oblast = this.#oblast();
    return oblast ? (this.counts?.byOblast.find((o) => o.oblastPcode === oblast) ?? null) : null;
  });

  constructor(deps: StrategiesDeps) {
    this.#api = deps.api;
    this.#units = deps.units;
    this.#stage = deps.stage;
    this.#oblast = deps.oblast ?? (() => null);
    this.#onchanged = deps.onchanged ?? (() => {});
  }

  /** The counts and every community's stage (one request, about 1,500 entries at most). */
  async load(): Promise<void> {
    await this.#counts.run(
      (signal) => this.#api.counts({}, signal),
      (counts) => (this.counts = counts),
    );
  }

  /** The records of the selected community (none selected: none). */
  async loadRecords(pcode: string | null): Promise<void> {
    if (pcode !== this.recordsOf) {
      this.draft = null;
      this.problem = null;
    }
    this.recordsOf = pcode;
    if (!pcode) {
      this.#unit.clear();
      this.records = [];
      return;
    }
    await this.#unit.run(
      (signal) => this.#api.list({ pcode }, signal),
      (records) => (this.records = records),
      () => (this.records = []),
    );
  }

  startNew(organisationId: number | null): void {
    this.problem = null;
    this.draft = emptyStrategyDraft(organisationId);
  }

  /** Opens a record in the form; `advance` moves the draft to the next stage. */
  startEdit(record: Strategy, advance = false): void {
    this.problem = null;
    const draft = draftOfStrategy(record);
    const next = STRATEGY_STAGES[STRATEGY_STAGES.indexOf(record.stage) + 1];
    if (advance && next) draft.stage = next;
    this.draft = draft;
  }

  cancel(): void {
    this.draft = null;
    this.problem = null;
  }

  /** Creates or changes the record of the draft for `pcode`; true when saved. */
  async save(pcode: string): Promise<boolean> {
    const d = this.draft;
    if (!d || this.saving) return false;
    this.saving = true;
    this.problem = null;
    try {
      const fields = strategyFieldsOf(d);
      if (d.id === null) await this.#api.create({ pcode, organisationId: d.organisationId ?? 0, ...fields });
      else await this.#api.patch(d.id, fields);
      this.draft = null;
      await this.#changed(pcode);
      return true;
    } catch (err) {
      this.problem = problemOf(err);
      return false;
    } finally {
      this.saving = false;
    }
  }

  async remove(record: Strategy): Promise<boolean> {
    this.problem = null;
    try {
      await this.#api.remove(record.id);
      if (this.draft?.id === record.id) this.draft = null;
      await this.#changed(record.pcode);
      return true;
    } catch (err) {
      this.problem = problemOf(err);
      return false;
    }
  }

  async #changed(pcode: string): Promise<void> {
    this.#onchanged();
    await Promise.all([this.load(), this.recordsOf === pcode ? this.loadRecords(pcode) : null]);
  }

  describe(pcode: string, lang: Lang): HoverLine | null {
    const c = this.choropleth;
    if (!c || !this.counts) return null;
    const m = STRATEGY_MESSAGES[lang];
    const stage = this.counts.units[pcode];
    const cls = c.classOf.get(pcode) ?? 0;
    return { measure: m.tip, value: stage ? m.stage[stage] : m.none, detail: '', swatch: c.colours[cls]! };
  }

  /** The counts as one sentence: "N communities analysed …, M strategies adopted as local programmes". */
  sentence(lang: Lang): string | null {
    return this.counts ? STRATEGY_MESSAGES[lang].counts(this.counts.analysed, this.counts.adopted) : null;
  }

  legend(lang: Lang): MapLegend | null {
    const c = this.choropleth;
    if (!c) return null;
    const m = STRATEGY_MESSAGES[lang];
    return {
      title: m.title,
      subtitle: this.sentence(lang) ?? m.layerSubtitle,
      entries: c.classification.bins.map((b, i) => ({ colour: c.colours[i]!, label: b.label?.[lang] ?? '' })),
      sources: [m.source],
    };
  }

  dispose(): void {
    this.#counts.abort();
    this.#unit.abort();
  }
}

function problemOf(err: unknown): StrategyProblem {
  return err instanceof WriteError
    ? { message: err.message, fields: err.fields }
    : { message: toLoadError(err).message, fields: {} };
}
