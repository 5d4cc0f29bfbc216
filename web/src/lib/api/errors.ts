import type { components } from './generated/schema';

/** The API's error body (one shape for every error, server/shared/openapi.ts). */
export type ApiErrorBody = components['schemas']['Error'];

/**
 * What an ApiError's code can be: the closed list the API publishes (issue #7), or what the client itself
 * saw — NETWORK (no answer, status 0), BAD_JSON (an answer that is not JSON), HTTP_<status> (an error
 * answer without the API's error body, e.g. from a proxy).
 */
export type ApiErrorCode = components['schemas']['ErrorCode'] | 'NETWORK' | 'BAD_JSON' | `HTTP_${number}`;

/** A failed API call: an HTTP error with the API's code and message, or a network failure (status 0). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
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

/** One bad site of a list (`POST /api/programmes/{code}/sites`, 422): its index in the list sent. */
export interface IndexError {
  index: number;
  pcode: string;
  message: string;
}

/** One problem of an upload: the row as a spreadsheet numbers it and the column's HXL hashtag. */
export type RowError = components['schemas']['ImportRowError'];

/**
 * A refused write, with the parts of the API's error body the UI shows beside a field, a code or a row:
 * `fields` from the validation message ("body parameter title: …"), `items` from a 422's per-index
 * `details`, `rows` from an upload's `details.errors`, `lockedUntil` from a 429 sign-in.
 */
export class WriteError extends ApiError {
  readonly fields: Record<string, string>;
  readonly items: IndexError[];
  readonly rows: RowError[];
  readonly lockedUntil: string | null;

  constructor(
    status: number,
    code: ApiErrorCode,
    message: string,
    path: string,
    requestId?: string,
    details?: unknown,
  ) {
    super(status, code, message, path, requestId);
    this.fields = fieldErrors(message);
    this.items = Array.isArray(details) ? details.filter(isIndexError) : [];
    const errors = (details as { errors?: unknown } | undefined)?.errors;
    this.rows = Array.isArray(errors) ? errors.filter(isRowError) : [];
    const until = (details as { lockedUntil?: unknown } | undefined)?.lockedUntil;
    this.lockedUntil = typeof until === 'string' ? until : null;
  }
}

const isIndexError = (d: unknown): d is IndexError =>
  typeof d === 'object' && d !== null && typeof (d as IndexError).index === 'number';
const isRowError = (d: unknown): d is RowError =>
  typeof d === 'object' && d !== null && typeof (d as RowError).row === 'number';

/**
 * The field of each "body parameter <path>: <message>" of a validation answer (server/shared/openapi.ts
 * joins them with "; "), keyed by the first part of the path (`scores.cohesion_trust` → both keys).
 */
export function fieldErrors(message: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of message.matchAll(/(?:body|query) parameter ([\w.[\]]+): ([^;]+)/g)) {
    const path = m[1]!;
    const text = m[2]!.trim();
    out[path] ??= text;
    const head = path.split('.')[0]!;
    out[head] ??= text;
  }
  return out;
}

/**
 * The error an error answer stands for: the API's own code, message and details when the body is its error
 * shape, else HTTP_<status> and the status text. A read rejects with an ApiError, a write with a WriteError
 * (whose parts the forms show).
 */
export async function errorOf(res: Response, path: string, write: boolean): Promise<ApiError> {
  let e: Partial<ApiErrorBody['error']> | undefined;
  try {
    e = ((await res.json()) as Partial<ApiErrorBody>).error;
  } catch {
    e = undefined;
  }
  const code = e?.code ?? `HTTP_${res.status}`;
  const message = e?.message ?? (res.statusText || `HTTP ${res.status}`);
  return write
    ? new WriteError(res.status, code, message, path, e?.requestId, e?.details)
    : new ApiError(res.status, code, message, path, e?.requestId);
}

/** The error a failed fetch stands for: the AbortError as it is, anything else a network failure (status 0). */
export function failureOf(err: unknown, path: string, write: boolean): unknown {
  if (isAbort(err)) return err;
  const message = err instanceof Error ? err.message : String(err);
  return write ? new WriteError(0, 'NETWORK', message, path) : new ApiError(0, 'NETWORK', message, path);
}
