import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  UnitFeatureCollection,
  UnitList,
  UnitProfile,
} from '../../server/features/units/units.schemas.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { testDataDir } from '../support/test-data.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function readCsv(relativePath: string): Promise<Record<string, string>[]> {
  const text = await readFile(path.join(testDataDir(), relativePath), 'utf8');
  return Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: true,
  }).data;
}

const units = (query: string) => t.getJson<UnitList>(`/api/units?${query}`);
const search = async (q: string) => (await units(`q=${encodeURIComponent(q)}&limit=2000`)).body.items;
const ukrainian = new Intl.Collator('uk');

describe('GET /api/units', () => {
  it('counts every unit of each level', async () => {
    for (const [level, total] of [
      ['hromada', 1769],
      ['raion', 139],
      ['oblast', 27],
    ] as const) {
      const { status, body } = await units(`level=${level}`);
      expect(status).toBe(200);
      expect(body.total).toBe(total);
      expect(body.items.every((u) => u.level === level)).toBe(true);
    }
  });

  it('pages through the units in Ukrainian alphabetical order', async () => {
    const all = (await units('level=hromada&limit=2000')).body.items;
    expect(all).toHaveLength(1769);
    for (let i = 1; i < all.length; i++) {
      expect(ukrainian.compare(all[i - 1]!.nameUk, all[i]!.nameUk)).toBeLessThanOrEqual(0);
    }
    const page1 = (await units('level=hromada&limit=50')).body.items;
    const page2 = (await units('level=hromada&limit=50&offset=50')).body.items;
    expect([...page1, ...page2].map((u) => u.pcode)).toEqual(all.slice(0, 100).map((u) => u.pcode));
    // Ukrainian order puts "І" between "Г" and "Я"; code point order (U+0406) would put it before "А".
    const first = (letter: string) => all.findIndex((u) => u.nameUk.startsWith(letter));
    expect(first('І')).toBeGreaterThan(first('Г'));
    expect(first('І')).toBeLessThan(first('Я'));
    expect(first('Г')).toBeGreaterThan(-1);
  });

  it('lists the units inside a parent: its children by default, any level below on request', async () => {
    const allHromadas = (await units('level=hromada&limit=2000')).body.items;

    const raions = await units('parent=UA63');
    expect(raions.status).toBe(200);
    expect(raions.body.items.length).toBeGreaterThan(0);
    expect(raions.body.items.every((u) => u.level === 'raion' && u.parent?.pcode === 'UA63')).toBe(true);

    const inRaion = await units('parent=UA6312');
    expect(inRaion.body.total).toBe(allHromadas.filter((u) => u.parent?.pcode === 'UA6312').length);
    expect(inRaion.body.items.map((u) => u.pcode)).toContain('UA6312027');

    const inOblast = await units('parent=UA63&level=hromada&limit=2000');
    expect(inOblast.body.total).toBe(allHromadas.filter((u) => u.oblastPcode === 'UA63').length);
    expect(inOblast.body.items.every((u) => u.level === 'hromada' && u.pcode.startsWith('UA63'))).toBe(true);
  });

  it('finds a hromada by its Ukrainian or English name, whatever the case', async () => {
    for (const q of ['харків', 'ХАРКІВ', 'kharkiv', 'KharKiv']) {
      const found = await search(q);
      const kharkiv = found.find((u) => u.pcode === 'UA6312027');
      expect(kharkiv, q).toMatchObject({
        nameEn: 'Kharkivska',
        level: 'hromada',
        parent: { pcode: 'UA6312' },
      });
    }
  });

  it('forgives apostrophes: ASCII, typographic and modifier letter alike', async () => {
    const results = await Promise.all(["кам'янець", 'кам’янець', 'камʼянець', 'камянець'].map(search));
    const kamianets = results[0]!.find((u) => u.nameEn === 'Kamianets-Podilska' && u.level === 'hromada');
    expect(kamianets).toBeDefined();
    for (const r of results) expect(r.map((u) => u.pcode)).toEqual(results[0]!.map((u) => u.pcode));
    expect((await search("Kam'ianets")).map((u) => u.pcode)).toContain(kamianets!.pcode);
  });

  it('takes % and _ in a query literally', async () => {
    expect((await units('q=%25')).body.total).toBe(0);
    expect((await units('q=_')).body.total).toBe(0);
  });

  it('flags the units that are not ordinary hromadas', async () => {
    const kyiv = (await search('Kyiv')).find((u) => u.special === 'kyiv_city' && u.level === 'hromada');
    expect(kyiv?.pcode).toBe('UA8000000');
    const crimea = (await units('parent=UA01&level=hromada&limit=2000')).body.items;
    expect(crimea.length).toBeGreaterThan(0);
    expect(crimea.every((u) => u.isCrimea)).toBe(true);
  });
});

