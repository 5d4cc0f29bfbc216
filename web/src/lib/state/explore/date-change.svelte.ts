import { untrack } from 'svelte';
import type { AtlasApi, Scores } from '../../api/index.ts';
import { formatNumber, formatPeriod, formatScore } from '../../i18n/format.ts';
import type { Lang } from '../../i18n/messages.ts';
import { TIME_MESSAGES } from '../../i18n/messages-time.ts';
import { CHANGE_COLOURS, changeChoropleth } from '../../map/change-classes.ts';
import { FADED_OPACITY, type Choropleth, type UnitMark } from '../../map/choropleth.ts';
import type { HoverLine, MapLegend } from '../../map/map-mode.ts';
import { NO_DATA_COLOUR } from '../../map/palettes.ts';
import { KeyedLoad } from '../keyed-load.svelte.ts';
import type { LoadError, LoadStatus } from '../load-status.ts';
import { formatChange } from './change-map.svelte.ts';
import { dateChanges, type DateChange } from './time-steps.ts';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The keys of the change between dates in the page's query string: `chm=dates`, `df` and `dt` (empty = now). */
export function parseDateChangeParams(search: string): { on: boolean; from: string; to: string } {
  const q = new URLSearchParams(search);
  const day = (v: string | null) => (v && ISO_DAY.test(v) ? v : '');
  return { on: q.get('chm') === 'dates', from: day(q.get('df')), to: day(q.get('dt')) };
}

/**
 * Date A when none is chosen: the first occupied-area snapshot (the front line is what moves the CPI most),
 * else the index's first date; '' (now) only for an index with no dates at all.
 */
export function defaultFromDate(dates: readonly { date: string; kinds: readonly string[] }[]): string {
  return dates.find((d) => d.kinds.includes('occupied_area'))?.date ?? dates[0]?.date ?? '';
}

interface Pair {
  model: string;
  from: string;
  /** The day date A stands for: `from`, or the default when none was chosen. */
  fromDate: string;
  to: string;
  units: DateChange[];
  rankedFrom: number;
  rankedTo: number;
}

/**
 * The change of the shown index between two dates (issue #14 item 5): its scores as of date A and as of date B
 * (GET /api/models/{id}/scores?asOf), the score change drawn in the change map's diverging classes, the rank
 * change and both ends' confidence in the tooltip, and the units not comparable at either end faded.
 */
export class DateChangeState {
  readonly #api: AtlasApi;
  readonly #model: () => string | null;
  readonly #load = new KeyedLoad<Pair>();

  on = $state(false);
  /** Date A; '' = the default (defaultFromDate). */
  from = $state('');
  /** Date B; '' = now. */
  to = $state('');

  get status(): LoadStatus {
    return this.#load.status;
  }
  get error(): LoadError | null {
    return this.#load.error;
  }
  readonly data: Pair | null = $derived.by(() => {
    const d = this.#load.data;
    return d && this.active && d.model === this.#model() && d.from === this.from && d.to === this.to
      ? d
      : null;
  });

