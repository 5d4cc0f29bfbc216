import { describe, expect, it } from 'vitest';
import { ApiError, isAbort, WriteError } from './errors.ts';
import { createHttp } from './http.ts';
import { createApi } from './index.ts';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('the typed client', () => {
  it('builds the query string from defined parameters only', async () => {
    const seen: string[] = [];
    const fetchFn = async (url: string) => {
      seen.push(url);
      return json(200, { items: [], total: 0 });
    };
    await createApi(createHttp(fetchFn)).units({ q: "кам'янець", level: 'hromada', limit: 5 });
    expect(seen).toEqual([
      '/api/units?q=%D0%BA%D0%B0%D0%BC%27%D1%8F%D0%BD%D0%B5%D1%86%D1%8C&level=hromada&limit=5',
    ]);
  });

  it('asks for the summary of an index with its rank bands (what the map uses)', async () => {
    const seen: string[] = [];
    const fetchFn = async (url: string) => {
      seen.push(url);
      return json(200, { units: [] });
    };
    await createApi(createHttp(fetchFn)).scores('cpi');
    expect(seen).toEqual(['/api/models/cpi/scores?bands=true&fields=summary']);
  });

  it("rejects with the API's own code and message", async () => {
    const fetchFn = async () =>
      json(404, { error: { code: 'NOT_FOUND', message: 'no unit UA9999999', requestId: 'r1' } });
    const err = await createApi(createHttp(fetchFn))
      .unit('UA9999999')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
      message: 'no unit UA9999999',
      requestId: 'r1',
    });
  });

  it('rejects with the status when the body is not the error shape', async () => {
    const fetchFn = async () =>
      new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' });
    await expect(createApi(createHttp(fetchFn)).indicators()).rejects.toMatchObject({
      status: 502,
      code: 'HTTP_502',
      message: 'Bad Gateway',
    });
  });

  it('turns a network failure into an ApiError with status 0', async () => {
    const fetchFn = async () => {
      throw new TypeError('Failed to fetch');
    };
    await expect(createApi(createHttp(fetchFn)).indicators()).rejects.toMatchObject({
      status: 0,
      code: 'NETWORK',
    });
  });

  it('passes an abort through as an abort', async () => {
    const controller = new AbortController();
    const fetchFn = (_url: string, init?: RequestInit) =>
      new Promise<Response>((_, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    const p = createApi(createHttp(fetchFn)).indicators(controller.signal);
    controller.abort();
    const err = await p.catch((e: unknown) => e);
    expect(isAbort(err)).toBe(true);
  });
});

describe('createApi', () => {
  it('asks for hot spots, the coverage gap and occupied areas where the API serves them', async () => {
    const seen: string[] = [];
    const fetchFn = async (url: string) => {
      seen.push(url);
      return json(200, {});
    };
    const api = createApi(createHttp(fetchFn));
    await api.hotspots('cpi', 'gi');
    await api.coverageGap();
    await api.occupiedAreas();
    await api.occupiedArea('2026-08-22');
    expect(seen).toEqual([
      '/api/models/cpi/hotspots?method=gi',
      '/api/coverage',
      '/api/occupied-areas',
      '/api/occupied-areas/2026-08-22',
    ]);
  });
});

describe('createHttp', () => {
  it("adds the session's CSRF token to writes, not to reads, and rejects a refused write with a WriteError", async () => {
    const seen: { url: string; headers: Record<string, string> }[] = [];
    const http = createHttp(async (url, init) => {
      seen.push({ url, headers: init?.headers as Record<string, string> });
      if (init?.method === 'DELETE')
        return json(403, { error: { code: 'CSRF_FAILED', message: 'no token', requestId: 'r' } });
      return json(200, {});
    });
    http.useCsrf(() => 'csrf-1');
    await http.api.GET('/auth/me');
    const err = await http.api
      .DELETE('/programmes/{code}', { params: { path: { code: 'P 1' } } })
      .catch((e: unknown) => e);
    expect(seen.map((s) => [s.url, s.headers['x-csrf-token']])).toEqual([
      ['/api/auth/me', undefined],
      ['/api/programmes/P%201', 'csrf-1'],
    ]);
    expect(err).toBeInstanceOf(WriteError);
    expect(err).toMatchObject({ status: 403, code: 'CSRF_FAILED', path: '/api/programmes/P%201' });
  });
});
