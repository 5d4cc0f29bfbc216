import {
  type DownloadedFile,
  type ExportFormat,
  type TargetApi,
  type TargetingRequest,
  type TargetingResult,
} from '../../api/target.ts';
import { LatestLoad } from '../latest-load.svelte.ts';
import type { LoadError, LoadStatus } from '../load-status.ts';

/**
 * The shortlist: the exact optimum the server finds for one request (POST /api/targeting, HiGHS), and the
 * files it makes of the same request. A newer run cancels an older one still solving.
 */
export class ShortlistState {
  result = $state.raw<TargetingResult | null>(null);
  /** The request `result` answers: what the exports send again. */
  request = $state.raw<TargetingRequest | null>(null);
  /** The settings (weights, filters, cost…) the result was found for, to tell when it is out of date. */
  settingsKey = $state<string | null>(null);

  readonly pcodes: ReadonlySet<string> = $derived(new Set(this.result?.selected.map((s) => s.pcode) ?? []));

  readonly #api: TargetApi;
  readonly #run = new LatestLoad();
  /** A download: a newer one (another format) cancels it. */
  readonly #export = new LatestLoad();
  #exportFormat = $state<ExportFormat | null>(null);

  constructor(api: TargetApi) {
    this.#api = api;
  }

  get status(): LoadStatus {
    return this.#run.status;
  }
  get error(): LoadError | null {
    return this.#run.error;
  }
  /** The format of the file being made, while it is. */
  get exporting(): ExportFormat | null {
    return this.#export.status === 'loading' ? this.#exportFormat : null;
  }
  get exportError(): LoadError | null {
    return this.#export.error;
  }

  /** Finds the shortlist for `request`; `settingsKey` is kept with the result. */
  async run(request: TargetingRequest, settingsKey: string): Promise<void> {
    await this.#run.run(
      (signal) => this.#api.target(request, signal),
      (result) => {
        this.result = result;
        this.request = request;
        this.settingsKey = settingsKey;
        this.#export.error = null;
      },
    );
  }

  /** A failure before the request could be sent (saving the weights as a scenario, say). */
  fail(err: unknown): void {
    this.#run.fail(err);
  }

  /** The server's file of the current shortlist, or null when there is none or the download failed. */
  async download(format: ExportFormat): Promise<DownloadedFile | null> {
    const request = this.request;
    if (!request) return null;
    this.#exportFormat = format;
    let file: DownloadedFile | null = null;
    await this.#export.run(
      (signal) => this.#api.exportShortlist(request, format, signal),
      (f) => (file = f),
    );
    return file;
  }

  clear(): void {
    this.#run.clear();
    this.result = null;
    this.request = null;
    this.settingsKey = null;
  }

  dispose(): void {
    this.#run.abort();
    this.#export.abort();
  }
}
