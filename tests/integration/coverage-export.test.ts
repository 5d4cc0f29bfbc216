import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureOrganisation } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// Issue #14, item 7: a donor takes the Coverage data away. The real imported data (its seed programme ran in
// Chuhuiv, Kharkiv and Ivano-Frankivsk in 2016–2019) plus one FIXTURE programme in a FIXTURE sector with two
// sites, one reporting people reached and one not, read back with the tools a user's software would use.

const SECTOR = 'FIXTURE sector 3W';
const REACHED_SITE = 'UA6312027'; // Kharkiv oblast
const UNKNOWN_SITE = 'UA2604019'; // Ivano-Frankivsk oblast
const SEED_PCODES = ['UA2604019', 'UA6312027', 'UA6314017'];

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const organisation_id = await createFixtureOrganisation(db, 'FIXTURE 3W organisation');
  const { id } = await db
    .insertInto('programmes')
    .values({
      code: 'FIXTURE-3W',
      organisation_id,
      donor: 'FIXTURE donor',
      sector: SECTOR,
      title: 'FIXTURE programme for the Coverage exports',
      description: null,
      period_start: '2025-01-01',
      period_end: '2025-03-31',
      status: 'completed',
      budget: null,
      currency: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('programme_sites')
    .values([
      {
        programme_id: id,
        unit_pcode: REACHED_SITE,
        period_start: '2025-01-01',
        period_end: '2025-03-31',
        reached: 120,
      },
      {
        programme_id: id,
        unit_pcode: UNKNOWN_SITE,
        period_start: '2025-02-01',
        period_end: '2025-03-31',
        reached: null,
      },
    ])
    .execute();
});
afterAll(async () => {
  await t?.close();
});

function csvTable(text: string) {
  const [header, hxl, ...data] = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
  const col = (tag: string) => {
    const i = hxl!.indexOf(tag);
    expect(i, tag).toBeGreaterThanOrEqual(0);
    return i;
  };
  return { header: header!, hxl: hxl!, data, col };
}

describe('GET /api/coverage?format=csv', () => {
  it('sites: HXL-tagged rows of the filtered programmes, unknown reach blank, the filters stamped', async () => {
    const res = await t.app.request(
      `/api/coverage?format=csv&table=sites&sector=${encodeURIComponent(SECTOR)}`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="coverage-sites-.+\.csv"/);
    const { hxl, data, col } = csvTable(await res.text());
    for (const tag of ['#org+name', '#sector+name', '#adm1+code', '#adm3+code', '#reached', '#meta+source'])
      expect(hxl).toContain(tag);
    expect(data.map((r) => r[col('#adm3+code')]).sort()).toEqual([UNKNOWN_SITE, REACHED_SITE].sort());
    const reached = new Map(data.map((r) => [r[col('#adm3+code')], r[col('#reached')]]));
    expect(reached.get(REACHED_SITE)).toBe('120');
    expect(reached.get(UNKNOWN_SITE)).toBe('');
    expect(data[0]![col('#adm1+code')]).toBe(data[0]![col('#adm3+code')]!.slice(0, 4));
    expect(data[0]![col('#org+name')]).toBe('FIXTURE 3W organisation');
    expect(data[0]![col('#meta+filters')]).toBe(`sector=${SECTOR}`);
    expect(data[0]![col('#meta+source')]).toMatch(/\(.+\)/); // "name (licence)"
  });

  it('sites of the real seed programme in its window', async () => {
    const res = await t.app.request(
      '/api/coverage?format=csv&table=sites&activeFrom=2017-06-01&activeTo=2017-06-01',
    );
    const { data, col } = csvTable(await res.text());
    expect([...new Set(data.map((r) => r[col('#adm3+code')]))].sort()).toEqual(SEED_PCODES);
  });

  it('gap: hromadas with no programme on the day, neediest first, none of the covered ones', async () => {
    const res = await t.app.request('/api/coverage?format=csv&table=gap&asOf=2017-06-01');
    expect(res.status).toBe(200);
    const { data, col } = csvTable(await res.text());
    const pcodes = data.map((r) => r[col('#adm3+code')]);
    for (const p of SEED_PCODES) expect(pcodes).not.toContain(p);
    expect(pcodes.length).toBeGreaterThan(1000);
    const gaps = data
      .map((r) => r[col('#severity+num+gap')])
      .filter((g) => g !== '')
      .map(Number);
    expect(gaps).toEqual([...gaps].sort((a, b) => b - a));
    expect(data[0]![col('#meta+filters')]).toBe('asOf=2017-06-01');
  });
});

