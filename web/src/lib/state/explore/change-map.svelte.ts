import { untrack } from 'svelte';
import { ASSESSMENT_COMPONENT_IDS } from '../../domain/assessment-components.ts';
import type { AssessmentComponentId, CommunityChange, RoundChanges, RoundsApi } from '../../api/rounds.ts';
import { formatNumber, formatPeriod, formatScore } from '../../i18n/format.ts';
import { componentName } from '../../domain/assessment-components.ts';
import type { Lang } from '../../i18n/messages.ts';
import { ROUNDS_MESSAGES } from '../../i18n/messages-rounds.ts';
import { CHANGE_COLOURS, changeChoropleth, MARKED_COLOUR } from '../../map/change-classes.ts';
import type { Choropleth } from '../../map/choropleth.ts';
import type { HoverLine, MapLegend } from '../../map/map-mode.ts';
import { NO_DATA_COLOUR } from '../../map/palettes.ts';
import { KeyedLoad } from '../keyed-load.svelte.ts';
import type { LoadError, LoadStatus } from '../load-status.ts';

/** YYYY-MM-DD of a date, in UTC. */
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The change map's keys in the page's query string: `chg` (component), `cf` and `ct` (dates A and B). */
export function parseChangeParams(search: string): {
  component: AssessmentComponentId | null;
  from: string | null;
  to: string | null;
} {
  const q = new URLSearchParams(search);
  const chg = q.get('chg');
  const day = (v: string | null) => (v && ISO_DAY.test(v) ? v : null);
  return {
    component: ASSESSMENT_COMPONENT_IDS.find((c) => c === chg) ?? null,
    from: day(q.get('cf')),
    to: day(q.get('ct')),
  };
}

/** A signed change on 0–10 with one decimal: "+1,5", "−0,3", "0,0". */
export function formatChange(v: number, lang: Lang): string {
  const s = formatScore(Math.abs(v), lang);
  return v > 0.05 ? `+${s}` : v < -0.05 ? `−${s}` : s;
}

/**
 * The change map of the Explore view (issue #13, section 5): for one assessment component, each community's
 * latest round on or before date A against its latest on or before date B (GET /api/rounds/changes), drawn in
 * diverging colours with the changes whose 95 % interval excludes zero outlined. Off (no component) the Explore
 * view shows its measure as before.
 */
export class ChangeMapState {
  /** The component compared; null: the change map is off. */
  component = $state<AssessmentComponentId | null>(null);
  from = $state('');
  to = $state('');

  readonly #api: RoundsApi;
  readonly #load = new KeyedLoad<RoundChanges>();

  get status(): LoadStatus {
    return this.#load.status;
  }
  get error(): LoadError | null {
    return this.#load.error;
  }
  /** The answer for what is asked now (null while off, loading another, or with dates out of order). */
  get data(): RoundChanges | null {
    const d = this.#load.data;
    return d && this.active && d.component === this.component && d.from === this.from && d.to === this.to
      ? d
      : null;
  }

  readonly active = $derived(this.component !== null);
  /** The URL keys of the change map while it is on, so that a link shows the same comparison. */
  readonly query: Record<string, string> = $derived.by((): Record<string, string> =>
    this.component ? { chg: this.component, cf: this.from, ct: this.to } : {},
  );
  /** Dates that cannot be compared: both given and B not after A. */
  readonly outOfOrder = $derived(this.from !== '' && this.to !== '' && this.from >= this.to);

  readonly #byPcode = $derived(new Map((this.data?.units ?? []).map((u) => [u.pcode, u])));
  readonly choropleth: Choropleth | null = $derived(this.data ? changeChoropleth(this.data.units) : null);
  /** Communities whose change's interval excludes zero. */
  readonly marked: ReadonlySet<string> = $derived(
    new Set((this.data?.units ?? []).filter((u) => u.excludesZero).map((u) => u.pcode)),
  );

