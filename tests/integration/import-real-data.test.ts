import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Papa from 'papaparse';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/client.ts';
import { importFile } from '../../server/pipeline/importers/index.ts';
import { loadSourcesManifest } from '../../server/pipeline/sources-manifest.ts';
import { testDataDir } from '../support/test-data.ts';
import { openTestDatabase } from '../support/test-db.ts';

// The database here was built by the global setup from the real files of data/sources.json; every expected
// value below is read from those same files, never written into the test.

async function readCsv(relative: string): Promise<Record<string, string>[]> {
  const text = await readFile(path.join(testDataDir(), relative), 'utf8');
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
}

async function valueOf(db: Database['db'], indicatorId: string, pcode: string, period: string) {
  const row = await db
    .selectFrom('indicator_values')
    .select('value')
    .where('indicator_id', '=', indicatorId)
    .where('unit_pcode', '=', pcode)
    .where('period', '=', period)
    .executeTakeFirst();
  return row?.value;
}

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe('boundaries (COD-AB)', () => {
  it('has every unit of the three levels, with the special units flagged', async () => {
    const counts = await sql<{ level: string; n: number; crimea: number; special: number; missing: number }>`
      select level, count(*)::int n, count(*) filter (where is_crimea)::int crimea,
             count(*) filter (where special is not null)::int special, count(*) filter (where geom is null)::int missing
      from admin_units group by level order by level`.execute(database.db);
    const byLevel = Object.fromEntries(counts.rows.map((r) => [r.level, r]));
    const source = JSON.parse(
      await readFile(path.join(testDataDir(), 'cod-ab-reach/Hromadas.geojson'), 'utf8'),
    );
    expect(byLevel.hromada?.n).toBe(source.features.length);
    expect(byLevel.oblast?.n).toBe(27);
    expect(byLevel.raion?.n).toBe(139);
    // 1,469 hromadas + Kyiv city + Chornobyl zone + 297 Crimea units + Sevastopol (SOURCES.md §1)
    expect(byLevel.hromada?.n).toBe(1469 + 1 + 1 + 297 + 1);
    expect(byLevel.hromada?.crimea).toBe(297 + 1);
    expect(byLevel.hromada?.missing).toBe(2);
  });

  it('stores valid 2-D multipolygons in EPSG:4326 with an area close to the official one', async () => {
    const { rows } = await sql<{ invalid: number; not_multi: number; srid: number; not2d: number }>`
      select count(*) filter (where not ST_IsValid(geom))::int invalid,
             count(*) filter (where GeometryType(geom) <> 'MULTIPOLYGON')::int not_multi,
             max(ST_SRID(geom)) srid, count(*) filter (where ST_NDims(geom) <> 2)::int not2d
      from admin_units where geom is not null`.execute(database.db);
    expect(rows[0]).toEqual({ invalid: 0, not_multi: 0, srid: 4326, not2d: 0 });

    const source = JSON.parse(
      await readFile(path.join(testDataDir(), 'cod-ab-reach/Oblasts.geojson'), 'utf8'),
    );
    for (const f of source.features.slice(0, 5)) {
      const unit = await database.db
        .selectFrom('admin_units')
        .select(['area_km2', 'name_uk'])
        .where('pcode', '=', f.properties.ADM1_PCODE)
        .executeTakeFirstOrThrow();
      expect(unit.name_uk).toBe(f.properties.ADM1_UA);
      // Geodesic area vs. COD-AB's AREA_SQKM: within 1 %.
      expect(Math.abs(unit.area_km2! - f.properties.AREA_SQKM) / f.properties.AREA_SQKM).toBeLessThan(0.01);
    }
  });

  it('links every mainland hromada to its KATOTTG code', async () => {
    const rows = await readCsv('kse-loc-data-hub/ua-admin-hromada.csv');
    for (const r of rows.filter((_, i) => i % 250 === 0 && !_.hromada_code!.startsWith('UA01'))) {
      const unit = await database.db
        .selectFrom('admin_units')
        .select(['katottg', 'hromada_type'])
        .where('pcode', '=', r.hromada_code!.slice(0, 9))
        .executeTakeFirstOrThrow();
      expect(unit.katottg).toBe(r.hromada_code);
      expect(unit.hromada_type).toBe(r.type);
    }
    const { rows: missing } = await sql<{ n: number }>`
      select count(*)::int n from admin_units
      where level = 'hromada' and katottg is null and not is_crimea and special is null`.execute(database.db);
    expect(missing[0]!.n).toBe(0);
  });
});

