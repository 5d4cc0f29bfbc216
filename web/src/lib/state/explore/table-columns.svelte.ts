import type { AtlasApi } from '../../api/index.ts';
import type { CatalogueState } from '../catalogue.svelte.ts';
import type { MeasureKey } from '../view-params.ts';
import type { ViewState } from '../view.svelte.ts';
import { MeasureState } from './measure.svelte.ts';

/** At most this many indicators beside the measure: the table must still fit beside the map. */
export const MAX_TABLE_COLUMNS = 3;

/**
 * The indicators an analyst adds as columns to the Explore table (issue #14 item 4: "hromadas × the shown
 * measure and chosen indicators"), each its own MeasureState at its latest period, so that its values, unit,
 * period and source come from where the map's come from.
 */
export class TableColumnsState {
  readonly #api: AtlasApi;
  readonly #view: ViewState;
  readonly #catalogue: CatalogueState;
  columns = $state<{ key: MeasureKey; measure: MeasureState }[]>([]);

  constructor(api: AtlasApi, view: ViewState, catalogue: CatalogueState) {
    this.#api = api;
    this.#view = view;
    this.#catalogue = catalogue;
  }

  /** Adds `key` as a column and loads its values; a key already shown, or one over the limit, is ignored. */
  add(key: MeasureKey): void {
    if (this.columns.some((c) => c.key === key) || this.columns.length >= MAX_TABLE_COLUMNS) return;
    const measure = new MeasureState(this.#api, this.#view, this.#catalogue, () => key);
    this.columns = [...this.columns, { key, measure }];
    void measure.load(key, null);
  }

  remove(key: MeasureKey): void {
    const c = this.columns.find((x) => x.key === key);
    c?.measure.dispose();
    this.columns = this.columns.filter((x) => x.key !== key);
  }

  dispose(): void {
    for (const c of this.columns) c.measure.dispose();
  }
}
