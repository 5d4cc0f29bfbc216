// What a view (Explore, Coverage, Target) gives the shared map: the colours of the hromada fill, a line for
// the hover tooltip, and a legend for the PNG export. The map and its geometry are shared by the views, so
// switching views only rewrites feature-state and the fill colours (issue #4: geometry loads once).

import type { Lang } from '../i18n/messages.ts';
import type { Choropleth } from './choropleth.ts';

/** What the tooltip says about one hromada under the active view. */
export interface HoverLine {
  /** The measure's name, e.g. "Coverage gap". */
  measure: string;
  /** The value as shown, with its unit. */
  value: string;
  /** A second line (rank, period, programmes…); '' for none. */
  detail: string;
  /** The hromada's fill colour, for the swatch; null when it has none. */
  swatch: string | null;
}

/** One entry of a legend: a colour and what it stands for. */
export interface LegendEntry {
  colour: string;
  label: string;
  /** How the swatch is drawn: a filled box (the default), an outline, a dashed outline, or a hatched box. */
  swatch?: 'fill' | 'line' | 'dashed' | 'hatch';
  /** The swatch's opacity when the map draws these units faded (FADED_OPACITY); absent = opaque. */
  opacity?: number;
  /** How many units the entry counts, when it is not one of the classification's bins. */
  count?: number;
}

/** A layer drawn over the fill (hot spots, the occupied area), with its own entries and explanation. */
export interface LegendOverlay {
  title: string;
  entries: LegendEntry[];
  /** One short line: method, date, significance level; '' for none. */
  note: string;
}

/** A legend that can be drawn outside the DOM (on the exported PNG). */
export interface MapLegend {
  title: string;
  /** Period, unit, method: one short line; '' for none. */
  subtitle: string;
  entries: LegendEntry[];
  /** For a bivariate map: the 3×3 grid, rows from low to high of the second measure. */
  grid?: {
    colours: string[][];
    xLabel: string;
    yLabel: string;
    /** The first measure's class ranges, low to high (columns). */
    xTicks?: string[];
    /** The second measure's class ranges, low to high (rows). */
    yTicks?: string[];
  };
  /** Layers over the fill, in drawing order. */
  overlays?: LegendOverlay[];
  /** Source names, periods and licences, in one line each. */
  sources: string[];
}

export interface MapMode {
  /** The hromada fill; null draws every hromada as "no data". */
  readonly choropleth: Choropleth | null;
  /** The tooltip line for one hromada, or null to show only its name. */
  describe(pcode: string, lang: Lang): HoverLine | null;
  /** The legend for the PNG export (null while loading). */
  legend(lang: Lang): MapLegend | null;
}
