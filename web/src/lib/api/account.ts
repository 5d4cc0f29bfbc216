import type { components } from './generated/schema';
import { errorOf, failureOf, WriteError } from './errors.ts';
import { dataOf, type Fetch, type Http } from './http.ts';

// Accounts (issue #6, docs/accounts.md "What the web client calls"): who is signed in, sign-in and sign-out,
// and the session's X-CSRF-Token, which the one client (http.ts) adds to every write. The session itself is
// the httpOnly `atlas_session` cookie, sent by the browser on same-origin requests.

export { fieldErrors, WriteError, type IndexError, type RowError } from './errors.ts';

type Signal = AbortSignal | undefined;

export type Me = components['schemas']['Me'];
export type Role = Me['role'];
/** GET /api/auth/me. */
export type MeView = components['schemas']['MeView'];
/** POST /api/auth/login. */
export type SessionView = components['schemas']['Session'];

/**
 * Sends a write: a string or Blob body as text/csv, anything else as JSON; with the CSRF token when there is one.
 * For what openapi-fetch cannot send as it is: a file's bytes (a Blob it would serialise as JSON), which the
 * server must decode itself (issue #11 item 5: a Windows-1251 file read as text in the browser was garbled).
 */
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
      throw failureOf(err, path, true);
    }
    if (!res.ok) throw await errorOf(res, path, true);
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
  /** Where writes read the CSRF token from. */
  useCsrf(csrf: () => string | null): void;
}

export function createAccountApi(http: Http): AccountApi {
  const { api } = http;
  return {
    me: (signal) => dataOf(api.GET('/auth/me', { signal })),
    login: (email, password) => dataOf(api.POST('/auth/login', { body: { email, password } })),
    logout: async () => {
      await dataOf(api.POST('/auth/logout'));
    },
    send: createSender(http.fetchFn, http.base, () => http.csrf()),
    useCsrf: (fn) => http.useCsrf(fn),
  };
}
