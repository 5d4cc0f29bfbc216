import { isAbort } from '../../api/errors.ts';
import type {
  CoverageApi,
  Coverage,
  Coverage3w,
  ModelDefinition,
  Programme,
  ProgrammeList,
  ProgrammeQuery,
  ProgrammeSummary,
} from '../../api/coverage.ts';
import type { IndicatorValues } from '../../api/schema.ts';
import type { StrategiesApi } from '../../api/strategies.ts';
import { StrategiesState } from '../strategies/strategies.svelte.ts';
import { formatPercent, formatPeriod, formatScore } from '../../i18n/format.ts';
import { COVERAGE_MESSAGES, organisationName, periodText, sectorName } from '../../i18n/messages-coverage.ts';
import { MESSAGES, type Lang } from '../../i18n/messages.ts';
import { shortLicence } from '../../i18n/source-credits.ts';
import { localSource } from '../../i18n/source-texts.ts';
import { FADED_OPACITY, type Choropleth } from '../../map/choropleth.ts';
import type { HoverLine, MapLegend, MapMode } from '../../map/map-mode.ts';
import { NO_DATA_COLOUR } from '../../map/palettes.ts';
import type { CatalogueState } from '../catalogue.svelte.ts';
import { COVERED_COLOUR, gapChoropleth, programmesChoropleth } from './coverage-map.ts';
import {
  DEFAULT_COVERAGE,
  formatCoverageParams,
  gapAsOf,
  parseCoverageParams,
  periodWindow,
  type CoverageParams,
} from './coverage-params.ts';
import { EMPTY_SUMMARY, highNeedUncovered, hromadaIndex, type CoverageSummary } from './coverage-summary.ts';
import type { UnitIndexState } from '../unit-index.svelte.ts';
import type { AssessedState } from './assessed.svelte.ts';
import { LatestLoad } from '../latest-load.svelte.ts';
import type { LoadError, LoadStatus } from '../load-status.ts';
import type { ViewState } from '../view.svelte.ts';

export interface CoverageDeps {
  api: CoverageApi;
  view: ViewState;
  catalogue: CatalogueState;
  units: UnitIndexState;
  /** The page's query string at start: the keys this view owns are read from it. */
  search: string;
  /** Who assessed when (issue #13, section 5): its outline adds to the tooltip and the legend while shown. */
  assessed?: AssessedState;
  /** Today as YYYY-MM-DD (the gap's default date); the clock by default. */
  today?: () => string;
  /** The safety strategies' client (issue #13): without it the view has no strategies layer. */
  strategies?: StrategiesApi;
}

/** Programmes per page of the list (the API's default; issue #11: the list is paged). */
export const PROGRAMME_PAGE_SIZE = 50;

/** How many high-need hromadas without a programme the panel lists. */
export const HIGH_NEED_COUNT = 10;
/**
 * From this share of its area under occupation (DeepState) a hromada is left out of the high-need list by
 * default: no programme can work there, so it is not a gap a donor can fill.
 */
export const OCCUPIED_SHARE_MIN = 0.5;
/** The indicator that gives the occupied share of each hromada. */
export const OCCUPIED_INDICATOR = 'occupied_share';

/** A marker on the map for one hromada with a programme (small hromadas are specks at country scale). */
export interface SiteMarker {
  pcode: string;
  position: [number, number];
  colour: string;
}

/** One line of "where the data comes from". */
export interface SourceLine {
  /** What the figure is (programmes, needs index…). */
  label: string;
  text: string;
}

/**
 * The Coverage view (donors, issue #4): recorded programmes by organisation, donor, sector and period on the
 * map; the gap between needs and response; counts; and high-need hromadas with no programme. Filters live
 * in the URL (coverage-params.ts). Coverage is the presence of a programme: the open data has no numbers of
 * people in need, so nothing here claims more (docs/methodology.md, "Coverage and gap").
 */
export class CoverageState implements MapMode {
  readonly #api: CoverageApi;
  readonly #catalogue: CatalogueState;
  readonly #units: UnitIndexState;
  readonly #assessed: AssessedState | undefined;
  #today: () => string = () => new Date().toISOString().slice(0, 10);
  readonly #list = new LatestLoad();
  /** The next page: a new first page (new filters) cancels it. */
  readonly #more = new LatestLoad();
  readonly #gap = new LatestLoad();
  readonly #threeW = new LatestLoad();
  #activated = false;