describe('GET /api/units/{pcode}', () => {
  let kharkiv: UnitProfile;
  beforeAll(async () => {
    const res = await t.getJson<UnitProfile>('/api/units/UA6312027');
    expect(res.status).toBe(200);
    kharkiv = res.body;
  });

  it('gives the 2022 population of the source file', async () => {
    const rows = await readCsv('kse-loc-data-hub/ua-pop-2022.csv');
    const row = rows.find((r) => r.hromada_code?.startsWith('UA6312027'));
    const expected = Number(row?.total_population_2022);
    expect(expected).toBeGreaterThan(0);
    expect(kharkiv.population2022).toBe(expected);
    const value = kharkiv.indicators.find((i) => i.indicatorId === 'population_2022');
    expect(value).toMatchObject({ period: '2022-01-01', value: expected, unit: 'persons' });
    expect(value?.source).toMatchObject({ id: 'kse', licence: 'MIT' });
    expect(value?.source.url).toMatch(/ua-pop-2022\.csv$/);
    expect(value?.source.attribution.length).toBeGreaterThan(0);
  });

  it('carries the unit, its parents and where it is', () => {
    expect(kharkiv).toMatchObject({
      pcode: 'UA6312027',
      katottg: expect.stringMatching(/^UA6312027/),
      level: 'hromada',
      nameUk: 'Харківська',
      oblastPcode: 'UA63',
      hromadaType: 'міська',
      geometryMissing: false,
    });
    expect(kharkiv.parents.map((p) => [p.pcode, p.level])).toEqual([
      ['UA6312', 'raion'],
      ['UA63', 'oblast'],
    ]);
    expect(kharkiv.areaKm2).toBeGreaterThan(0);
    expect(kharkiv.labelPoint).toHaveLength(2);
  });

  it('has every indicator value with its source, deepstate values included', () => {
    const ids = new Set(kharkiv.indicators.map((i) => i.indicatorId));
    expect(ids.size).toBeGreaterThan(10);
    const occupied = kharkiv.indicators.filter((i) => i.indicatorId === 'occupied_share');
    expect(occupied.length).toBeGreaterThan(1);
    expect(occupied.every((i) => i.source.id === 'deepstate' && i.source.url?.endsWith('.geojson'))).toBe(
      true,
    );
  });

  it('lists the hromadas it borders, and not one 6 km away', async () => {
    // Checked on the boundaries themselves: Kharkiv city shares kilometres of border with these hromadas of
    // Kharkivskyi raion, while Chuhuiv (Chuhuivskyi raion) lies beyond Rohanska and Vilkhivska.
    const touching = ['UA6312001', 'UA6312005', 'UA6312029'];
    const { rows } = await sql<{ pcode: string; touches: boolean; metres: number }>`
      select b.pcode, ST_Intersects(a.geom, b.geom) as touches,
             ST_Distance(a.geom::geography, b.geom::geography) as metres
      from admin_units a, admin_units b
      where a.pcode = 'UA6312027' and b.pcode in ('UA6312001', 'UA6312005', 'UA6312029', 'UA6314017')
    `.execute(t.database.db);
    for (const r of rows) {
      if (touching.includes(r.pcode)) expect(r.touches, r.pcode).toBe(true);
      else expect(r.metres, r.pcode).toBeGreaterThan(2000);
    }

    const neighbours = kharkiv.neighbours.map((n) => n.pcode);
    expect(neighbours).toEqual(expect.arrayContaining(touching));
    expect(neighbours).not.toContain('UA6314017');
    expect(kharkiv.neighbours.every((n) => n.nameUk && n.nameEn)).toBe(true);
  });

  it('lists the programmes of the seed file that work there', async () => {
    const seed = await readFile(
      new URL('../../data/programmes/ipcg-veteran-reintegration.csv', import.meta.url),
      'utf8',
    );
    const [, , ...rows] = Papa.parse<string[]>(seed, { skipEmptyLines: true }).data; // header + HXL row
    const here = rows.filter((r) => r[5] === 'UA6312027');
    expect(here.length).toBeGreaterThan(0);
    expect(kharkiv.programmes.map((p) => p.code).sort()).toEqual(here.map((r) => r[0]).sort());
    expect(kharkiv.programmes[0]).toMatchObject({ organisation: here[0]![1], sector: here[0]![3] });
  });

  it('keeps units without a boundary, saying so', async () => {
    const missing = await sql<{ pcode: string }>`select pcode from admin_units where geom is null`.execute(
      t.database.db,
    );
    expect(missing.rows.length).toBeGreaterThan(0);
    for (const { pcode } of missing.rows) {
      const { status, body } = await t.getJson<UnitProfile>(`/api/units/${pcode}`);
      expect(status).toBe(200);
      expect(body).toMatchObject({ geometryMissing: true, labelPoint: null, areaKm2: null, neighbours: [] });
    }
  });
});

