import type { TargetApi } from '../api/target.ts';
import type { Lang } from '../i18n/messages.ts';
import type { Choropleth } from '../map/choropleth.ts';
import type { HoverLine, MapLegend, MapMode } from '../map/map-mode.ts';
import type { CatalogueState } from './catalogue.svelte.ts';
import type { GeometryState } from './geometry.svelte.ts';
import type { LoadStatus } from './load-status.ts';
import type { ViewState } from './view.svelte.ts';

export interface TargetDeps {
  api: TargetApi;
  view: ViewState;
  catalogue: CatalogueState;
  geometry: GeometryState;
  /** The page's query string at start: the keys this view owns are read from it. */
  search: string;
}

/** The target view's state (issue #4). */
export class TargetState implements MapMode {
  status = $state<LoadStatus>('idle');
  readonly choropleth: Choropleth | null = null;
  /** The URL keys this view owns, with their values (defaults left out). */
  readonly query: Record<string, string> = {};

  constructor(deps: TargetDeps) {
    void deps;
  }

  /** Called each time the view becomes active; loads what it needs once. */
  async activate(): Promise<void> {}

  describe(pcode: string, lang: Lang): HoverLine | null {
    void pcode;
    void lang;
    return null;
  }

  legend(lang: Lang): MapLegend | null {
    void lang;
    return null;
  }

  dispose(): void {}
}