  params = $state.raw<CoverageParams>({ ...DEFAULT_COVERAGE });
  /** The safety strategies layer (issue #13, section 6), the third thing the map can show. */
  strategies: StrategiesState | null = null;
  /** While an editor picks sites on the map (issue #6), a hromada's click goes here, not to selection. */
  picker = $state.raw<((pcode: string) => void) | null>(null);

  /** The last page of the list that came in (its facets, total and next cursor). */
  list = $state.raw<ProgrammeList | null>(null);
  /** The programmes of the pages loaded so far, in the list's order. */
  programmes = $state.raw<Programme[]>([]);
  /** The figures over every programme that passes the filters (GET /api/programmes/summary). */
  programmeSummary = $state.raw<ProgrammeSummary | null>(null);

  coverage = $state.raw<Coverage | null>(null);
  /** Who does what where over the filtered programmes (issue #14, item 7); null until loaded or without it. */
  threeW = $state.raw<Coverage3w | null>(null);
  get threeWStatus(): LoadStatus {
    return this.#threeW.status;
  }
  get threeWError(): LoadError | null {
    return this.#threeW.error;
  }
  /** Today as YYYY-MM-DD: the gap download is measured on the day the map's gap is. */
  today(): string {
    return this.#today();
  }
  needsModel = $state.raw<ModelDefinition | null>(null);
  /** Share of each hromada's area under occupation; null when it did not load (then nothing is left out). */
  occupied = $state.raw<IndicatorValues | null>(null);

  get listStatus(): LoadStatus {
    return this.#list.status;
  }
  /** Why the first page or, after it, the next one failed. */
  get listError(): LoadError | null {
    return this.#more.error ?? this.#list.error;
  }
  /** While the next page of the list loads. */
  get moreStatus(): LoadStatus {
    return this.#more.status;
  }
  get gapStatus(): LoadStatus {
    return this.#gap.status;
  }
  get gapError(): LoadError | null {
    return this.#gap.error;
  }

  /** Ready once both the programmes and the needs-and-coverage table are in. */
  readonly status: LoadStatus = $derived(
    this.listStatus === 'error' || this.gapStatus === 'error'
      ? 'error'
      : this.listStatus === 'loading' || this.gapStatus === 'loading'
        ? 'loading'
        : this.listStatus === 'ready' && this.gapStatus === 'ready'
          ? 'ready'
          : 'idle',
  );

  /** The URL keys this view owns, with their values (defaults left out). */
  readonly query: Record<string, string> = $derived(formatCoverageParams(this.params));

