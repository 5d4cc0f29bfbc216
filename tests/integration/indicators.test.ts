import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Indicator, IndicatorValues } from '../../server/features/indicators/indicators.schemas.ts';
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
