import type { ApiErrorBody } from './types.ts';

/** A failed API call: an HTTP error with the API's code and message, or a network failure (status 0). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly path: string,
    readonly requestId?: string,
  ) {
    super(message);
  }
}

/** True for the error an aborted request rejects with: the caller moved on, nothing to report. */
export function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export interface RequestOptions {
  signal?: AbortSignal | undefined;
  query?: Record<string, string | number | undefined>;
}

/**
 * GETs `base + path` as JSON. Rejects with ApiError on an HTTP error (the API's own code and message when
 * the body is its error shape) or a network failure, and with the AbortError when `signal` aborts.
 */
export async function getJson<T>(
  fetchFn: Fetch,
  base: string,
  path: string,
  opts: RequestOptions = {},
): Promise<T> {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined) params.set(k, String(v));
  const qs = params.size > 0 ? `?${params.toString()}` : '';
  let res: Response;
  try {
    res = await fetchFn(`${base}${path}${qs}`, {
      signal: opts.signal,
      headers: { Accept: 'application/json' },
    });
  } catch (err) {
    if (isAbort(err)) throw err;
    throw new ApiError(0, 'NETWORK', err instanceof Error ? err.message : String(err), path);
  }
  if (!res.ok) {
    let body: Partial<ApiErrorBody> | undefined;
    try {
      body = (await res.json()) as Partial<ApiErrorBody>;
    } catch {
      body = undefined;
    }
    const e = body?.error;
    throw new ApiError(
      res.status,
      e?.code ?? `HTTP_${res.status}`,
      e?.message ?? (res.statusText || `HTTP ${res.status}`),
      path,
      e?.requestId,
    );
  }
  try {
    return (await res.json()) as T;
  } catch (err) {
    if (isAbort(err)) throw err;
    throw new ApiError(res.status, 'BAD_JSON', 'the response is not valid JSON', path);
  }
}
