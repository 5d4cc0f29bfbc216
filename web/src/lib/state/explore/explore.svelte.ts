import { rankText } from '../../i18n/messages-ranks.ts';
import { untrack } from 'svelte';
import type { AtlasApi, Source } from '../../api/index.ts';
import type { RoundsApi } from '../../api/rounds.ts';
import {
  formatNumber,
  formatPeriod,
  formatPeriodRange,
  formatValue,
  unitInfo,
  unitLabel,
} from '../../i18n/format.ts';
import { MESSAGES, type Lang, type Messages } from '../../i18n/messages.ts';
import { hotspotFillLabel } from '../../i18n/messages-table.ts';
import { localSource, occupiedCredit } from '../../i18n/source-texts.ts';
import type { Choropleth } from '../../map/choropleth.ts';
import type { ClassBin } from '../../map/classify.ts';
import { classWord, unitClass } from '../../map/unit-class.ts';
import { evidenceOf, FILL_COLOUR, fillLegend } from '../../map/layers/hotspot-fill.ts';
import { HOTSPOT_STYLE } from '../../map/layers/hotspot-style.ts';
import type { HoverLine, LegendEntry, LegendOverlay, MapLegend, MapMode } from '../../map/map-mode.ts';
import { NO_DATA_COLOUR } from '../../map/palettes.ts';
import { buildBivariate, cellOf, type Bivariate } from '../../map/bivariate.ts';
import type { CatalogueState } from '../catalogue.svelte.ts';
import { ChangeMapState } from './change-map.svelte.ts';
import { DateChangeState } from './date-change.svelte.ts';
import { TimeState } from './time.svelte.ts';
import { TIME_MESSAGES } from '../../i18n/messages-time.ts';
import { TableColumnsState } from './table-columns.svelte.ts';
import { HotspotState } from './hotspots.svelte.ts';
import { MeasureState, type MeasureData } from './measure.svelte.ts';
import { OccupiedState } from './occupied.svelte.ts';
import { measureParts } from '../view-params.ts';
import type { ViewState } from '../view.svelte.ts';

export interface ExploreDeps {
  /** The measure on the map (App's, shared with the profile panel). */
  measure: MeasureState;
  api: AtlasApi;
  view: ViewState;
  catalogue: CatalogueState;
  /** The change map's client (issue #13, section 5). */
  rounds: RoundsApi;
  /** The page's query string at start: the change map's own keys are read from it. */
  search?: string;
}

/** The boundaries under every map (COD-AB, imported by the geometry pipeline): credited on every export. */
const BOUNDARY_SOURCE = 'cod-ab';

/** The colour of the occupied-area overlay (its fill is this at OCCUPIED_OPACITY, with a hatch). */
export const OCCUPIED_COLOUR = '#1d232b';

/**
 * The Explore view (analysts) as the map sees it: the measure's choropleth — or, with a second measure, the
 * 3×3 bivariate map of both — what the tooltip says, and the legend of everything drawn, hot spots and the
 * occupied area included. It owns the second measure, the hot spots and the occupied areas; `follow()` loads
 * them as the view asks.
 */
export class ExploreState implements MapMode {
  readonly #measure: MeasureState;
  readonly #view: ViewState;
  readonly #catalogue: CatalogueState;
  /** The second measure of a bivariate map (view.measure2). */
  readonly second: MeasureState;
  readonly hotspots: HotspotState;
  /** The indicators added as columns to the Explore table (issue #14 item 4). */
  readonly tableColumns: TableColumnsState;
  readonly occupied: OccupiedState;
  /** The change between two assessment rounds; while on, it colours the map instead of the measure. */
  readonly change: ChangeMapState;
  /** The as-of date's choices and the play button over the occupied-area snapshots (issue #14 item 5). */
  readonly time: TimeState;
  /** The change of the shown index between two dates; while on, it colours the map instead of the measure. */
  readonly dateChange: DateChangeState;