  /**
   * `today`: date B's default (date A's is a year before it); `search`: the page's query string, whose
   * `chg`, `cf` and `ct` open the change map as a link left it.
   */
  constructor(api: RoundsApi, opts: { today?: Date; search?: string } = {}) {
    this.#api = api;
    const today = opts.today ?? new Date();
    const yearBefore = new Date(today);
    yearBefore.setUTCFullYear(yearBefore.getUTCFullYear() - 1);
    const params = parseChangeParams(opts.search ?? '');
    this.component = params.component;
    this.to = params.to ?? isoDay(today);
    this.from = params.from ?? isoDay(yearBefore);
  }

  /** Loads the changes for what is asked whenever it changes. Call it while a component initialises. */
  follow(): void {
    $effect(() => this.sync());
  }

  sync(): void {
    const [component, from, to, ok] = [this.component, this.from, this.to, !this.outOfOrder];
    untrack(() => void this.load(component && from && to && ok ? { component, from, to } : null));
  }

  async load(q: { component: AssessmentComponentId; from: string; to: string } | null): Promise<void> {
    const key = q ? `${q.component}|${q.from}|${q.to}` : null;
    await this.#load.load(key, (signal) => this.#api.changes(q!, signal));
  }

  change(pcode: string): CommunityChange | undefined {
    return this.#byPcode.get(pcode);
  }

  #name(lang: Lang): string {
    return this.component ? componentName(this.component, lang) : '';
  }

  describe(pcode: string, lang: Lang): HoverLine | null {
    if (!this.data) return null;
    const m = ROUNDS_MESSAGES[lang];
    const u = this.change(pcode);
    const cls = this.choropleth?.classOf.get(pcode);
    if (!u)
      return {
        measure: m.changeLegendTitle(this.#name(lang)),
        value: m.noChange,
        detail: '',
        swatch: NO_DATA_COLOUR,
      };
    const interval =
      u.ciLow !== null && u.ciHigh !== null
        ? `(95 %: ${formatChange(u.ciLow, lang)} … ${formatChange(u.ciHigh, lang)})`
        : `(${m.withoutInterval})`;
    return {
      measure: m.changeLegendTitle(this.#name(lang)),
      value: `${formatChange(u.difference, lang)} ${interval}`,
      detail: [
        `${formatPeriod(u.from.date, lang)}: ${formatScore(u.from.score, lang)} → ${formatPeriod(u.to.date, lang)}: ${formatScore(u.to.score, lang)}`,
        u.excludesZero ? m.marked : '',
      ]
        .filter(Boolean)
        .join(' · '),
      swatch: cls !== undefined ? CHANGE_COLOURS[cls]! : NO_DATA_COLOUR,
    };
  }

  legend(lang: Lang): MapLegend | null {
    const c = this.choropleth;
    const d = this.data;
    if (!c || !d) return null;
    const m = ROUNDS_MESSAGES[lang];
    return {
      title: m.changeLegendTitle(this.#name(lang)),
      subtitle: m.changeSubtitle(formatPeriod(d.from, lang), formatPeriod(d.to, lang)),
      entries: [
        ...c.classification.bins.map((bin, i) => ({
          colour: c.colours[i]!,
          label: `${m.changeClasses[i]} (${formatNumber(bin.count, lang, 0)})`,
        })),
        { colour: NO_DATA_COLOUR, label: m.noTwoRoundsLegend },
      ],
      overlays: [
        {
          title: m.markedLabel,
          entries: [
            {
              colour: MARKED_COLOUR,
              label: `${m.markedLabel} (${formatNumber(this.marked.size, lang, 0)})`,
              swatch: 'line',
            },
          ],
          note: m.markedNote,
        },
      ],
      sources: [m.changeCount(d.communitiesWithTwoRounds, d.marked)],
    };
  }

  dispose(): void {
    this.#load.abort();
  }
}