describe('GET /api/coverage?format=xlsx|geojson', () => {
  it('pivot as XLSX: one row per organisation × sector × oblast, and the stamp sheet', async () => {
    const res = await t.app.request(
      `/api/coverage?format=xlsx&table=pivot&sector=${encodeURIComponent(SECTOR)}`,
    );
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const sheet = wb.getWorksheet('data')!;
    const hxl = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(hxl).toContain('#reached');
    const rows = [3, 4].map((n) => (sheet.getRow(n).values as unknown[]).slice(1));
    const oblast = hxl.indexOf('#adm1+code');
    const reached = hxl.indexOf('#reached');
    expect(rows.map((r) => r[oblast]).sort()).toEqual(['UA26', 'UA63']);
    const byOblast = new Map(rows.map((r) => [r[oblast], r[reached]]));
    expect(byOblast.get('UA63')).toBe(120);
    expect(byOblast.get('UA26') ?? null).toBeNull();
    expect(sheet.rowCount).toBe(4);
    expect(wb.getWorksheet('about')!.rowCount).toBeGreaterThan(8);
  });

  it('gap as GeoJSON: community geometries and the stamp with the request', async () => {
    const res = await t.app.request(
      `/api/coverage?format=geojson&table=gap&sector=${encodeURIComponent(SECTOR)}&asOf=2025-02-15`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/geo\+json/);
    const fc = (await res.json()) as {
      metadata: { sources: unknown[]; request: { sector: string } };
      features: { id: string; geometry: { type: string } | null }[];
    };
    const ids = fc.features.map((f) => f.id);
    expect(ids).not.toContain(REACHED_SITE);
    expect(ids).not.toContain(UNKNOWN_SITE);
    expect(ids).toContain('UA6314017'); // the seed's third site: not covered in this sector
    expect(fc.features.find((f) => f.id === 'UA6314017')!.geometry?.type).toMatch(/Polygon/);
    expect(fc.metadata.request.sector).toBe(SECTOR);
    expect(fc.metadata.sources.length).toBeGreaterThan(0);
  });

  it('refuses GeoJSON for a table without places, naming the field', async () => {
    const res = await t.app.request('/api/coverage?format=geojson&table=pivot');
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/format.*geojson is for table gap or sites/s);
  });
});

describe('GET /api/coverage/3w', () => {
  it('pivot, people-reached totals (unknown apart from zero) and the monthly timeline', async () => {
    const { status, body } = await t.getJson<{
      pivot: { oblastPcode: string; communities: number; reached: number | null; sitesReachKnown: number }[];
      totals: { communities: number; sites: number; reached: number | null; sitesReachKnown: number };
      timeline: { month: string; programmes: number; sites: number }[];
    }>(`/api/coverage/3w?sector=${encodeURIComponent(SECTOR)}`);
    expect(status).toBe(200);
    expect(body.totals).toMatchObject({ communities: 2, sites: 2, reached: 120, sitesReachKnown: 1 });
    expect(body.pivot.find((r) => r.oblastPcode === 'UA26')).toMatchObject({
      reached: null,
      sitesReachKnown: 0,
    });
    expect(body.timeline).toEqual([
      { month: '2025-01', programmes: 1, sites: 1 },
      { month: '2025-02', programmes: 1, sites: 2 },
      { month: '2025-03', programmes: 1, sites: 2 },
    ]);
  });
});
