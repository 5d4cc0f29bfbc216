import { ApiError, type ApiErrorCode } from '../api/index.ts';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

/** What went wrong, for a person: the API's own message, or that the server could not be reached. */
export interface LoadError {
  /** true when the server did not answer at all (network), so "check the connection" is the advice. */
  network: boolean;
  message: string;
  status: number;
  /** The API's closed error code (or the client's own: NETWORK, BAD_JSON, HTTP_<status>), when known. */
  code?: ApiErrorCode;
}

export function toLoadError(err: unknown): LoadError {
  if (err instanceof ApiError)
    return { network: err.status === 0, message: err.message, status: err.status, code: err.code };
  return { network: false, message: err instanceof Error ? err.message : String(err), status: 0 };
}