/** Twice the signed planar area of a ring: positive when counter-clockwise. */
function signedArea(ring: number[][]): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++)
    sum += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
  return sum;
}

describe('GET /api/units.geojson', () => {
  it('serves every hromada with RFC 7946 ring order and two indicators as numeric properties', async () => {
    const res = await t.app.request('/api/units.geojson?indicators=population_2022,idps_per_1000');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/geo\+json/);
    const fc = (await res.json()) as UnitFeatureCollection;
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(1769);

    let rings = 0;
    for (const f of fc.features) {
      expect(f.id).toBe(f.properties.pcode);
      if (!f.geometry) continue;
      const polygons = (
        f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates
      ) as number[][][][];
      for (const [exterior, ...holes] of polygons) {
        expect(exterior!.length).toBeGreaterThanOrEqual(4);
        expect(exterior![0]).toEqual(exterior!.at(-1));
        expect(signedArea(exterior!), f.id).toBeGreaterThan(0);
        for (const hole of holes) expect(signedArea(hole), f.id).toBeLessThan(0);
        rings += 1 + holes.length;
      }
    }
    expect(rings).toBeGreaterThan(1700);

    const kharkiv = fc.features.find((f) => f.id === 'UA6312027')!;
    expect(kharkiv.properties).toMatchObject({
      pcode: 'UA6312027',
      level: 'hromada',
      nameEn: 'Kharkivska',
      parentPcode: 'UA6312',
      population_2022__period: '2022-01-01',
      idps_per_1000__period: '2023-07-25',
    });
    expect(typeof kharkiv.properties.population_2022).toBe('number');
    expect(typeof kharkiv.properties.idps_per_1000).toBe('number');
    const withPopulation = fc.features.filter((f) => typeof f.properties.population_2022 === 'number');
    const values = await t.getJson<{ values: Record<string, number> }>(
      '/api/indicators/population_2022/values',
    );
    expect(withPopulation.length).toBe(Object.keys(values.body.values).length);
    for (const f of withPopulation.slice(0, 50))
      expect(f.properties.population_2022).toBe(values.body.values[f.id]);

    const noBoundary = fc.features.filter((f) => f.geometry === null);
    expect(noBoundary.length).toBeGreaterThan(0);
  });

  it('filters by level and parent and takes a period', async () => {
    const { status, body } = await t.getJson<UnitFeatureCollection>(
      '/api/units.geojson?level=raion&parent=UA63&indicators=occupied_share&period=2024-07-08',
    );
    expect(status).toBe(200);
    expect(body.features.length).toBeGreaterThan(0);
    expect(
      body.features.every((f) => f.properties.level === 'raion' && f.properties.parentPcode === 'UA63'),
    ).toBe(true);
    // Raions hold no values: the property is there, null, with its period.
    expect(body.features[0]!.properties).toMatchObject({
      occupied_share: null,
      occupied_share__period: '2024-07-08',
    });
  });
});
