import { ApiError, getJson, isAbort, type Fetch } from './client.ts';
import type { ApiErrorBody } from './types.ts';

// Accounts (issue #6, docs/accounts.md "What the web client calls"): who is signed in, sign-in and sign-out,
// and the one way the client writes — `sendJson`, which adds the session's X-CSRF-Token. The session itself
// is the httpOnly `atlas_session` cookie, sent by the browser on same-origin requests.

type Signal = AbortSignal | undefined;

export type Role = 'viewer' | 'editor' | 'admin';

export interface Me {
  id: number;
  email: string;
  name: string;
  role: Role;
  /** The organisations whose records this user may change (editors). */
  organisations: { id: number; name: string }[];
}

/** GET /api/auth/me. */
export interface MeView {
  user: Me | null;
  via: 'session' | 'token' | null;
  csrfToken: string | null;
  /** 'login': nothing but sign-in works until the user signs in. */
  readAccess: 'public' | 'login';
}

/** POST /api/auth/login. */
export interface SessionView {
  user: Me;
  csrfToken: string;
  expiresAt: string;
}

/** One bad site of a list (`POST /api/programmes/{code}/sites`, 422): its index in the list sent. */
export interface IndexError {
  index: number;
  pcode: string;
  message: string;
}

/** One problem of an upload: the row as a spreadsheet numbers it and the column's HXL hashtag. */
export interface RowError {
  row: number;
  field: string | null;
  message: string;
}

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
    code: string,
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

/** Sends a write: a string or Blob body as text/csv, anything else as JSON; with the CSRF token when there is one. */
export type SendJson = <T>(
  method: 'POST' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  query?: Record<string, string | undefined>,
) => Promise<T>;

/** A SendJson over `fetchFn` that reads the CSRF token from `csrf()` at each call. */
export function createSender(fetchFn: Fetch, base: string, csrf: () => string | null): SendJson {
  return async <T>(
    method: string,
    path: string,
    body?: unknown,
    query: Record<string, string | undefined> = {},
  ): Promise<T> => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, v);
    const qs = params.size > 0 ? `?${params.toString()}` : '';
    const headers: Record<string, string> = { Accept: 'application/json' };
    const token = csrf();
    if (token) headers['X-CSRF-Token'] = token;
    let payload: string | Blob | undefined;
    if (typeof body === 'string' || body instanceof Blob) {
      payload = body;
      headers['Content-Type'] = 'text/csv';
    } else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['Content-Type'] = 'application/json';
    }
    let res: Response;
    try {
      res = await fetchFn(`${base}${path}${qs}`, {
        method,
        headers,
        body: payload,
        credentials: 'same-origin',
      });
    } catch (err) {
      if (isAbort(err)) throw err;
      throw new WriteError(0, 'NETWORK', err instanceof Error ? err.message : String(err), path);
    }
    if (!res.ok) {
      let e: Partial<ApiErrorBody['error'] & { details: unknown }> | undefined;
      try {
        e = ((await res.json()) as { error?: typeof e }).error;
      } catch {
        e = undefined;
      }
      throw new WriteError(
        res.status,
        e?.code ?? `HTTP_${res.status}`,
        e?.message ?? (res.statusText || `HTTP ${res.status}`),
        path,
        e?.requestId,
        e?.details,
      );
    }
    if (res.status === 204) return undefined as T;
    try {
      return (await res.json()) as T;
    } catch {
      throw new WriteError(res.status, 'BAD_JSON', 'the response is not valid JSON', path);
    }
  };
}

export interface AccountApi {
  me(signal?: Signal): Promise<MeView>;
  login(email: string, password: string): Promise<SessionView>;
  logout(): Promise<void>;
  /** Writes with the token the session state holds (set with `useCsrf`). */
  send: SendJson;
  /** Where `send` reads the CSRF token from. */
  useCsrf(csrf: () => string | null): void;
}

export function createAccountApi(
  fetchFn: Fetch = (input, init) => fetch(input, init),
  base = '',
): AccountApi {
  let csrf: () => string | null = () => null;
  const send = createSender(fetchFn, base, () => csrf());
  return {
    me: (signal) => getJson<MeView>(fetchFn, base, '/api/auth/me', { signal }),
    login: (email, password) => send<SessionView>('POST', '/api/auth/login', { email, password }),
    logout: () => send<void>('POST', '/api/auth/logout'),
    send,
    useCsrf: (fn) => {
      csrf = fn;
    },
  };
}
