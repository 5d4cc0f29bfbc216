import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Indicator,
  IndicatorUnits,
  IndicatorValueColumns,
  IndicatorValues,
} from '../../server/features/indicators/indicators.schemas.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { testDataDir } from '../support/test-data.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

/** The rows of a KSE file that name a hromada (one row of the population file has "NA" for a code). */
async function readCsv(relativePath: string): Promise<Record<string, string>[]> {
  const text = await readFile(path.join(testDataDir(), relativePath), 'utf8');
  const { data } = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: true,
  });
  return data.filter((r) => /^UA\d{17}$/.test(r.hromada_code ?? ''));
}

/** A few rows spread over the file, with a value in `column` (KSE writes NA for missing). */
function sample(rows: Record<string, string>[], column: string): { pcode: string; value: number }[] {
  const usable = rows.filter((r) => r[column] !== undefined && r[column] !== '' && r[column] !== 'NA');
  const picks = [0, Math.floor(usable.length / 3), Math.floor((2 * usable.length) / 3), usable.length - 1];
  return picks.map((i) => ({
    pcode: usable[i]!.hromada_code!.slice(0, 9),
    value: Number(usable[i]![column]),
  }));
}

const values = (id: string, query = '') => t.getJson<IndicatorValues>(`/api/indicators/${id}/values${query}`);

describe('GET /api/indicators', () => {
  let catalogue: Indicator[];
  beforeAll(async () => {
    const res = await t.getJson<Indicator[]>('/api/indicators');
    expect(res.status).toBe(200);
    catalogue = res.body;
  });

  it('lists every indicator of data/indicators.json with its source', async () => {
    const file = JSON.parse(
      await readFile(new URL('../../data/indicators.json', import.meta.url), 'utf8'),
    ) as {
      indicators: { id: string; source: string; unit: string }[];
    };
    expect(catalogue.map((i) => i.id).sort()).toEqual(file.indicators.map((i) => i.id).sort());
    for (const def of file.indicators) {
      const i = catalogue.find((c) => c.id === def.id)!;
      expect(i.unit).toBe(def.unit);
      expect(i.source.id).toBe(def.source);
      expect(i.source.licence.length).toBeGreaterThan(0);
      expect(i.source.attribution.length).toBeGreaterThan(0);
    }
  });

  it('gives each indicator its periods, oldest first, and how many units each covers', async () => {
    for (const i of catalogue) {
      expect(i.periods.length, i.id).toBeGreaterThan(0);
      expect([...i.periods].sort()).toEqual(i.periods);
      expect(i.coverage.map((c) => c.period)).toEqual(i.periods);
      expect(i.coverage.every((c) => Number.isInteger(c.units) && c.units > 0)).toBe(true);
    }
    const population = catalogue.find((i) => i.id === 'population_2022')!;
    expect(population.periods).toEqual(['2022-01-01']);
    const rows = await readCsv('kse-loc-data-hub/ua-pop-2022.csv');
    expect(population.coverage[0]!.units).toBe(
      rows.filter((r) => Number(r.total_population_2022) > 0).length,
    );
  });
});

describe('GET /api/indicators/{id}/values', () => {
  it('matches the population file', async () => {
    const { status, body } = await values('population_2022');
    expect(status).toBe(200);
    expect(body).toMatchObject({ indicatorId: 'population_2022', period: '2022-01-01', unit: 'persons' });
    const rows = await readCsv('kse-loc-data-hub/ua-pop-2022.csv');
    for (const { pcode, value } of sample(rows, 'total_population_2022'))
      expect(body.values[pcode], pcode).toBe(value);
  });

  it('matches the full dataset (distances) and the IDP file (thousands → persons)', async () => {
    const full = await readCsv('kse-loc-data-hub/full_dataset.csv');
    const eu = (await values('distance_to_eu_km')).body;
    for (const { pcode, value } of sample(full, 'distance_to_eu'))
      expect(eu.values[pcode], pcode).toBeCloseTo(value, 9);

    const idpRows = await readCsv('kse-loc-data-hub/vpo_budget.csv');
    const idps = (await values('idps_registered')).body;
    expect(idps.period).toBe('2023-07-25');
    for (const { pcode, value } of sample(idpRows, 'vpo_thsd')) {
      expect(idps.values[pcode], pcode).toBe(Math.round(value * 1000));
    }
  });

  it('defaults to the latest period and takes an earlier one on request', async () => {
    const catalogue = (await t.getJson<Indicator[]>('/api/indicators')).body;
    const budget = catalogue.find((i) => i.id === 'own_revenue_per_capita')!;
    expect(budget.periods.length).toBeGreaterThan(1);
    const latest = await values(budget.id);
    expect(latest.body.period).toBe(budget.periods.at(-1));
    const earliest = await values(budget.id, `?period=${budget.periods[0]}`);
    expect(earliest.status).toBe(200);
    expect(earliest.body.period).toBe(budget.periods[0]);
    expect(Object.keys(earliest.body.values).length).toBe(budget.coverage[0]!.units);
    expect(earliest.body.values).not.toEqual(latest.body.values);
  });

  it('filters by unit level: values are held for hromadas only', async () => {
    const hromadas = await values('occupied_share', '?level=hromada');
    expect(Object.keys(hromadas.body.values).every((p) => /^UA\d{7}$/.test(p))).toBe(true);
    const oblasts = await values('occupied_share', '?level=oblast');
    expect(oblasts.status).toBe(200);
    expect(oblasts.body.values).toEqual({});
  });
});

