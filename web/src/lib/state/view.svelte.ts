import type { Camera } from '../map/camera.ts';
import type { ClassMethod } from '../map/classify.ts';
import type { PaletteId } from '../map/palettes.ts';
import type { Lang } from '../i18n/messages.ts';
import {
  DEFAULT_VIEW,
  formatViewParams,
  parseViewParams,
  type HotspotMethod,
  type MeasureKey,
  type Tab,
  type ViewParams,
} from './view-params.ts';

/**
 * What the user is looking at: the measure, its classes and palette, the selected hromada, the oblast
 * filter, the language and the camera. Everything here round-trips through the URL (view-params.ts).
 */
export class ViewState {
  tab = $state<Tab>(DEFAULT_VIEW.tab);
  measure = $state<MeasureKey>(DEFAULT_VIEW.measure);
  period = $state<string | null>(null);
  method = $state<ClassMethod>(DEFAULT_VIEW.method);
  palette = $state<PaletteId | null>(null);
  selected = $state<string | null>(null);
  oblast = $state<string | null>(null);
  lang = $state<Lang>(DEFAULT_VIEW.lang);
  camera = $state.raw<Camera | null>(null);
  measure2 = $state<MeasureKey | null>(null);
  hotspots = $state<HotspotMethod | null>(null);
  occupied = $state<string | null>(null);
  labels = $state(DEFAULT_VIEW.labels);
  minConfidence = $state<number | null>(null);
  hideBelow = $state(0);
  asOf = $state<string | null>(null);

  /** The query string for the current view ("" when everything is default). */
  readonly search = $derived(formatViewParams(this.params()));

  constructor(initial: Partial<ViewParams> = {}) {
    this.assign({ ...DEFAULT_VIEW, ...initial });
  }

  static fromSearch(search: string): ViewState {
    return new ViewState(parseViewParams(search));
  }

  params(): ViewParams {
    return {
      tab: this.tab,
      measure: this.measure,
      period: this.period,
      method: this.method,
      palette: this.palette,
      selected: this.selected,
      oblast: this.oblast,
      lang: this.lang,
      camera: this.camera,
      measure2: this.measure2,
      hotspots: this.hotspots,
      occupied: this.occupied,
      labels: this.labels,
      minConfidence: this.minConfidence,
      hideBelow: this.hideBelow,
      asOf: this.asOf,
    };
  }

  /** Replaces the whole view (e.g. from a URL). */
  assign(p: ViewParams): void {
    this.tab = p.tab;
    this.measure = p.measure;
    this.period = p.period;
    this.method = p.method;
    this.palette = p.palette;
    this.selected = p.selected;
    this.oblast = p.oblast;
    this.lang = p.lang;
    this.camera = p.camera;
    this.measure2 = p.measure2;
    this.hotspots = p.hotspots;
    this.occupied = p.occupied;
    this.labels = p.labels;
    this.minConfidence = p.minConfidence;
    this.hideBelow = p.hideBelow;
    this.asOf = p.asOf;
  }

  /**
   * A new measure starts at its latest period; the model's classes only exist for indices. Made the second
   * measure of a bivariate map, it stops being the second one (a measure against itself says nothing).
   */
  setMeasure(key: MeasureKey): void {
    if (key === this.measure) return;
    this.measure = key;
    this.period = null;
    if (this.method === 'fixed' && !key.startsWith('index:')) this.method = 'quantile';
    if (this.measure2 === key) this.measure2 = null;
  }

  /** The second measure of a bivariate map (null = back to one measure); the first cannot be its own second. */
  setMeasure2(key: MeasureKey | null): void {
    this.measure2 = key === this.measure ? null : key;
  }

  select(pcode: string | null): void {
    this.selected = pcode;
  }

  toggleLang(): void {
    this.lang = this.lang === 'uk' ? 'en' : 'uk';
  }
}
