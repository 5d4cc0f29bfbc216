import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// The export formats of a scoring run (CSV with HXL, GeoJSON, XLSX) and of the targeting shortlist, read back
// with the tools a user's software would use, and checked against the JSON of the same request.

interface Scores {
  model: { id: string; version: string };
  units: { pcode: string; score: number | null; class: number | null; rank: number | null }[];
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
// A hromada with data and a polygon (Kharkiv oblast), and the first and last units of the matrix.
const PCODE = 'UA6312027';

const round2 = (v: number) => Number(v.toFixed(2));

let t: TestApp;
let json: Scores;
let scoreOf: Map<string, number | null>;
// Issue #11 item 9: every Ukrainian name is a formula in this copy of the database (names come from imported
// boundary files), so the CSV exports below must neutralise them.
const formula = (pcode: string) => `=HYPERLINK("http://x.test/${pcode}","y")`;
beforeAll(async () => {
  t = await createTestApp();
  await t.database.db
    .updateTable('admin_units')
    .set((eb) => ({ name_uk: sql<string>`'=HYPERLINK("http://x.test/' || ${eb.ref('pcode')} || '","y")'` }))
    .execute();
  const res = await t.getJson<Scores>('/api/models/cpi/scores?format=json&bands=false');
  expect(res.status).toBe(200);
  json = res.body;
  scoreOf = new Map(json.units.map((u) => [u.pcode, u.score]));
});
afterAll(async () => {
  await t?.close();
});

/** The pcodes compared cell by cell: a known hromada, the ends of the list and one in every hundred. */
function samplePcodes(): string[] {
  const all = json.units.map((u) => u.pcode);
  return [PCODE, all[0]!, all.at(-1)!, ...all.filter((_, i) => i % 100 === 50)];
}

async function loadWorkbook(res: Response): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await res.arrayBuffer());
  return workbook;
}

describe('GET /api/models/cpi/scores?format=csv', () => {
  it('has a header row, an HXL row and one row per hromada with the JSON scores', async () => {
    const res = await t.app.request('/api/models/cpi/scores?format=csv&bands=false');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="cpi-.+\.csv"/);
    const rows = Papa.parse<string[]>(await res.text(), { skipEmptyLines: true }).data;
    const [header, hxl, ...data] = rows;
    expect(header![0]).toBe('Hromada pcode');
    expect(hxl![0]).toBe('#adm3+code');
    expect(hxl).toHaveLength(header!.length);
    expect(data).toHaveLength(1769);

    const scoreColumn = hxl!.indexOf('#severity+num+cpi');
    expect(scoreColumn).toBeGreaterThan(0);
    const csvScore = new Map(data.map((r) => [r[0]!, r[scoreColumn]!]));
    for (const pcode of samplePcodes()) {
      const expected = scoreOf.get(pcode);
      expect(expected, pcode).not.toBeUndefined();
      // Rounded to 2 decimals as a reader wants them (issue #14, item 10), read back exactly as such.
      expect(csvScore.get(pcode), pcode).toBe(expected === null ? '' : String(round2(expected!)));
    }
    expect(Number(csvScore.get(PCODE))).toBe(round2(scoreOf.get(PCODE)!));
    for (const v of csvScore.values()) expect(v).toMatch(/^(-?\d+(\.\d{1,2})?)?$/);

    // The oblast by name beside its pcode, and the settings that chose the ranks.
    const oblast = hxl!.indexOf('#adm1+name+i_en');
    expect(oblast).toBeGreaterThan(0);
    const kharkiv = data.find((r) => r[0] === PCODE)!;
    expect(kharkiv[oblast]).toMatch(/Kharkiv/);
    expect(data[0]![hxl!.indexOf('#meta+scenario+name')]).toBe('default weights');
    expect(data[0]![hxl!.indexOf('#meta+weights')]).toMatch(/\w+ = \d/);
    expect(data[0]![hxl!.indexOf('#meta+ranked')]).toMatch(/^\d+ hromadas .* confidence ≥ \d+ %$/);

    // OWASP CSV injection: a text cell that starts with "=" gets a leading single quote; numbers stay numbers.
    const nameColumn = hxl!.indexOf('#adm3+name+i_uk');
    for (const row of data) expect(row[nameColumn]).toBe(`'${formula(row[0]!)}`);
  });
});