  /** The date the gap is measured on: the end of the period filter, else today. */
  readonly asOf: string = $derived(gapAsOf(this.params, this.#today()));

  /** Per hromada with a programme: how many, their sectors, the first (what the map draws). */
  readonly byHromada = $derived(hromadaIndex(this.programmeSummary?.hromadaProgrammes ?? []));
  readonly summary: CoverageSummary = $derived(this.programmeSummary ?? EMPTY_SUMMARY);
  /** Whether the list has pages not loaded yet. */
  readonly hasMore: boolean = $derived(this.list?.nextCursor != null);
  readonly highNeed = $derived.by(() => {
    const occupied = this.occupied?.values;
    const leaveOut =
      this.params.includeOccupied || !occupied
        ? undefined
        : (pcode: string) => (occupied[pcode] ?? 0) >= OCCUPIED_SHARE_MIN;
    return highNeedUncovered(this.coverage?.units ?? [], HIGH_NEED_COUNT, leaveOut);
  });
  readonly coverageBy = $derived(new Map((this.coverage?.units ?? []).map((u) => [u.pcode, u])));
  /** Hromadas where a programme (of the sector, if one is chosen) is active on `asOf`. */
  readonly activeHromadas = $derived((this.coverage?.units ?? []).filter((u) => u.coverage > 0).length);

  readonly programmesMap: Choropleth | null = $derived.by(() => {
    const g = this.#units.hromada;
    if (!g || !this.list) return null;
    return programmesChoropleth(g.pcodes, this.byHromada, this.list.facets.sectors, this.params.colourBy);
  });

  readonly gapMap: Choropleth | null = $derived.by(() =>
    this.coverage && this.needsModel
      ? gapChoropleth(this.coverage.units, this.needsModel.classes, this.needsModel.confidence?.minForRanking)
      : null,
  );

  readonly choropleth: Choropleth | null = $derived(
    this.params.mode === 'strategies'
      ? (this.strategies?.choropleth ?? null)
      : this.params.mode === 'gap'
        ? this.gapMap
        : this.programmesMap,
  );

  /** Hromadas on the map that the choropleth leaves without a class ("no data"). */
  readonly unclassified: number = $derived.by(() => {
    const g = this.#units.hromada;
    const c = this.choropleth;
    if (!g || !c) return 0;
    let n = 0;
    for (const pcode of g.pcodes) if (!c.classOf.has(pcode)) n++;
    return n;
  });

  /** Markers at the label point of each hromada with a programme (programmes mode) or an active one (gap). */
  readonly sites: SiteMarker[] = $derived.by(() => {
    const g = this.#units.hromada;
    if (!g) return [];
    const out: SiteMarker[] = [];
    const add = (pcode: string, colour: string) => {
      const position = g.label.get(pcode);
      if (position) out.push({ pcode, position, colour });
    };
    if (this.params.mode === 'strategies') {
      return this.strategies?.sites ?? [];
    } else if (this.params.mode === 'gap') {
      for (const u of this.coverage?.units ?? []) if (u.coverage > 0) add(u.pcode, COVERED_COLOUR);
    } else {
      const c = this.programmesMap;
      for (const pcode of this.byHromada.keys()) {
        const cls = c?.classOf.get(pcode);
        add(pcode, cls !== undefined ? c!.colours[cls]! : NO_DATA_COLOUR);
      }
    }
    return out;
  });

  constructor(deps: CoverageDeps) {
    this.#api = deps.api;
    this.#catalogue = deps.catalogue;
    this.#units = deps.units;
    this.#assessed = deps.assessed;
    if (deps.today) this.#today = deps.today;
    this.params = parseCoverageParams(deps.search);
    this.strategies = deps.strategies
      ? new StrategiesState({
          api: deps.strategies,
          units: deps.units,
          stage: () => this.params.stage,
          oblast: () => deps.view.oblast,
        })
      : null;
  }

  /** Called each time the view becomes active; loads what it needs the first time (or after an error). */
  async activate(): Promise<void> {
    if (this.#activated && this.status !== 'error') return;
    this.#activated = true;
    const loads: Promise<void>[] = [];
    if (this.listStatus !== 'ready') loads.push(this.#loadList());
    if (this.gapStatus !== 'ready') loads.push(this.#loadGap());
    if (this.strategies && this.strategies.status !== 'ready') loads.push(this.strategies.load());
    await Promise.all(loads);
  }

  /** Changes some parameters; reloads only what they change (the map mode and colouring reload nothing). */
  async set(patch: Partial<CoverageParams>): Promise<void> {
    const before = this.params;
    const next = { ...before, ...patch };
    this.params = next;
    if (!this.#activated) return;
    const listChanged = (['organisation', 'donor', 'sector', 'status', 'from', 'to'] as const).some(
      (k) => before[k] !== next[k],
    );
    const gapChanged = before.sector !== next.sector || gapAsOf(before, this.#today()) !== this.asOf;
    await Promise.all([listChanged ? this.#loadList() : null, gapChanged ? this.#loadGap() : null]);
  }

  /** Back to all programmes of all time (the map mode stays). */
  clearFilters(): Promise<void> {
    return this.set({ organisation: null, donor: null, sector: null, status: null, from: null, to: null });
  }

  /** Loads the programmes and the gap again (after an edit, issue #6); nothing before the view was shown. */
  async refresh(): Promise<void> {
    if (!this.#activated) return;
    await Promise.all([this.#loadList(), this.#loadGap(), this.strategies?.load()]);
  }

  async retry(): Promise<void> {
    await Promise.all([
      this.listStatus === 'error' ? this.#loadList() : null,
      this.gapStatus === 'error' ? this.#loadGap() : null,
    ]);
  }

  /** The API query of the current filters. */
  #listQuery(): ProgrammeQuery {
    const p = this.params;
    const query: ProgrammeQuery = { ...periodWindow(p) };
    if (p.organisation !== null) query.organisation = p.organisation;
    if (p.donor !== null) query.donor = p.donor;
    if (p.sector !== null) query.sector = p.sector;
    if (p.status !== null) query.status = p.status;
    return query;
  }

  /**
   * The first page of the programmes and the figures over all of them (issue #11 item 2: the list used to
   * bring every programme with every site; the map and the counts now come from the summary).
   */
  async #loadList(): Promise<void> {
    this.#more.clear();
    const query = this.#listQuery();
    await Promise.all([
      this.#list.run(
        (signal) =>
          Promise.all([this.#api.programmes(query, signal), this.#api.programmeSummary(query, signal)]),
        ([list, summary]) => {
          this.list = list;
          this.programmes = list.programmes;
          this.programmeSummary = summary;
        },
      ),
      this.#load3w(query),
    ]);
  }

  /** The 3W figures of the same filters, beside the list: their failure leaves the list and map as they are. */
  async #load3w(query: ProgrammeQuery): Promise<void> {
    const load = this.#api.coverage3w?.bind(this.#api);
    if (!load) return;
    await this.#threeW.run(
      (signal) => load(query, signal),
      (answer) => {
        this.threeW = answer;
      },
    );
  }

  /** Loads the next page of the list and adds it to the programmes shown. */
  async more(): Promise<void> {
    const cursor = this.list?.nextCursor;
    if (!cursor || this.moreStatus === 'loading') return;
    await this.#more.run(
      (signal) => this.#api.programmes({ ...this.#listQuery(), limit: PROGRAMME_PAGE_SIZE, cursor }, signal),
      (page) => {
        this.list = page;
        this.programmes = [...this.programmes, ...page.programmes];
      },
    );
  }

  async #loadGap(): Promise<void> {
    const query: { sector?: string; asOf: string } = { asOf: this.asOf };
    if (this.params.sector !== null) query.sector = this.params.sector;
    await this.#gap.run(
      (signal) =>
        Promise.all([
          this.#api.coverage(query, signal),
          this.needsModel ?? this.#api.model('needs', signal),
          // Only sets occupied hromadas apart: the view works without it.
          this.occupied ??
            this.#api.indicatorValues(OCCUPIED_INDICATOR, signal).catch((err: unknown) => {
              if (isAbort(err)) throw err;
              return null;
            }),
        ]),
      ([coverage, model, occupied]) => {
        this.coverage = coverage;
        this.needsModel = model;
        this.occupied = occupied;
      },
    );
  }

  /** Where each figure comes from: the programmes' datasets, the needs index and its inputs, the gap. */
  sources(lang: Lang): {
    programmes: SourceLine[];
    needs: SourceLine[];
    occupied: SourceLine[];
    gap: SourceLine;
  } {
    const m = COVERAGE_MESSAGES[lang];
    const programmes: SourceLine[] = [];
    for (const { source: given, programmes: n } of this.programmeSummary?.sources ?? []) {
      const src = given ? localSource(given, lang) : given;
      programmes.push({
        label: m.src_programmes,
        text: src
          ? `${src.name} — ${shortLicence(src.licence)} (${m.count.programmes(n)})`
          : `${m.sourceNone} (${m.count.programmes(n)})`,
      });
    }
    // Datasets first, then the programmes entered without one (as the list was read before).
    programmes.sort(
      (a, b) => Number(a.text.startsWith(m.sourceNone)) - Number(b.text.startsWith(m.sourceNone)),
    );

    const needs: SourceLine[] = [];
    const model = this.needsModel;
    if (model) {
      const inputs = model.dimensions.flatMap((d) => d.components.flatMap((c) => c.indicators));
      const bySource = new Map<string, { name: string; licence: string; periods: Set<string> }>();
      let missing = 0;
      for (const input of inputs) {
        const ind = this.#catalogue.indicator(input.indicatorId);
        if (!ind || ind.periods.length === 0) {
          missing++;
          continue;
        }
        const period = input.period === 'latest' ? ind.periods.at(-1)! : input.period;
        const source = localSource(ind.source, lang);
        const entry = bySource.get(ind.source.id) ?? {
          name: source.name,
          licence: source.licence,
          periods: new Set<string>(),
        };
        entry.periods.add(period);
        bySource.set(ind.source.id, entry);
      }
      const label = m.src_needs(model.name[lang], this.coverage?.models.needs ?? model.version);
      for (const s of bySource.values()) {
        const periods = [...s.periods].sort().map((p) => formatPeriod(p, lang));
        needs.push({ label, text: `${s.name} — ${shortLicence(s.licence)}; ${periods.join(', ')}` });
      }
      if (missing > 0) needs.push({ label, text: m.src_missing(missing, inputs.length) });
    }
    const occupied: SourceLine[] = [];
    const ind = this.#catalogue.indicator(OCCUPIED_INDICATOR);
    if (this.occupied && ind)
      occupied.push({
        label: m.src_occupied,
        text: `${localSource(ind.source, lang).name} — ${shortLicence(localSource(ind.source, lang).licence)}; ${formatPeriod(this.occupied.period, lang)}`,
      });
    return { programmes, needs, occupied, gap: { label: m.src_method, text: m.src_gap } };
  }

  describe(pcode: string, lang: Lang): HoverLine | null {
    if (this.params.mode === 'strategies') return this.strategies?.describe(pcode, lang) ?? null;
    const line = this.#describeFill(pcode, lang);
    const assessed = this.#assessed?.describe(pcode, lang);
    if (line && assessed) line.detail = [line.detail, assessed].filter(Boolean).join(' · ');
    return line;
  }

  #describeFill(pcode: string, lang: Lang): HoverLine | null {
    const m = COVERAGE_MESSAGES[lang];
    const t = MESSAGES[lang];
    const c = this.choropleth;
    const cls = c?.classOf.get(pcode);
    const swatch = cls !== undefined ? c!.colours[cls]! : NO_DATA_COLOUR;
    if (this.params.mode === 'gap') {
      const u = this.coverageBy.get(pcode);
      if (!u) return this.coverage ? { measure: m.tip_gap, value: t.noData, detail: '', swatch } : null;
      const date = formatPeriod(this.asOf, lang);
      const needs = u.needs === null ? m.noNeeds : `${m.tip_needs}: ${formatScore(u.needs, lang)} / 10`;
      return {
        measure: m.tip_gap,
        value: u.gap === null ? m.noNeeds : `${formatScore(u.gap, lang)} / 10`,
        detail:
          u.coverage > 0
            ? `${m.tip_covered} (${date}): ${u.programmes.map((p) => p.title).join('; ')}`
            : `${needs} · ${m.tip_noneActive} (${date})`,
        swatch,
      };
    }
    if (!this.programmeSummary) return null;
    const h = this.byHromada.get(pcode);
    if (!h) return { measure: m.tip_programmes, value: m.noProgramme, detail: '', swatch };
    const first = h.first;
    const detail = [
      organisationName(first.organisation, lang),
      sectorName(first.sector, lang),
      periodText(first.periodStart, first.periodEnd, lang),
    ].join(' · ');
    return {
      measure: m.tip_programmes,
      value: m.count.programmes(h.count),
      detail: h.count > 1 ? `${detail} …` : detail,
      swatch,
    };
  }

  legend(lang: Lang): MapLegend | null {
    if (this.params.mode === 'strategies') return this.strategies?.legend(lang) ?? null;
    const legend = this.#legendFill(lang);
    const overlay = this.#assessed?.overlay(lang);
    if (legend && overlay) legend.overlays = [...(legend.overlays ?? []), overlay];
    return legend;
  }

  #legendFill(lang: Lang): MapLegend | null {
    const c = this.choropleth;
    if (!c) return null;
    const m = COVERAGE_MESSAGES[lang];
    const s = this.sources(lang);
    const line = (l: SourceLine) => `${l.label}: ${l.text}`;
    if (this.params.mode === 'gap') {
      const bins = c.classification.bins;
      return {
        title: m.gapTitle,
        subtitle: m.gapSubtitle(formatPeriod(this.asOf, lang)),
        entries: [
          ...bins.map((b, i) => ({
            colour: c.colours[i]!,
            label:
              i < bins.length - 1
                ? `${b.label?.[lang] ?? ''} · ${formatScore(b.lower, lang)}–${formatScore(b.upper, lang)}`
                : (b.label?.[lang] ?? ''),
          })),
          { colour: NO_DATA_COLOUR, label: m.noNeeds },
          ...this.#fadedEntry(c, lang),
        ],
        sources: [...s.needs.map(line), ...s.programmes.map(line), line(s.gap)],
      };
    }
    return {
      title: m.programmesTitle,
      subtitle: m.programmesSubtitle,
      entries: c.classification.bins.map((b, i) => ({ colour: c.colours[i]!, label: b.label?.[lang] ?? '' })),
      sources: s.programmes.map(line),
    };
  }

  /** The key's line for gaps drawn faded (their needs score is not compared), when there are any. */
  #fadedEntry(c: Choropleth, lang: Lang): MapLegend['entries'] {
    const min = this.needsModel?.confidence?.minForRanking;
    const n = [...(c.marks?.values() ?? [])].filter((m) => m === 'faded').length;
    if (min === undefined || n === 0) return [];
    const colour = c.colours[Math.floor((c.colours.length - 1) / 2)]!;
    const label = COVERAGE_MESSAGES[lang].gapFaded(formatPercent(min, lang));
    return [{ colour, label, opacity: FADED_OPACITY, count: n }];
  }

  dispose(): void {
    this.#list.abort();
    this.#more.abort();
    this.#gap.abort();
    this.strategies?.dispose();
  }
}
