// Test support: the Explore view's measure over the fake API, with the catalogue loaded, as the measure and
// Explore tests both start from.

import { CatalogueState } from '../state/catalogue.svelte.ts';
import { MeasureState } from '../state/explore/measure.svelte.ts';
import { ViewState } from '../state/view.svelte.ts';
import { fakeApi } from './fake-api.ts';

/** `search`: the page's query string the view starts from. */
export async function measureSetup(search = '') {
  const api = fakeApi();
  const view = ViewState.fromSearch(search);
  const catalogue = new CatalogueState(api);
  await catalogue.load();
  const measure = new MeasureState(api, view, catalogue);
  return { api, view, catalogue, measure };
}
