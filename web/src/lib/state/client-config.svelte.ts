import type { StyleSpecification } from 'maplibre-gl';
import { fetchBasemapStyle } from '../api/basemap-style.ts';
import { fetchClientConfig, type ClientConfig } from '../api/client-config.ts';
import type { Fetch } from '../api/client.ts';
import { KeyedLoad } from './keyed-load.svelte.ts';

/**
 * The installation's settings for the client, loaded once: whether an online basemap is configured (and
 * whether the user has it on), and when the data was last imported. A failure leaves the defaults — no
 * basemap, freshness unknown — because the map works without either. The basemap's style is fetched here
 * too, so that the basemap layer only draws it.
 */
export class ClientConfigState {
  /** The user's choice; the basemap shows only when one is configured and this is on. */
  basemapOn = $state(true);

  readonly basemap = $derived(this.basemapOn ? (this.config?.basemap ?? null) : null);

  readonly #fetch: Fetch | undefined;
  readonly #config = new KeyedLoad<ClientConfig>();
  readonly #style = new KeyedLoad<StyleSpecification>();
  /** The style came but the map refused it. */
  #drawFailed = $state(false);

  get config(): ClientConfig | null {
    return this.#config.data;
  }
  /** The basemap's style, once fetched; null while it loads, when it is off and when it failed. */
  get basemapStyle(): StyleSpecification | null {
    return this.#style.data;
  }
  /** The basemap could not be fetched or drawn (the footer says so; turning it off and on tries again). */
  get basemapFailed(): boolean {
    return this.#style.status === 'error' || this.#drawFailed;
  }

  constructor(fetchFn?: Fetch) {
    this.#fetch = fetchFn;
  }

  load(): Promise<void> {
    return this.#config.load('config', (signal) => fetchClientConfig(this.#fetch, signal));
  }

  /** Fetches the style of the basemap shown (`basemap`), or drops it when there is none. */
  loadBasemapStyle(): Promise<void> {
    const url = this.basemap?.styleUrl ?? null;
    return this.#style.load(url, (signal) => fetchBasemapStyle(url!, this.#fetch, signal));
  }

  setBasemapOn(on: boolean): void {
    this.basemapOn = on;
    this.#drawFailed = false;
  }

  /** The map could not draw the style: the plain map stays, and the footer says why the basemap is missing. */
  basemapDrawFailed(): void {
    this.#drawFailed = true;
  }

  dispose(): void {
    this.#config.abort();
    this.#style.abort();
  }
}
