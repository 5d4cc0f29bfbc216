// The whole view in the URL's query string, so that a shared link reopens the same map (issue #4):
//   ?v=explore&m=index:cpi&c=quantile&pal=ylorrd&p=2023&sel=UA6312027&ob=UA63&lang=en&at=6.2/48.51/31.2
// Defaults are left out, so the plain address is the default view. Unknown or malformed values fall back to
// the default rather than failing: an old or hand-edited link still opens a map.
// The Coverage and Target views keep their own keys (coverage-params.ts, target-params.ts); the keys read here
// are v, m, p, c, pal, sel, ob, lang and at, and the Explore view's m2 (second measure of a bivariate map),
// hs (hotspot layer), occ (occupied-area snapshot), asof (the date indices are scored at) and lbl (place names); no other module may use them.

import { CLASS_METHODS, type ClassMethod } from '../map/classify.ts';
import type { Camera } from '../map/camera.ts';
import { PALETTE_IDS, type PaletteId } from '../map/palettes.ts';
import { LANGS, type Lang } from '../i18n/messages.ts';

/** `index:<model id>` or `indicator:<indicator id>`. */
export type MeasureKey = `index:${string}` | `indicator:${string}`;

/** The hotspot statistics the API computes (server/model/spatial.ts): local Moran's I or Getis-Ord Gi*. */
export type HotspotMethod = 'lisa' | 'gi';
export const HOTSPOT_METHODS: readonly HotspotMethod[] = ['lisa', 'gi'];

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
  /** Explore: a second measure makes the map a 3×3 bivariate one; null = one measure. */
  measure2: MeasureKey | null;
  /** Explore: hotspot outlines of the index on the map; null = none. */
  hotspots: HotspotMethod | null;
  /** Explore: the date of the occupied-area snapshot drawn over the map; null = none. */
  occupied: string | null;
  /** Place names on the map (on by default). */
  labels: boolean;
  /**
   * The confidence (0–1) a hromada needs to be ranked and classed (server/model/comparability.ts, issue #14);
   * null = the model's own minForRanking.
   */
  minConfidence: number | null;
  /** Hromadas whose score's confidence is below this (0–1) are not drawn; 0 = all drawn. */
  hideBelow: number;
  /** The date the indices are scored at (API asOf, issue #14 item 5); null = now (the newest values). */
  asOf: string | null;
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
  measure2: null,
  hotspots: null,
  occupied: null,
  labels: true,
  minConfidence: null,
  hideBelow: 0,
  asOf: null,
});

const MEASURE_RE = /^(index|indicator):[a-z][a-z0-9_]{0,63}$/;
const PERIOD_RE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const HROMADA_RE = /^UA\d{7}$/;
const OBLAST_RE = /^UA\d{2}$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

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

/** A whole percentage 0–100 in the URL as a share 0–1; anything else is null. */
function parseShare(s: string | null): number | null {
  if (s === null || !/^\d{1,3}$/.test(s)) return null;
  const n = Number(s);
  return n <= 100 ? n / 100 : null;
}

/** A calendar day YYYY-MM-DD (2024-02-30 is not one); anything else is null. */
function parseDay(s: string | null): string | null {
  if (!s || !DATE_RE.test(s)) return null;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s ? s : null;
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
  const measure = parseMeasure(q.get('m')) ?? DEFAULT_VIEW.measure;
  const measure2 = parseMeasure(q.get('m2'));
  const hotspots = q.get('hs');
  const occupied = q.get('occ');
  return {
    tab: TABS.includes(tab as Tab) ? (tab as Tab) : DEFAULT_VIEW.tab,
    measure,
    period: period && PERIOD_RE.test(period) ? period : null,
    method: CLASS_METHODS.includes(method as ClassMethod) ? (method as ClassMethod) : DEFAULT_VIEW.method,
    palette: PALETTE_IDS.includes(palette as PaletteId) ? (palette as PaletteId) : null,
    selected: sel && HROMADA_RE.test(sel) ? sel : null,
    oblast: ob && OBLAST_RE.test(ob) ? ob : null,
    lang: LANGS.includes(lang as Lang) ? (lang as Lang) : DEFAULT_VIEW.lang,
    camera: parseCamera(q.get('at')),
    // A measure against itself says nothing a single map does not.
    measure2: measure2 !== measure ? measure2 : null,
    hotspots: HOTSPOT_METHODS.includes(hotspots as HotspotMethod) ? (hotspots as HotspotMethod) : null,
    occupied: occupied && DATE_RE.test(occupied) ? occupied : null,
    labels: q.get('lbl') !== '0',
    minConfidence: parseShare(q.get('mc')),
    hideBelow: parseShare(q.get('hide')) ?? 0,
    asOf: parseDay(q.get('asof')),
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
  if (v.measure2) q.set('m2', v.measure2);
  if (v.hotspots) q.set('hs', v.hotspots);
  if (v.occupied) q.set('occ', v.occupied);
  if (!v.labels) q.set('lbl', '0');
  if (v.minConfidence !== null) q.set('mc', String(Math.round(v.minConfidence * 100)));
  if (v.hideBelow > 0) q.set('hide', String(Math.round(v.hideBelow * 100)));
  if (v.asOf) q.set('asof', v.asOf);
  const s = q.toString().replace(/%3A/g, ':').replace(/%2F/g, '/');
  return s ? `?${s}` : '';
}
