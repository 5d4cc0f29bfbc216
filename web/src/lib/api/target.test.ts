import { describe, expect, it } from 'vitest';
import { ApiError } from './errors.ts';
import { createHttp } from './http.ts';
import { createTargetApi, fileNameOf, type TargetingRequest } from './target.ts';

const REQUEST: TargetingRequest = {
  priority: 'gap',
  filters: { excludeOccupied: true },
  cost: { type: 'flat', amount: 1000 },
  budget: 5000,
  method: 'exact',
};

function recording(response: () => Response) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const api = createTargetApi(
    createHttp(async (url, init) => {
      calls.push({ url, init });
      return response();
    }, 'http://x'),
  );
  return { api, calls };
}

describe('createTargetApi', () => {
  it('POSTs the targeting request as JSON and reads the result', async () => {
    const { api, calls } = recording(() => Response.json({ selected: [], optimal: true }));
    const r = await api.target(REQUEST);
    expect(r.optimal).toBe(true);
    expect(calls[0]!.url).toBe('http://x/api/targeting');
    expect(calls[0]!.init?.method).toBe('POST');
    expect(JSON.parse(String(calls[0]!.init?.body))).toEqual(REQUEST);
  });

  it('downloads an export under the name the server gives it', async () => {
    const { api, calls } = recording(
      () =>
        new Response('a,b\n#x,#y\n', {
          headers: { 'Content-Disposition': 'attachment; filename="shortlist_2026.csv"' },
        }),
    );
    const file = await api.exportShortlist(REQUEST, 'csv');
    expect(calls[0]!.url).toBe('http://x/api/targeting?format=csv');
    expect(file.filename).toBe('shortlist_2026.csv');
    expect(await file.blob.text()).toBe('a,b\n#x,#y\n');
  });

  it("rejects with the API's own error code and message", async () => {
    const { api } = recording(() =>
      Response.json(
        { error: { code: 'UNPROCESSABLE', message: 'no community passes the filters' } },
        { status: 422 },
      ),
    );
    const err = await api.target(REQUEST).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      status: 422,
      code: 'UNPROCESSABLE',
      message: 'no community passes the filters',
    });
  });

  it('reports a network failure as status 0', async () => {
    const api = createTargetApi(createHttp(() => Promise.reject(new TypeError('Failed to fetch'))));
    await expect(api.saveScenario({ modelId: 'cpi', name: 'x', weights: {} })).rejects.toMatchObject({
      status: 0,
    });
  });

  it('reads the file name of a Content-Disposition header', () => {
    expect(fileNameOf('attachment; filename="a b.xlsx"')).toBe('a b.xlsx');
    expect(fileNameOf(null)).toBeNull();
  });
});