describe('GET /api/models/cpi/scores?format=geojson', () => {
  it('is a FeatureCollection stamped with the model, one polygon feature per hromada', async () => {
    const res = await t.app.request('/api/models/cpi/scores?format=geojson&bands=false');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/geo+json');
    const collection = (await res.json()) as {
      type: string;
      metadata: { model: { id: string; version: string }; sources: unknown[] };
      features: {
        id: string;
        geometry: { type: string } | null;
        properties: { pcode: string; score: number | null };
      }[];
    };
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.metadata.model).toEqual({ id: 'cpi', version: json.model.version });
    expect(collection.metadata.sources.length).toBeGreaterThan(0);
    expect(collection.features).toHaveLength(1769);

    const feature = collection.features.find((f) => f.id === PCODE)!;
    expect(feature.geometry?.type).toMatch(/^(Multi)?Polygon$/);
    expect(feature.properties.score).toBe(scoreOf.get(PCODE));
    const byPcode = new Map(collection.features.map((f) => [f.properties.pcode, f.properties.score]));
    for (const pcode of samplePcodes()) expect(byPcode.get(pcode), pcode).toBe(scoreOf.get(pcode));
  });
});

describe('GET /api/models/cpi/scores?format=xlsx', () => {
  it('has a data sheet with the HXL row and numbers as numbers, and an about sheet with the stamp', async () => {
    const res = await t.app.request('/api/models/cpi/scores?format=xlsx&bands=false');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="cpi-.+\.xlsx"/);
    const workbook = await loadWorkbook(res);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['data', 'about']);

    const data = workbook.getWorksheet('data')!;
    expect(data.rowCount).toBe(2 + 1769);
    expect(data.getRow(1).getCell(1).value).toBe('Hromada pcode');
    expect(data.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(data.getRow(2).getCell(1).value).toBe('#adm3+code');
    expect(data.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });

    const hxl = data.getRow(2).values as (string | undefined)[]; // 1-based: values[0] is empty
    const scoreColumn = hxl.indexOf('#severity+num+cpi');
    expect(scoreColumn).toBeGreaterThan(1);
    const rowOf = new Map<string, ExcelJS.Row>();
    data.eachRow((row, n) => {
      if (n > 2) rowOf.set(String(row.getCell(1).value), row);
    });
    expect(rowOf.size).toBe(1769);
    const cell = rowOf.get(PCODE)!.getCell(scoreColumn);
    expect(cell.type).toBe(ExcelJS.ValueType.Number);
    expect(cell.value).toBe(round2(scoreOf.get(PCODE)!));
    for (const pcode of samplePcodes()) {
      const value = rowOf.get(pcode)!.getCell(scoreColumn).value;
      const expected = scoreOf.get(pcode);
      expect(value ?? null, pcode).toBe(expected === null ? null : round2(expected!));
    }

    const about = workbook.getWorksheet('about')!;
    const lines = new Map<string, unknown[]>();
    about.eachRow((row) => {
      const values = (row.values as unknown[]).slice(1);
      lines.set(String(values[0]), values.slice(1));
    });
    expect(lines.get('Model')).toEqual([`cpi ${json.model.version}`]);
    expect(lines.get('Scenario')).toEqual(['default weights']);
    expect(lines.get('Weights')?.[0]).toMatch(/\w+ = \d/);
    expect(lines.get('Data as of')).toEqual(['latest']);
    expect(lines.get('Generated at')?.[0]).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(lines.get('Source')).toEqual(['Name', 'Licence', 'Attribution']);

    const sources = (await t.getJson<{ id: string; licence: string }[]>('/api/sources')).body;
    expect(sources.length).toBeGreaterThan(0);
    for (const s of sources) expect(lines.get(s.id)?.[1], s.id).toBe(s.licence);
  });
});

