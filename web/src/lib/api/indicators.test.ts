import { describe, expect, it } from 'vitest';
import { createHttp } from './http.ts';
import { createApi } from './index.ts';

const json = (body: unknown) =>
  new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });

const UNITS_URL = '/api/indicators/units?level=hromada&v=abc';

describe('indicatorValues', () => {
  it('fetches the positional values and the unit list once for every indicator that shares it', async () => {
    const seen: string[] = [];
    const fetchFn = async (url: string) => {
      seen.push(url);
      if (url.startsWith('/api/indicators/units')) {
        return json({ level: 'hromada', version: 'abc', units: ['UA01', 'UA02', 'UA03'] });
      }
      const id = /indicators\/(\w+)\/values/.exec(url)![1];
      return json({
        indicatorId: id,
        period: '2022',
        unit: 'persons',
        level: 'hromada',
        unitsUrl: UNITS_URL,
        values: id === 'a' ? [1, null, 0] : [null, 2.5, 3],
      });
    };
    const api = createApi(createHttp(fetchFn));
    const a = await api.indicatorValues('a', undefined);
    const b = await api.indicatorValues('b', '2022');
    expect(a).toEqual({
      indicatorId: 'a',
      period: '2022',
      unit: 'persons',
      units: ['UA01', 'UA02', 'UA03'],
      values: [1, null, 0],
    });
    expect(b.values).toEqual([null, 2.5, 3]);
    expect(seen).toEqual([
      '/api/indicators/a/values?level=hromada&format=columns',
      UNITS_URL,
      '/api/indicators/b/values?period=2022&level=hromada&format=columns',
    ]);
  });

  it('refuses values that do not fit the unit list, and fetches a failed list again', async () => {
    let listCalls = 0;
    const fetchFn = async (url: string) => {
      if (url.startsWith('/api/indicators/units')) {
        listCalls++;
        if (listCalls === 1) return new Response('busy', { status: 503 });
        return json({ level: 'hromada', version: 'abc', units: ['UA01'] });
      }
      return json({ indicatorId: 'a', period: '2022', unit: 'x', unitsUrl: UNITS_URL, values: [1, 2] });
    };
    const api = createApi(createHttp(fetchFn));
    await expect(api.indicatorValues('a', undefined)).rejects.toMatchObject({ status: 503 });
    await expect(api.indicatorValues('a', undefined)).rejects.toThrow('2 values for 1 units');
    expect(listCalls).toBe(2);
  });
});