describe('GET /api/indicators/{id}/values?format=columns and /api/indicators/units', () => {
  const columns = (id: string, query = '') =>
    t.getJson<IndicatorValueColumns>(`/api/indicators/${id}/values?format=columns${query}`);

  it('gives every indicator the keyed numbers, one per unit of the level in the unit list, null where none', async () => {
    const catalogue = (await t.getJson<Indicator[]>('/api/indicators')).body;
    let checked = 0;
    for (const ind of catalogue) {
      for (const period of [ind.periods[0]!, ind.periods.at(-1)!]) {
        const keyed = await values(ind.id, `?period=${period}`);
        const positional = await columns(ind.id, `&period=${period}`);
        expect(positional.status, ind.id).toBe(200);
        const { values: column, unitsUrl, ...meta } = positional.body;
        const { values: byPcode, ...keyedMeta } = keyed.body;
        expect(meta).toEqual({ ...keyedMeta, level: 'hromada' });
        const units = await t.getJson<IndicatorUnits>(unitsUrl);
        expect(units.status).toBe(200);
        expect(units.body.units).toHaveLength(column.length);
        const rebuilt: Record<string, number> = {};
        units.body.units.forEach((pcode, i) => {
          // Exact: the same double, not a rounding of it; missing stays null, never 0.
          if (column[i] !== null) rebuilt[pcode] = column[i]!;
        });
        expect(rebuilt, `${ind.id} ${period}`).toEqual(byPcode);
        expect(column.filter((v) => v !== null)).toHaveLength(Object.keys(byPcode).length);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(catalogue.length);
  });

  it('aligns to every unit of the level by pcode, the list named by a version that makes it immutable', async () => {
    const { body } = await columns('population_2022');
    expect(body.values.some((v) => v === null)).toBe(true);
    expect(body.values.filter((v) => v !== null).every((v) => Number.isInteger(v))).toBe(true);
    const res = await t.app.request(body.unitsUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    const units = (await res.json()) as IndicatorUnits;
    expect(body.unitsUrl).toBe(`/api/indicators/units?level=hromada&v=${units.version}`);
    expect(units.units).toEqual([...units.units].sort());
    expect(new Set(units.units).size).toBe(units.units.length);
    const { total } = (await t.getJson<{ total: number }>('/api/units?level=hromada&limit=1')).body;
    expect(units.units).toHaveLength(total);
    // Without the version (or with an old one) the list must be revalidated.
    const unversioned = await t.app.request('/api/indicators/units?level=hromada');
    expect(unversioned.headers.get('Cache-Control')).toBe('no-cache');
    const oblasts = await t.getJson<IndicatorUnits>('/api/indicators/units?level=oblast');
    expect(oblasts.body.units.every((p) => /^UA\d{2}$/.test(p))).toBe(true);
    expect(oblasts.body.version).not.toBe(units.version);
  });

  it('is compressed once, validated by its ETag, and answers 304 while the data are unchanged', async () => {
    const url = '/api/indicators/population_2022/values?level=hromada&format=columns';
    const first = await t.app.request(url, { headers: { 'Accept-Encoding': 'gzip, deflate, br, zstd' } });
    expect(first.status).toBe(200);
    expect(first.headers.get('Content-Encoding')).toBe('br');
    const etag = first.headers.get('ETag')!;
    expect(etag).toMatch(/^"[\w-]+-br"$/);
    const again = await t.app.request(url, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    const keyed = await t.app.request('/api/indicators/population_2022/values', {
      headers: { 'Accept-Encoding': 'gzip, br' },
    });
    // The positional form drops the pcode of each value: well under the keyed form's bytes.
    const bytes = async (r: Response) => (await r.arrayBuffer()).byteLength;
    expect(await bytes(first)).toBeLessThan(0.8 * (await bytes(keyed)));
  });

  it('answers errors as the keyed form does', async () => {
    expect((await columns('no_such_thing')).status).toBe(404);
    expect((await columns('population_2022', '&period=2019')).status).toBe(404);
    expect((await t.getJson('/api/indicators/population_2022/values?format=csv')).status).toBe(400);
    expect((await t.getJson('/api/indicators/units?level=village')).status).toBe(400);
  });
});