describe('POST /api/targeting?format=xlsx', () => {
  const request = { cost: { type: 'flat', amount: 100_000 }, budget: 500_000 };
  const post = (format: string) =>
    t.app.request(`/api/targeting?format=${format}`, {
      method: 'POST',
      body: JSON.stringify(request),
      headers: { 'content-type': 'application/json' },
    });

  it('holds the five communities the budget buys, with the same columns as the CSV', async () => {
    const res = await post('xlsx');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="targeting-gap-.+\.xlsx"/);
    const data = (await loadWorkbook(res)).getWorksheet('data')!;
    expect(data.rowCount).toBe(2 + 5);

    const csv = Papa.parse<string[]>(await (await post('csv')).text(), { skipEmptyLines: true }).data;
    const [csvHeader, csvHxl, ...csvRows] = csv;
    const header = (data.getRow(1).values as string[]).slice(1);
    const hxl = (data.getRow(2).values as string[]).slice(1);
    // The CSV adds the stamp as #meta columns after the shared ones.
    expect(csvHeader!.slice(0, header.length)).toEqual(header);
    expect(csvHxl!.slice(0, hxl.length)).toEqual(hxl);
    expect(hxl[0]).toBe('#adm3+code');

    const pcodes = [3, 4, 5, 6, 7].map((n) => data.getRow(n).getCell(1).value);
    expect(pcodes).toEqual(csvRows.map((r) => r[0]));
    // The formula-looking names: quoted in the CSV (OWASP), a plain string cell in the workbook (exceljs writes
    // a formula only for a { formula } value, so Excel shows the text and runs nothing).
    const csvName = csvHxl!.indexOf('#adm3+name+i_uk');
    for (const r of csvRows) expect(r[csvName]).toBe(`'${formula(r[0]!)}`);
    const name = data.getRow(3).getCell(hxl.indexOf('#adm3+name+i_uk') + 1);
    expect(name.type).toBe(ExcelJS.ValueType.String);
    expect(name.value).toBe(formula(String(pcodes[0])));
    const cost = data.getRow(3).getCell(hxl.indexOf('#value+cost') + 1).value;
    expect(cost).toBe(100_000);
  });
});

