// The whole view in the URL's query string, so that a shared link reopens the same map (issue #4):
//   ?v=explore&m=index:cpi&c=quantile&pal=ylorrd&p=2023&sel=UA6312027&ob=UA63&lang=en&at=6.2/48.51/31.2
// Defaults are left out, so the plain address is the default view. Unknown or malformed values fall back to
// the default rather than failing: an old or hand-edited link still opens a map.
// The Coverage and Target views keep their own keys (coverage-params.ts, target-params.ts); the keys read here
// are v, m, p, c, pal, sel, ob, lang and at, and no other module may use them.

import { CLASS_METHODS, type ClassMethod } from '../map/classify.ts';
import { PALETTE_IDS, type PaletteId } from '../map/palettes.ts';
import { LANGS, type Lang } from '../i18n/messages.ts';

/** `index:<model id>` or `indicator:<indicator id>`. */
export type MeasureKey = `index:${string}` | `indicator:${string}`;

export interface Camera {
  lon: number;
  lat: number;
  zoom: number;
}

/** The three views of issue #4: analysts explore, donors see coverage, programme managers target. */
export type Tab = 'explore' | 'coverage' | 'target';
export const TABS: readonly Tab[] = ['explore', 'coverage', 'target'];

export interface ViewParams {
  tab: Tab;
  measure: MeasureKey;
  /** An indicator's period; null = its latest. */
  period: string | null;
  method: ClassMethod;
  /** null = the measure's default palette. */
  palette: PaletteId | null;
  selected: string | null;
  oblast: string | null;
  lang: Lang;
  /** null = fit Ukraine. */
  camera: Camera | null;
}

export const DEFAULT_MEASURE: MeasureKey = 'index:cpi';

export const DEFAULT_VIEW: Readonly<ViewParams> = Object.freeze({
  tab: 'explore',
  measure: DEFAULT_MEASURE,
  period: null,
  method: 'quantile',
  palette: null,
  selected: null,
  oblast: null,
  lang: 'uk',
  camera: null,
});

const MEASURE_RE = /^(index|indicator):[a-z][a-z0-9_]{0,63}$/;
const PERIOD_RE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const HROMADA_RE = /^UA\d{7}$/;
const OBLAST_RE = /^UA\d{2}$/;

export function parseMeasure(s: string | null): MeasureKey | null {
  return s && MEASURE_RE.test(s) ? (s as MeasureKey) : null;
}

export function measureParts(key: MeasureKey): { kind: 'index' | 'indicator'; id: string } {
  const i = key.indexOf(':');
  return { kind: key.slice(0, i) as 'index' | 'indicator', id: key.slice(i + 1) };
}

/** `zoom/lat/lon`, as MapLibre's own hash writes a position. */
export function parseCamera(s: string | null): Camera | null {
  if (!s) return null;
  const parts = s.split('/').map(Number);
  if (parts.length !== 3 || parts.some((n) => !Number.isFinite(n))) return null;
  const [zoom, lat, lon] = parts as [number, number, number];
  if (zoom < 0 || zoom > 22 || Math.abs(lat) > 85 || Math.abs(lon) > 180) return null;
  return { zoom, lat, lon };
}

export function formatCamera(c: Camera): string {
  // Two decimals of zoom and 1e-4° (≈10 m): exact enough to reopen the same map, short enough to share.
  return `${+c.zoom.toFixed(2)}/${+c.lat.toFixed(4)}/${+c.lon.toFixed(4)}`;
}

export function parseViewParams(search: string): ViewParams {
  const q = new URLSearchParams(search);
  const method = q.get('c');
  const palette = q.get('pal');
  const lang = q.get('lang');
  const period = q.get('p');
  const sel = q.get('sel');
  const ob = q.get('ob');
  const tab = q.get('v');
  return {
    tab: TABS.includes(tab as Tab) ? (tab as Tab) : DEFAULT_VIEW.tab,
    measure: parseMeasure(q.get('m')) ?? DEFAULT_VIEW.measure,
    period: period && PERIOD_RE.test(period) ? period : null,
    method: CLASS_METHODS.includes(method as ClassMethod) ? (method as ClassMethod) : DEFAULT_VIEW.method,
    palette: PALETTE_IDS.includes(palette as PaletteId) ? (palette as PaletteId) : null,
    selected: sel && HROMADA_RE.test(sel) ? sel : null,
    oblast: ob && OBLAST_RE.test(ob) ? ob : null,
    lang: LANGS.includes(lang as Lang) ? (lang as Lang) : DEFAULT_VIEW.lang,
    camera: parseCamera(q.get('at')),
  };
}

/** The query string (with its "?", or "" for the default view) that parseViewParams reads back. */
export function formatViewParams(v: ViewParams): string {
  const q = new URLSearchParams();
  if (v.tab !== DEFAULT_VIEW.tab) q.set('v', v.tab);
  if (v.measure !== DEFAULT_VIEW.measure) q.set('m', v.measure);
  if (v.period) q.set('p', v.period);
  if (v.method !== DEFAULT_VIEW.method) q.set('c', v.method);
  if (v.palette) q.set('pal', v.palette);
  if (v.selected) q.set('sel', v.selected);
  if (v.oblast) q.set('ob', v.oblast);
  if (v.lang !== DEFAULT_VIEW.lang) q.set('lang', v.lang);
  if (v.camera) q.set('at', formatCamera(v.camera));
  const s = q.toString().replace(/%3A/g, ':').replace(/%2F/g, '/');
  return s ? `?${s}` : '';
}