  /** The index whose hot spots can be shown: the one on the map, when the API computes them for it. */
  readonly hotspotModel: string | null = $derived.by(() => {
    const { kind, id } = measureParts(this.#view.measure);
    return kind === 'index' && this.#catalogue.model(id)?.kind === 'index' ? id : null;
  });

  /** Both measures' values, once both are loaded for what the view asks. */
  readonly bivariate: Bivariate | null = $derived.by(() => {
    const [a, b] = [this.#measure.data, this.second.data];
    const key2 = this.#view.measure2;
    if (!key2 || !a || !b || a.key !== this.#view.measure || b.key !== key2) return null;
    return buildBivariate({ x: a.values, y: b.values, method: this.#view.method });
  });

  /** The bivariate map when there is one; the single measure's otherwise (also while the second loads). */
  readonly choropleth: Choropleth | null = $derived.by(() =>
    this.change.active
      ? this.change.choropleth
      : this.dateChange.active
        ? this.dateChange.choropleth
        : (this.bivariate ?? this.#measure.choropleth),
  );

  /** A Latin name for an exported file: the measures' ids, "cpi" or "cpi-x-gap". */
  readonly exportName: string = $derived.by(() => {
    const first = measureParts(this.#view.measure).id;
    return this.bivariate && this.#view.measure2
      ? `${first}-x-${measureParts(this.#view.measure2).id}`
      : first;
  });

  constructor(deps: ExploreDeps) {
    this.#measure = deps.measure;
    this.#view = deps.view;
    this.#catalogue = deps.catalogue;
    this.second = new MeasureState(deps.api, deps.view, deps.catalogue, () => deps.view.measure2);
    this.hotspots = new HotspotState(deps.api);
    this.tableColumns = new TableColumnsState(deps.api, deps.view, deps.catalogue);
    this.occupied = new OccupiedState(deps.api);
    this.change = new ChangeMapState(deps.rounds, { search: deps.search });
    this.time = new TimeState(deps.api, deps.view, () => this.hotspotModel);
    this.dateChange = new DateChangeState(deps.api, () => this.hotspotModel, deps.search);
  }

  /** The URL keys of the change maps (rounds or dates), so that a link shows the same comparison. */
  get changeQuery(): Record<string, string> {
    return { ...this.change.query, ...this.dateChange.query };
  }

  /** The shown index's name, for the change between dates. */
  #indexName(lang: Lang): string {
    return this.#measure.meta?.name[lang] ?? '';
  }

  /**
   * Loads the second measure, the hot spots and the occupied area whenever the view asks for others. Call it
   * while a component initialises (it creates effects, which end with that component).
   */
  follow(): void {
    $effect(() => this.syncSecond());
    $effect(() => this.syncHotspots());
    $effect(() => this.syncOccupied());
    this.change.follow();
    this.time.follow();
    this.dateChange.follow();
  }

  /** Loads the second measure the view asks for (from memory when it was loaded before). */
  syncSecond(): void {
    const key = this.#view.measure2;
    untrack(() => void (key ? this.second.load(key, null) : undefined));
  }

  /** Loads (or takes away) the hot spots the view asks for, once the catalogue says what the measure is. */
  syncHotspots(): void {
    const [model, method, ready] = [this.hotspotModel, this.#view.hotspots, this.#catalogue.status];
    if (ready !== 'ready') return;
    untrack(() => void this.hotspots.load(model, method));
  }

  /** Lists the occupied-area snapshots and loads (or takes away) the one the view asks for. */
  syncOccupied(): void {
    const date = this.#view.occupied;
    untrack(() => {
      void this.occupied.loadList();
      void this.occupied.load(date);
    });
  }

  describe(pcode: string, lang: Lang): HoverLine | null {
    if (this.change.active) return this.change.describe(pcode, lang);
    if (this.dateChange.active) return this.dateChange.describe(pcode, lang, this.#indexName(lang));
    const t = MESSAGES[lang];
    const line = this.bivariate ? this.#describeBivariate(pcode, lang) : this.#describeOne(pcode, lang);
    if (!line) return null;
    const fill = this.hotspots.fills.get(pcode);
    const h = this.hotspots.data;
    if (fill && h) {
      // On the cluster or significance map the swatch is the hromada's fill there, named with its evidence.
      const u = h.units.find((x) => x.pcode === pcode);
      const evidence = u ? evidenceOf(u, h.settings.adjust) : null;
      const entry = fillLegend(h, this.hotspots.display, new Map()).find((e) => e.fill === fill);
      const word = hotspotFillLabel(fill, entry?.bound, h.settings.adjust, lang);
      const p =
        evidence !== null
          ? `${h.settings.adjust === 'bh' ? 'q' : 'p'} = ${formatNumber(evidence, lang, 3)}`
          : '';
      line.detail = [line.detail, word, p].filter(Boolean).join(' · ');
      line.swatch = FILL_COLOUR[fill];
      return line;
    }
    const hs = this.hotspots.classOf.get(pcode);
    if (hs) line.detail = [line.detail, t[`hs_${hs}`]].filter(Boolean).join(' · ');
    return line;
  }

  #describeOne(pcode: string, lang: Lang): HoverLine | null {
    const t = MESSAGES[lang];
    const data = this.#measure.data;
    if (!data) return null;
    const v = data.values.get(pcode);
    // Colour and word from the map's own classes (issue #14, item 6), not the model's class beside a quantile colour.
    const cls = unitClass(this.choropleth, pcode, lang);
    let value = t.noData;
    let detail = '';
    if (v !== undefined) {
      value = formatValue(v, data.unit, lang, { yes: t.yes, no: t.no });
      if (data.kind === 'index') {
        const s = data.scores?.get(pcode);
        value = `${value} / 10${cls?.word ? ` · ${cls.word}` : ''}`;
        // One denominator, stated (issue #14): "Місце 3 з 1 402 порівнянних громад" or why there is none.
        if (s) detail = rankText(s, data.ranked, lang);
      } else {
        detail = `${t.period}: ${formatPeriod(data.period, lang)}`;
      }
    }
    return {
      measure: this.#measure.meta?.name[lang] ?? '',
      value,
      detail,
      swatch: cls ? cls.colour : NO_DATA_COLOUR,
    };
  }

  #describeBivariate(pcode: string, lang: Lang): HoverLine | null {
    const t = MESSAGES[lang];
    const b = this.bivariate!;
    const [a, c] = [this.#measure.data!, this.second.data!];
    const fmt = (d: MeasureData) => {
      const v = d.values.get(pcode);
      return v === undefined ? t.noData : formatValue(v, d.unit, lang, { yes: t.yes, no: t.no });
    };
    const cls = b.classOf.get(pcode);
    const levels = [t.bivariateLow, t.bivariateMid, t.bivariateHigh];
    const cell = cls !== undefined ? cellOf(cls) : null;
    return {
      measure: this.#title(lang),
      value: `${fmt(a)} · ${fmt(c)}`,
      detail: cell ? `${levels[cell.col]} × ${levels[cell.row]}` : t.bivariateNoData,
      swatch: cls !== undefined ? b.colours[cls]! : NO_DATA_COLOUR,
    };
  }

  /** "CPI" or "CPI × Coverage gap". */
  #title(lang: Lang): string {
    const first = this.#measure.meta?.name[lang] ?? '';
    const second = this.bivariate ? this.second.meta?.name[lang] : undefined;
    return second ? `${first} × ${second}` : first;
  }

  legend(lang: Lang): MapLegend | null {
    if (this.change.active) return this.change.legend(lang);
    if (this.dateChange.active) return this.dateChange.legend(lang, this.#indexName(lang));
    const c = this.choropleth;
    const meta = this.#measure.meta;
    const data = this.#measure.data;
    if (!c || !meta || !data) return null;
    const t = MESSAGES[lang];
    const b = this.bivariate;
    const second = b ? this.second.data : null;
    const periodOf = (d: MeasureData) => formatPeriodRange(d.period, lang);
    const subtitle = second
      ? `${t.period}: ${meta.name[lang]} — ${periodOf(data)}; ${this.second.meta?.name[lang] ?? ''} — ${periodOf(second)}`
      : [asOfText(data, lang), data.period ? `${t.period}: ${periodOf(data)}` : '', scaleText(data, lang, t)]
          .filter(Boolean)
          .join(' · ');
    const legend: MapLegend = {
      title: this.#title(lang),
      subtitle,
      entries: [],
      sources: this.#sourceLines(lang),
    };
    if (b && second) {
      legend.grid = {
        colours: b.grid,
        xLabel: meta.name[lang],
        yLabel: this.second.meta?.name[lang] ?? '',
        xTicks: b.x.bins.map((bin) => rangeText(bin, data.unit, lang, t)),
        yTicks: b.y.bins.map((bin) => rangeText(bin, second.unit, lang, t)),
      };
      legend.entries = [{ colour: NO_DATA_COLOUR, label: t.bivariateNoData }];
    } else {
      legend.entries = [
        ...c.classification.bins.map((bin, i) => ({
          colour: c.colours[i]!,
          label: [classWord(c, i, lang), bin.label ? '' : rangeText(bin, data.unit, lang, t)]
            .filter(Boolean)
            .join(': '),
        })),
        { colour: NO_DATA_COLOUR, label: t.noData },
      ];
    }
    const overlays = [this.#hotspotOverlay(lang), this.#occupiedOverlay(lang)].filter(
      (o): o is LegendOverlay => o !== null,
    );
    if (overlays.length > 0) legend.overlays = overlays;
    return legend;
  }

  #hotspotOverlay(lang: Lang): LegendOverlay | null {
    const h = this.hotspots.data;
    if (!h || this.hotspots.status !== 'ready') return null;
    const t = MESSAGES[lang];
    const model = this.#catalogue.model(h.model.id)?.name[lang] ?? h.model.id;
    // The cluster or significance map draws fills (issue #14 item 12): its own classes, with counts.
    const display = this.hotspots.display;
    const entries: LegendEntry[] =
      display !== 'outline'
        ? fillLegend(h, display, this.hotspots.fills).map((e) => ({
            colour: e.colour,
            label: `${hotspotFillLabel(e.fill, e.bound, h.settings.adjust, lang)} (${formatNumber(e.count, lang, 0)})`,
          }))
        : [...this.hotspots.counts].map(([cls, n]) => ({
            colour: HOTSPOT_STYLE[cls].colour,
            label: `${t[`hs_${cls}`]} (${formatNumber(n, lang, 0)})`,
            swatch: HOTSPOT_STYLE[cls].dashed ? 'dashed' : 'line',
          }));
    return {
      title: `${t[`hotspotTitle_${h.method}`]} — ${model}`,
      entries,
      note: t[`hotspotExplain_${h.method}`].replace('{alpha}', formatNumber(h.settings.alpha, lang, 2)),
    };
  }

  #occupiedOverlay(lang: Lang): LegendOverlay | null {
    const o = this.occupied.data;
    if (!o || this.occupied.status !== 'ready') return null;
    const t = MESSAGES[lang];
    const snapshot = this.occupied.snapshot(o.metadata.date);
    const area = snapshot ? ` · ${formatValue(snapshot.areaKm2, 'km²', lang)}` : '';
    const source = o.metadata.source;
    return {
      title: t.occupied,
      entries: [
        {
          colour: OCCUPIED_COLOUR,
          label: `${t.occupiedAsOf} ${formatPeriod(o.metadata.date, lang)}${area}`,
          swatch: 'hatch',
        },
      ],
      note: source
        ? `${localSource(source, lang).name} (${localSource(source, lang).licence})`
        : t.occupiedNoSource,
    };
  }

  /** Every source of what is drawn, with its licence: the measures', the boundaries', the occupied area's. */
  #sourceLines(lang: Lang): string[] {
    const t = MESSAGES[lang];
    const ids = new Set<string>();
    const notes: string[] = [];
    for (const m of [this.#measure, ...(this.bivariate ? [this.second] : [])]) {
      for (const id of m.meta?.sourceIds ?? []) ids.add(id);
      const note = m.meta?.sourceNote?.[lang];
      if (note && !notes.includes(note)) notes.push(note);
    }
    ids.add(BOUNDARY_SOURCE);
    const lines = [...ids]
      .map((id) => this.#catalogue.source(id))
      .filter((s): s is Source => !!s)
      .map((s) => localSource(s, lang))
      .map((s) => `${s.attribution} ${t.sourceLicence}: ${s.licence}.`);
    const occupied = this.occupied.status === 'ready' ? this.occupied.data?.metadata : null;
    if (occupied?.source && !ids.has(occupied.source.id))
      lines.push(occupiedCredit(occupied, lang, t.sourceLicence));
    return [...lines, ...notes];
  }

  dispose(): void {
    this.second.dispose();
    this.hotspots.dispose();
    this.tableColumns.dispose();
    this.occupied.dispose();
    this.change.dispose();
    this.time.dispose();
    this.dateChange.dispose();
  }
}

/** An index's as-of date, stated (issue #14 item 5): "Станом на 8 лип. 2024 р." or "now"; '' for others. */
function asOfText(data: MeasureData, lang: Lang): string {
  if (data.kind !== 'index' || !data.scores) return '';
  const m = TIME_MESSAGES[lang];
  return data.asOf ? m.asOfStated(formatPeriod(data.asOf, lang)) : m.asOfStatedNow;
}

/** What the values are: "score 0–10, higher = worse", or the indicator's unit ('' for a yes/no flag). */
function scaleText(data: MeasureData, lang: Lang, t: Messages): string {
  if (data.kind === 'index')
    return data.id === 'needs' ? t.scaleNeeds : data.id === 'gap' ? t.scaleGap : t.scaleIndex;
  return unitInfo(data.unit).kind === 'flag' ? '' : unitLabel(data.unit, lang);
}

/** A class as the legend names it: "1.2 – 3.4", or one value for a category. */
function rangeText(bin: ClassBin, unit: string, lang: Lang, t: Messages): string {
  const fmt = (x: number) => formatValue(x, unit, lang, { compact: true, yes: t.yes, no: t.no });
  return bin.lower === bin.upper ? fmt(bin.lower) : `${fmt(bin.lower)} – ${fmt(bin.upper)}`;
}