describe('POST /api/targeting?format=xlsx with a scenario', () => {
  it('names the scenario in the about sheet as its author called it, beside its id', async () => {
    const saved = await t.app.request('/api/scenarios', {
      method: 'POST',
      body: JSON.stringify({
        modelId: 'cpi',
        name: 'FIXTURE pressure-heavy',
        weights: { displacement_load: 2 },
      }),
      headers: { 'content-type': 'application/json' },
    });
    expect(saved.status).toBe(201);
    const { id } = (await saved.json()) as { id: string };
    const res = await t.app.request('/api/targeting?format=xlsx', {
      method: 'POST',
      body: JSON.stringify({
        cost: { type: 'flat', amount: 100_000 },
        budget: 500_000,
        priority: 'cpi',
        scenario: id,
      }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(200);
    const about = (await loadWorkbook(res)).getWorksheet('about')!;
    const lines = new Map<string, unknown[]>();
    about.eachRow((row) => {
      const values = (row.values as unknown[]).slice(1);
      lines.set(String(values[0]), values.slice(1));
    });
    // Issue #14, item 10: the name as its author gave it, the id apart — not "EUfDv9mQ (EUfDv9mQ)".
    expect(lines.get('Scenario')).toEqual(['FIXTURE pressure-heavy']);
    expect(lines.get('Scenario id')).toEqual([id]);
  });
});

describe('POST /api/targeting?format=csv|xlsx carries its context (issue #14, item 10)', () => {
  // Donetsk oblast only, custom weights and no saved scenario: the file must say all of it.
  const request = {
    priority: 'cpi',
    weights: { displacement_load: 2 },
    filters: { oblasts: ['UA14'], excludeOccupied: true },
    cost: { type: 'flat', amount: 100_000 },
    budget: 500_000,
  };
  const post = (format: string) =>
    t.app.request(`/api/targeting?format=${format}`, {
      method: 'POST',
      body: JSON.stringify(request),
      headers: { 'content-type': 'application/json' },
    });

  it('CSV: rank and oblast-name columns, rounded numbers, and the filters, weights, budget and scenario', async () => {
    const res = await post('csv');
    expect(res.status).toBe(200);
    const [header, hxl, ...rows] = Papa.parse<string[]>(await res.text(), { skipEmptyLines: true }).data;
    expect(rows).toHaveLength(5);
    const col = (tag: string) => {
      const i = hxl!.indexOf(tag);
      expect(i, tag).toBeGreaterThanOrEqual(0);
      return i;
    };
    // Highest priority first, each with its rank among the eligible.
    const ranks = rows.map((r) => Number(r[col('#indicator+rank')]));
    expect(ranks[0]).toBe(1);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    for (const r of rows) {
      expect(r[col('#adm1+code')]).toBe('UA14');
      expect(r[col('#adm1+name+i_en')]).toMatch(/Donetsk/);
      expect(r[col('#severity+num+priority')]).toMatch(/^\d+(\.\d{1,2})?$/);
      expect(r[col('#severity+num+cpi')]).toMatch(/^\d+(\.\d{1,2})?$/);
      expect(r[col('#value+cost')]).toBe('100000');
      expect(r[col('#meta+scenario+name')]).toBe('unsaved scenario');
      expect(r[col('#meta+filters')]).toMatch(/oblasts: Donetsk.* \(UA14\); occupied areas left out/);
      expect(r[col('#meta+weights')]).toBe('displacement_load = 2');
      expect(r[col('#meta+budget')]).toBe('500,000 UAH');
      expect(r[col('#meta+cost')]).toBe('100,000 UAH per hromada');
      expect(r[col('#meta+priority')]).toBe('cpi');
    }
    expect(header![col('#indicator+rank')]).toMatch(/^Rank/);
  });

  it('XLSX: the same columns, and the context in the about sheet', async () => {
    const workbook = await loadWorkbook(await post('xlsx'));
    const data = workbook.getWorksheet('data')!;
    const hxl = (data.getRow(2).values as string[]).slice(1);
    expect(hxl).toContain('#indicator+rank');
    expect(hxl).toContain('#adm1+name+i_uk');
    const rank = data.getRow(3).getCell(hxl.indexOf('#indicator+rank') + 1);
    expect(rank.value).toBe(1);
    const lines = new Map<string, unknown[]>();
    workbook.getWorksheet('about')!.eachRow((row) => {
      const values = (row.values as unknown[]).slice(1);
      lines.set(String(values[0]), values.slice(1));
    });
    expect(lines.get('Scenario')).toEqual(['unsaved scenario']);
    expect(String(lines.get('Filters')?.[0])).toMatch(/Donetsk/);
    expect(lines.get('Weights')).toEqual(['displacement_load = 2']);
    expect(lines.get('Budget')).toEqual(['500,000 UAH']);
    expect(lines.get('Cost')).toEqual(['100,000 UAH per hromada']);
  });
});

describe('POST /api/targeting?format=geojson', () => {
  it('maps the shortlist with its request and provenance', async () => {
    const request = { cost: { type: 'flat', amount: 100_000 }, budget: 300_000 };
    const res = await t.app.request('/api/targeting?format=geojson', {
      method: 'POST',
      body: JSON.stringify(request),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/geo+json');
    const fc = (await res.json()) as {
      type: string;
      metadata: { request: unknown; optimal: boolean; dataVersion: string; sources: unknown[] };
      features: { id: string; geometry: { type: string } | null; properties: { reason: string } }[];
    };
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.metadata.request).toMatchObject(request);
    expect(fc.metadata.optimal).toBe(true);
    expect(fc.metadata.dataVersion).toMatch(/^b\d+/);
    expect(fc.metadata.sources.length).toBeGreaterThan(0);
    expect(fc.features).toHaveLength(3);
    for (const f of fc.features) {
      expect(['Polygon', 'MultiPolygon']).toContain(f.geometry?.type);
      expect(f.properties.reason).toMatch(/^priority rank/);
    }
  });
});
