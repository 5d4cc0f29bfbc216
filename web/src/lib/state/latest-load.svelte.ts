import { isAbort } from '../api/index.ts';
import { toLoadError, type LoadError, type LoadStatus } from './load-status.ts';

/**
 * Latest wins: a load that a newer one (or `abort()`) replaced while in flight is cancelled and changes
 * nothing; the newest one's status and error say how it went. The pattern every state class that fetches
 * shares (the session, the shortlist, the coverage list and gap, "my programmes", search, and KeyedLoad).
 */
export class LatestLoad {
  status = $state<LoadStatus>('idle');
  error = $state.raw<LoadError | null>(null);

  #controller: AbortController | null = null;

  /**
   * Cancels the load in flight and runs `fetch`; `apply` takes its answer unless it was cancelled meanwhile.
   * `failed` runs beside the error being set (to clear what the error makes wrong).
   */
  async run<T>(
    fetch: (signal: AbortSignal) => Promise<T>,
    apply: (value: T) => void,
    failed?: () => void,
  ): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.status = 'loading';
    this.error = null;
    try {
      const value = await fetch(controller.signal);
      if (controller.signal.aborted) return;
      apply(value);
      this.status = 'ready';
    } catch (err) {
      if (isAbort(err) || controller.signal.aborted) return;
      // A fetch of several parts that failed in one cancels the others still in flight.
      controller.abort();
      failed?.();
      this.error = toLoadError(err);
      this.status = 'error';
    }
  }

  /** A failure before anything could be fetched (saving the weights as a scenario, say). */
  fail(err: unknown): void {
    this.abort();
    this.error = toLoadError(err);
    this.status = 'error';
  }

  /** Back to nothing loaded, cancelling the load in flight. */
  clear(): void {
    this.abort();
    this.status = 'idle';
    this.error = null;
  }

  abort(): void {
    this.#controller?.abort();
  }
}