describe('indicators (KSE)', () => {
  it('imports population exactly as in the source, and NA never becomes a value', async () => {
    const rows = await readCsv('kse-loc-data-hub/ua-pop-2022.csv');
    const valid = rows.filter((r) => r.hromada_code !== 'NA');
    for (const r of valid.filter((_, i) => i % 97 === 0)) {
      expect(await valueOf(database.db, 'population_2022', r.hromada_code!.slice(0, 9), '2022-01-01')).toBe(
        Number(r.total_population_2022),
      );
    }
    const n = await database.db
      .selectFrom('indicator_values')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('indicator_id', '=', 'population_2022')
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(valid.length);
  });

  it('derives IDPs per 1,000 residents from the two source files', async () => {
    const idps = await readCsv('kse-loc-data-hub/vpo_budget.csv');
    const population = new Map(
      (await readCsv('kse-loc-data-hub/ua-pop-2022.csv')).map((r) => [
        r.hromada_code,
        Number(r.total_population_2022),
      ]),
    );
    const negative = idps.find((r) => Number(r.vpo_thsd) < 0)!;
    for (const r of [idps[0]!, idps[700]!, negative]) {
      const pcode = r.hromada_code!.slice(0, 9);
      const persons = Math.round(Number(r.vpo_thsd) * 1000);
      expect(await valueOf(database.db, 'idps_registered', pcode, '2023-07-25')).toBe(persons);
      expect(await valueOf(database.db, 'idps_per_1000', pcode, '2023-07-25')).toBeCloseTo(
        (persons / population.get(r.hromada_code)!) * 1000,
        9,
      );
    }
  });

  it('reports the two exact duplicate IDP rows instead of loading them twice', async () => {
    const batch = await database.db
      .selectFrom('import_batches')
      .selectAll()
      .where('kind', '=', 'kse-idps')
      .where('status', '=', 'succeeded')
      .executeTakeFirstOrThrow();
    expect(batch.rows_read).toBe(1440);
    expect(batch.rows_accepted).toBe(1438);
    expect(batch.notes).toMatch(/2 exact duplicate row\(s\) removed: rows \d+, \d+/);
  });

  it('computes per-capita own revenue for each budget year', async () => {
    const budgets = await readCsv('kse-loc-data-hub/hromada_budget_2020_2022.csv');
    const population = new Map(
      (await readCsv('kse-loc-data-hub/ua-pop-2022.csv')).map((r) => [
        r.hromada_code,
        Number(r.total_population_2022),
      ]),
    );
    for (const r of budgets.filter((_, i) => i % 1000 === 0)) {
      const expected = Number(r.income_own) / population.get(r.hromada_code)!;
      expect(
        await valueOf(database.db, 'own_revenue_per_capita', r.hromada_code!.slice(0, 9), r.year!),
      ).toBeCloseTo(expected, 6);
    }
  });

  it('keeps every rejected row with its row number and reason', async () => {
    const { rows } = await sql<{ kind: string; row_number: number; field: string; reason: string }>`
      select b.kind, r.row_number, r.field, r.reason from rejected_rows r
      join import_batches b on b.id = r.batch_id where b.status = 'succeeded' order by b.kind, r.row_number`.execute(
      database.db,
    );
    // The NA row of ua-pop-2022.csv (a population without a code) and the Crimea units without a COD-AB polygon.
    const population = rows.filter((r) => r.kind === 'kse-population');
    expect(population).toHaveLength(1);
    expect(population[0]).toMatchObject({ field: 'hromada_code', reason: 'hromada code is missing' });
    const katottg = rows.filter((r) => r.kind === 'katottg');
    expect(katottg.length).toBe(6);
    for (const r of katottg)
      expect(r.reason).toMatch(/^no unit UA01\d{5} \(KATOTTG UA01\d{15}\) in the imported boundaries$/);
  });
});

