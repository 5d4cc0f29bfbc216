import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { ApiError, errorOf, failureOf } from './errors.ts';
import type { paths } from './generated/schema';

// The one way the client talks to the API (issue #12): an openapi-fetch client typed by the API's own
// document (generated/schema.d.ts, `npm run api:types`), so that a path, a parameter or an answer the
// server does not have is a type error here, not a bug in the browser.

/** The transport: the browser's fetch, or a fake in tests. Called with the URL as `base` + /api + path. */
export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export interface Http {
  /** Paths as the document names them, below /api: `http.api.GET('/units/{pcode}', …)`. */
  api: Client<paths, 'application/json'>;
  /** The same client, typed by the GeoJSON answers (the occupied areas are served as application/geo+json). */
  geo: Client<paths, 'application/geo+json'>;
  /** The transport and base the client was made with, for what openapi-fetch cannot send (see account.ts). */
  fetchFn: Fetch;
  base: string;
  /** The session's CSRF token, sent with every write (issue #6); null when there is none. */
  csrf(): string | null;
  /** Where writes read the CSRF token from (the session state sets it). */
  useCsrf(csrf: () => string | null): void;
}

// openapi-fetch builds a Request, which needs an absolute URL outside a browser (tests run in Node) — so the
// client works at a placeholder origin, and the transport is called with the URL the caller's base gives,
// as plain `fetch(url, init)`, so that main.ts passes the browser's fetch and tests a plain function.
const PLACEHOLDER = 'http://atlas.invalid';

const isWrite = (method: string) => method !== 'GET' && method !== 'HEAD';

/** One typed client over `fetchFn` (the browser's fetch by default) at `base` (same origin by default). */
export function createHttp(fetchFn: Fetch = (input, init) => fetch(input, init), base = ''): Http {
  const root = `${base}/api`;
  const absolute = new URL(root, PLACEHOLDER).href;
  let csrf: () => string | null = () => null;
  const path = (request: Request) => new URL(request.url).pathname;

  // Typed by the JSON answers: the client asks for JSON (a file download says parseAs: 'blob').
  const api = createClient<paths, 'application/json'>({
    baseUrl: absolute,
    headers: { Accept: 'application/json' },
    fetch: async (request) => {
      // As fetch itself does: a caller that aborted while the request was being built gets its AbortError.
      request.signal.throwIfAborted();
      const write = isWrite(request.method);
      const headers = Object.fromEntries(request.headers);
      return fetchFn(root + request.url.slice(absolute.length), {
        method: request.method,
        headers,
        // The body as the text openapi-fetch serialised (JSON): a fake sees what the server would.
        body: write ? (await request.text()) || undefined : undefined,
        signal: request.signal,
        credentials: 'same-origin',
      });
    },
  });

  // Every write carries the session's CSRF token (issue #6: a cookie-session write without it is refused).
  const session: Middleware = {
    onRequest({ request }) {
      const token = csrf();
      if (isWrite(request.method) && token) request.headers.set('X-CSRF-Token', token);
      return undefined;
    },
  };
  // Every failure rejects: an error answer as ApiError (WriteError for a write) with the API's code, a failed
  // fetch as NETWORK (status 0), an abort as the AbortError itself — so a method's data is always its answer.
  const errors: Middleware = {
    async onResponse({ request, response }) {
      if (!response.ok) throw await errorOf(response, path(request), isWrite(request.method));
      return undefined;
    },
    onError({ request, error }) {
      const failure = failureOf(error, path(request), isWrite(request.method));
      return failure instanceof Error ? failure : undefined;
    },
  };
  api.use(session, errors);

  return {
    api,
    // One client: openapi-fetch picks the answer's type by a media type given per client, not per call.
    geo: api as unknown as Client<paths, 'application/geo+json'>,
    fetchFn,
    base,
    csrf: () => csrf(),
    useCsrf: (fn) => {
      csrf = fn;
    },
  };
}

/**
 * The data of a call that succeeded (the middleware above rejects on any error answer); an answer that is
 * not JSON rejects as BAD_JSON, as before.
 */
export async function dataOf<T>(call: Promise<{ data?: T; response: Response }>): Promise<T> {
  try {
    return (await call).data as T;
  } catch (err) {
    if (err instanceof SyntaxError) throw new ApiError(200, 'BAD_JSON', 'the response is not valid JSON', '');
    throw err;
  }
}
