import { isAbort } from '../api/index.ts';
import { fetchClientConfig, type ClientConfig } from '../api/client-config.ts';
import type { Fetch } from '../api/http.ts';

/**
 * The installation's settings for the client, loaded once: whether an online basemap is configured (and
 * whether the user has it on), and when the data was last imported. A failure leaves the defaults — no
 * basemap, freshness unknown — because the map works without either.
 */
export class ClientConfigState {
  config = $state.raw<ClientConfig | null>(null);
  /** The user's choice; the basemap shows only when one is configured and this is on. */
  basemapOn = $state(true);

  readonly basemap = $derived(this.basemapOn ? (this.config?.basemap ?? null) : null);

  readonly #fetch: Fetch | undefined;
  #controller: AbortController | null = null;

  constructor(fetchFn?: Fetch) {
    this.#fetch = fetchFn;
  }

  async load(): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    try {
      this.config = await fetchClientConfig(this.#fetch, controller.signal);
    } catch (err) {
      if (!isAbort(err)) this.config = null;
    }
  }

  dispose(): void {
    this.#controller?.abort();
  }
}