  /** On, with an index on the map. */
  readonly active = $derived.by(() => this.on && this.#model() !== null);
  readonly outOfOrder = $derived(this.from !== '' && this.to !== '' && this.from >= this.to);
  readonly query: Record<string, string> = $derived.by((): Record<string, string> =>
    this.on
      ? { chm: 'dates', ...(this.from ? { df: this.from } : {}), ...(this.to ? { dt: this.to } : {}) }
      : {},
  );

  readonly #byPcode = $derived(new Map((this.data?.units ?? []).map((u) => [u.pcode, u])));
  readonly choropleth: Choropleth | null = $derived.by(() => {
    const d = this.data;
    if (!d) return null;
    const c = changeChoropleth(d.units);
    // Low confidence at either end is drawn faded, as elsewhere (issue #14 item 2).
    const marks = new Map<string, UnitMark>(d.units.filter((u) => u.faded).map((u) => [u.pcode, 'faded']));
    return { ...c, marks };
  });

  constructor(api: AtlasApi, model: () => string | null, search = '') {
    this.#api = api;
    this.#model = model;
    const p = parseDateChangeParams(search);
    this.on = p.on;
    this.from = p.from;
    this.to = p.to;
  }

  follow(): void {
    $effect(() => this.sync());
  }

  sync(): void {
    const [model, from, to, go] = [this.#model(), this.from, this.to, this.on && !this.outOfOrder];
    untrack(() => void this.load(model && go ? { model, from, to } : null));
  }

  async load(q: { model: string; from: string; to: string } | null): Promise<void> {
    const key = q ? `${q.model}|${q.from}|${q.to}` : null;
    await this.#load.load(key, async (signal) => {
      const { model, from, to } = q!;
      // No date A (a shared URL with `chm=dates` alone) is the default one, not "now": now against now
      // would show every community unchanged.
      const fromDate = from || defaultFromDate((await this.#api.modelDates(model, signal)).dates);
      const run = (asOf: string) => this.#api.scores(model, signal, undefined, asOf || undefined);
      const [a, b]: [Scores, Scores] = await Promise.all([run(fromDate), run(to)]);
      return {
        model,
        from,
        fromDate,
        to,
        units: dateChanges(a, b),
        rankedFrom: a.rankedCount,
        rankedTo: b.rankedCount,
      };
    });
  }

  change(pcode: string): DateChange | undefined {
    return this.#byPcode.get(pcode);
  }

  #dateText(d: string, lang: Lang): string {
    return d ? formatPeriod(d, lang) : TIME_MESSAGES[lang].asOfNow;
  }

  describe(pcode: string, lang: Lang, index: string): HoverLine | null {
    const d = this.data;
    if (!d) return null;
    const m = TIME_MESSAGES[lang];
    const u = this.change(pcode);
    if (!u)
      return {
        measure: m.dateChangeTitle(index),
        value: m.dateChangeNoData,
        detail: '',
        swatch: NO_DATA_COLOUR,
      };
    const rank = (r: number | null) => (r === null ? m.unranked : formatNumber(r, lang, 0));
    const pct = (c: number) => `${formatNumber(c * 100, lang, 0)} %`;
    const rankChange =
      u.rankChange === null ? '—' : u.rankChange > 0 ? `+${u.rankChange}` : String(u.rankChange);
    const cls = this.choropleth?.classOf.get(pcode);
    return {
      measure: m.dateChangeTitle(index),
      value: `${formatChange(u.difference, lang)} (${formatScore(u.from.score, lang)} → ${formatScore(u.to.score, lang)})`,
      detail: [
        m.dateChangeRank(rank(u.from.rank), rank(u.to.rank), rankChange),
        m.dateChangeConfidence(pct(u.from.confidence), pct(u.to.confidence)),
        u.faded ? m.dateChangeFaded : '',
      ]
        .filter(Boolean)
        .join(' · '),
      swatch: cls !== undefined ? CHANGE_COLOURS[cls]! : NO_DATA_COLOUR,
    };
  }

  legend(lang: Lang, index: string): MapLegend | null {
    const c = this.choropleth;
    const d = this.data;
    if (!c || !d) return null;
    const m = TIME_MESSAGES[lang];
    const changed = d.units.filter((u) => Math.abs(u.difference) >= 0.5).length;
    const faded = d.units.filter((u) => u.faded).length;
    return {
      title: m.dateChangeTitle(index),
      subtitle: m.dateChangeSubtitle(this.#dateText(d.fromDate, lang), this.#dateText(d.to, lang)),
      entries: [
        ...c.classification.bins.map((bin, i) => ({
          colour: c.colours[i]!,
          label: `${m.dateChangeClasses[i]} (${formatNumber(bin.count, lang, 0)})`,
        })),
        {
          colour: CHANGE_COLOURS[4],
          label: `${m.dateChangeFaded} (${formatNumber(faded, lang, 0)})`,
          opacity: FADED_OPACITY,
        },
        { colour: NO_DATA_COLOUR, label: m.dateChangeNoData },
      ],
      sources: [m.dateChangeCount(changed, d.units.length)],
    };
  }

  dispose(): void {
    this.#load.abort();
  }
}