describe('occupied areas (DeepState)', () => {
  it('stores every snapshot and derives share and distance for each hromada', async () => {
    const manifest = await loadSourcesManifest();
    const dates = manifest.files.filter((f) => f.importer === 'occupied-areas').map((f) => f.period);
    const snapshots = await database.db
      .selectFrom('occupied_areas')
      .select(['snapshot_date', 'area_km2'])
      .execute();
    expect(snapshots.map((s) => s.snapshot_date).sort()).toEqual(dates.sort());
    // ~109k km² in 2024-07 and ~116.7k km² in 2026-08 including Crimea (SOURCES.md §4)
    const latest = snapshots.find((s) => s.snapshot_date === '2026-08-22')!;
    expect(latest.area_km2).toBeGreaterThan(110_000);
    expect(latest.area_km2).toBeLessThan(125_000);

    const { rows } = await sql<{
      crimea_share: number;
      crimea_mean: number;
      lviv_distance: number;
      overlap: number;
    }>`
      select
        (select avg(value) from indicator_values v join admin_units u on u.pcode = v.unit_pcode
          where indicator_id = 'occupied_share' and period = '2026-08-22' and u.is_crimea) crimea_mean,
        (select min(value) from indicator_values v join admin_units u on u.pcode = v.unit_pcode
          where indicator_id = 'occupied_share' and period = '2026-08-22' and u.is_crimea) crimea_share,
        (select value from indicator_values where indicator_id = 'distance_to_occupied_km'
          and period = '2026-08-22' and unit_pcode = 'UA4606025') lviv_distance,
        (select count(*)::int from indicator_values s join indicator_values d
           on d.unit_pcode = s.unit_pcode and d.period = s.period and d.indicator_id = 'distance_to_occupied_km'
          where s.indicator_id = 'occupied_share' and s.value > 0 and d.value > 0.001) overlap`.execute(
      database.db,
    );
    // Crimea is occupied; coastal COD-AB polygons reach a little beyond DeepState's coastline.
    expect(rows[0]!.crimea_mean).toBeGreaterThan(0.97);
    expect(rows[0]!.crimea_share).toBeGreaterThan(0.85);
    // Lviv (UA4606025) is far from any occupied area: several hundred km.
    expect(rows[0]!.lviv_distance).toBeGreaterThan(500);
    // A hromada that is partly occupied is at distance 0.
    expect(rows[0]!.overlap).toBe(0);
  });
});

describe('programmes (HXL seed)', () => {
  it('seeds the veteran-reintegration pilots in Chuhuiv, Kharkiv and Ivano-Frankivsk', async () => {
    const sites = await database.db
      .selectFrom('programme_sites as s')
      .innerJoin('programmes as p', 'p.id', 's.programme_id')
      .innerJoin('admin_units as u', 'u.pcode', 's.unit_pcode')
      .select(['u.name_en', 'p.sector', 'p.period_start', 'p.period_end'])
      .orderBy('u.name_en')
      .execute();
    expect(sites.map((s) => s.name_en)).toEqual(['Chuhuivska', 'Ivano-Frankivska', 'Kharkivska']);
    expect(new Set(sites.map((s) => `${s.sector} ${s.period_start} ${s.period_end}`))).toEqual(
      new Set(['Veteran reintegration 2016-01-01 2019-12-31']),
    );
  });
});

describe('re-running an import', () => {
  it('is idempotent: same values, one current batch, the earlier one superseded', async () => {
    const manifest = await loadSourcesManifest();
    const file = manifest.files.find((f) => f.importer === 'kse-population')!;
    const before = await sql<{ n: number; s: number }>`
      select count(*)::int n, sum(value) s from indicator_values where indicator_id like 'population%' or indicator_id like 'urban%'`.execute(
      database.db,
    );
    await importFile(database.db, manifest, {
      importer: 'kse-population',
      filePath: path.join(testDataDir(), file.path),
    });
    const after = await sql<{ n: number; s: number }>`
      select count(*)::int n, sum(value) s from indicator_values where indicator_id like 'population%' or indicator_id like 'urban%'`.execute(
      database.db,
    );
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
    expect(after.rows[0]!.s).toBeCloseTo(before.rows[0]!.s, 6);
    const batches = await database.db
      .selectFrom('import_batches')
      .select('status')
      .where('kind', '=', 'kse-population')
      .execute();
    expect(batches.map((b) => b.status).sort()).toEqual(['succeeded', 'superseded']);
  });
});
