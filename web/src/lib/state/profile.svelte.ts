import { isAbort, type AtlasApi, type UnitProfile } from '../api/index.ts';
import { toLoadError, type LoadError, type LoadStatus } from './load-status.ts';

/** The profile of the selected hromada (/api/units/{pcode}): every indicator, neighbours, programmes. */
export class ProfileState {
  status = $state<LoadStatus>('idle');
  error = $state.raw<LoadError | null>(null);
  profile = $state.raw<UnitProfile | null>(null);
  /** The pcode being shown or loaded. */
  pcode = $state<string | null>(null);

  readonly #api: AtlasApi;
  readonly #cache = new Map<string, UnitProfile>();
  #controller: AbortController | null = null;

  constructor(api: AtlasApi) {
    this.#api = api;
  }

  /** Shows `pcode` (null closes the profile); a newer call cancels an older one still in flight. */
  async load(pcode: string | null): Promise<void> {
    if (pcode === this.pcode) return;
    this.#controller?.abort();
    this.#controller = null;
    this.pcode = pcode;
    this.error = null;
    if (pcode === null) {
      this.profile = null;
      this.status = 'idle';
      return;
    }
    const cached = this.#cache.get(pcode);
    if (cached) {
      this.profile = cached;
      this.status = 'ready';
      return;
    }
    const controller = new AbortController();
    this.#controller = controller;
    this.status = 'loading';
    try {
      const profile = await this.#api.unit(pcode, controller.signal);
      if (controller.signal.aborted) return;
      this.#cache.set(pcode, profile);
      this.profile = profile;
      this.status = 'ready';
    } catch (err) {
      if (isAbort(err) || controller.signal.aborted) return;
      this.profile = null;
      this.error = toLoadError(err);
      this.status = 'error';
    }
  }

  /**
   * Forgets every profile loaded so far and reloads the one shown: after an edit (a programme, a site, an
   * assessment) the profile must show the new record and who changed it.
   */
  invalidate(): Promise<void> {
    this.#cache.clear();
    return this.retry();
  }

  /** Loads the same pcode again after an error. */
  retry(): Promise<void> {
    const p = this.pcode;
    this.pcode = null;
    return this.load(p);
  }

  dispose(): void {
    this.#controller?.abort();
  }
}
