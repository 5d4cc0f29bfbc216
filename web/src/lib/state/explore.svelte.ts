import { formatNumber, formatPeriod, formatValue } from '../i18n/format.ts';
import { MESSAGES, type Lang } from '../i18n/messages.ts';
import type { Choropleth } from '../map/choropleth.ts';
import type { HoverLine, MapLegend, MapMode } from '../map/map-mode.ts';
import { NO_DATA_COLOUR } from '../map/palettes.ts';
import type { MeasureState } from './measure.svelte.ts';

/** The Explore view (analysts) as the map sees it: the measure's choropleth and what the tooltip says. */
export class ExploreState implements MapMode {
  readonly #measure: MeasureState;

  readonly choropleth: Choropleth | null = $derived.by(() => this.#measure.choropleth);

  constructor(measure: MeasureState) {
    this.#measure = measure;
  }

  describe(pcode: string, lang: Lang): HoverLine | null {
    const t = MESSAGES[lang];
    const data = this.#measure.data;
    if (!data) return null;
    const v = data.values.get(pcode);
    const cls = this.choropleth?.classOf.get(pcode);
    let value = t.noData;
    let detail = '';
    if (v !== undefined) {
      value = formatValue(v, data.unit, lang, { yes: t.yes, no: t.no });
      if (data.kind === 'index') {
        const s = data.scores?.get(pcode);
        const label = s?.class ? data.classes?.labels[s.class - 1]?.[lang] : undefined;
        value = `${value} / 10${label ? ` · ${label}` : ''}`;
        if (s?.rank)
          detail = `${t.rank}: ${formatNumber(s.rank, lang, 0)} ${t.rankOf} ${formatNumber(data.ranked, lang, 0)}`;
      } else {
        detail = `${t.period}: ${formatPeriod(data.period, lang)}`;
      }
    }
    return {
      measure: this.#measure.meta?.name[lang] ?? '',
      value,
      detail,
      swatch: cls !== undefined ? (this.choropleth?.colours[cls] ?? null) : NO_DATA_COLOUR,
    };
  }

  legend(lang: Lang): MapLegend | null {
    const c = this.choropleth;
    const meta = this.#measure.meta;
    const data = this.#measure.data;
    if (!c || !meta || !data) return null;
    const t = MESSAGES[lang];
    const fmt = (x: number) => formatValue(x, data.unit, lang, { compact: true, yes: t.yes, no: t.no });
    return {
      title: meta.name[lang],
      subtitle: data.period ? `${t.period}: ${formatPeriod(data.period, lang)}` : '',
      entries: [
        ...c.classification.bins.map((b, i) => ({
          colour: c.colours[i]!,
          label: b.lower === b.upper ? fmt(b.lower) : `${fmt(b.lower)} – ${fmt(b.upper)}`,
        })),
        { colour: NO_DATA_COLOUR, label: t.noData },
      ],
      sources: [],
    };
  }
}
