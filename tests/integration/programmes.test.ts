import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgrammeList } from '../../server/features/programmes/programmes.schemas.ts';
import type { Source } from '../../server/features/sources/sources.schemas.ts';
import type { UnitProfile } from '../../server/features/units/units.schemas.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

// The one real programme of the seed, data/programmes/ipcg-veteran-reintegration.csv: sites in Chuhuiv,
// Kharkiv and Ivano-Frankivsk hromadas, "2016" to "2019".
const IPCG = 'ipcg-veteran-reintegration-pilots';
const IPCG_SITES = ['UA2604019', 'UA6312027', 'UA6314017'];

async function list(query = '') {
  return t.getJson<ProgrammeList>(`/api/programmes${query}`);
}

async function codes(query: string) {
  const { status, body } = await list(query);
  expect(status, query).toBe(200);
  return body.programmes.map((p) => p.code);
}

describe('GET /api/programmes on the real seed', () => {
  it('gives the ІМіП programme with its organisation, sector, period and sites named as in /api/units', async () => {
    const { status, body } = await list();
    expect(status).toBe(200);
    const p = body.programmes.find((x) => x.code === IPCG);
    expect(p, IPCG).toBeDefined();
    expect(p!.organisation.name).toBe('Institute for Peace and Common Ground (ІМіП)');
    expect(p!.organisation.id).toEqual(expect.any(Number));
    expect(p!.sector).toBe('Veteran reintegration');
    expect(p!.status).toBe('completed');
    expect(p!.donor).toBeNull();
    // The CSV says "2016" and "2019": the whole of both years.
    expect(p!.periodStart).toBe('2016-01-01');
    expect(p!.periodEnd).toBe('2019-12-31');
    expect(p!.title).toMatch(/veteran-reintegration/i);
    expect(p!.description).toContain('ІМіП');

    expect(p!.sites.map((s) => s.pcode)).toEqual(IPCG_SITES);
    for (const site of p!.sites) {
      const unit = (await t.getJson<UnitProfile>(`/api/units/${site.pcode}`)).body;
      expect(site.nameUk, site.pcode).toBe(unit.nameUk);
      expect(site.nameEn, site.pcode).toBe(unit.nameEn);
      expect(site.oblastPcode, site.pcode).toBe(unit.parents.find((u) => u.level === 'oblast')?.pcode);
      expect(site).toMatchObject({ periodStart: '2016-01-01', periodEnd: '2019-12-31', reached: null });
    }
    expect(p!.sites.find((s) => s.pcode === 'UA6312027')?.nameEn).toMatch(/^Kharkiv/);
  });

  it("names the seed programme's source as /api/sources does: the committed CSV is credited to ІМіП", async () => {
    const { body } = await list();
    const p = body.programmes.find((x) => x.code === IPCG)!;
    const ipcg = (await t.getJson<Source[]>('/api/sources')).body.find((s) => s.id === 'ipcg')!;
    expect(p.source).toEqual({
      id: 'ipcg',
      name: ipcg.name,
      licence: ipcg.licence,
      attribution: ipcg.attribution,
    });
    // The file it came from: no download URL (it is in the repository), its hash and period recorded.
    const file = await t.database.db
      .selectFrom('source_files')
      .selectAll()
      .where('id', '=', 'ipcg-veteran-reintegration')
      .executeTakeFirstOrThrow();
    expect(file).toMatchObject({ source_id: 'ipcg', url: null, period: '2016/2019' });
    expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('computes facets over every programme, so that a filter does not shrink them', async () => {
    const all = (await list()).body;
    expect(all.facets.sectors).toContain('Veteran reintegration');
    expect(all.facets.statuses).toContain('completed');
    // No donor is stated in the source: no empty string stands in for one.
    expect(all.facets.donors).not.toContain('');
    const org = all.facets.organisations.find((o) => o.name.includes('ІМіП'));
    expect(org?.programmes).toBe(all.programmes.filter((p) => p.organisation.id === org?.id).length);
    expect(org?.programmes).toBeGreaterThanOrEqual(1);

    const none = (await list('?sector=No%20such%20sector')).body;
    expect(none.programmes).toEqual([]);
    expect(none.facets).toEqual(all.facets);
  });

  it('filters by the period of the sites: a bare end year "2019" lasts to 31 December', async () => {
    expect(await codes('?activeFrom=2025-01-01')).not.toContain(IPCG);
    expect(await codes('?activeFrom=2017-01-01&activeTo=2017-12-31')).toContain(IPCG);
    expect(await codes('?activeFrom=2019-12-31')).toContain(IPCG);
    expect(await codes('?activeFrom=2020-01-01')).not.toContain(IPCG);
    expect(await codes('?activeTo=2016-01-01')).toContain(IPCG);
    expect(await codes('?activeTo=2015-12-31')).not.toContain(IPCG);
    expect(await codes('?activeFrom=2010-01-01&activeTo=2030-12-31')).toContain(IPCG);
  });

  it('filters by hromada, organisation, sector and status, and combines them', async () => {
    const all = (await list()).body;
    const orgId = all.programmes.find((p) => p.code === IPCG)!.organisation.id;
    const otherOrg = Math.max(...all.facets.organisations.map((o) => o.id)) + 1;

    for (const pcode of IPCG_SITES) expect(await codes(`?pcode=${pcode}`)).toContain(IPCG);
    // Kyiv city: no site of the programme there.
    expect(await codes('?pcode=UA8000000')).not.toContain(IPCG);
    expect(await codes('?pcode=UA6312027&activeFrom=2025-01-01')).not.toContain(IPCG);
    expect(await codes('?pcode=UA6312027&activeFrom=2018-06-01&activeTo=2018-06-30')).toContain(IPCG);

    expect(await codes(`?organisation=${orgId}`)).toContain(IPCG);
    expect(await codes(`?organisation=${otherOrg}`)).toEqual([]);
    expect(await codes('?sector=Veteran%20reintegration')).toContain(IPCG);
    expect(await codes('?sector=Veteran')).not.toContain(IPCG);
    expect(await codes('?status=completed')).toContain(IPCG);
    expect(await codes('?status=active')).not.toContain(IPCG);
    expect(await codes('?donor=USAID')).not.toContain(IPCG);
    expect(
      await codes(`?organisation=${orgId}&sector=Veteran%20reintegration&status=completed&pcode=UA2604019`),
    ).toEqual([IPCG]);
  });

  it('echoes the filters it applied', async () => {
    const { body } = await list(
      '?activeFrom=2017-01-01&activeTo=2017-12-31&pcode=UA6312027&status=completed',
    );
    expect(body.filters).toEqual({
      organisation: null,
      donor: null,
      sector: null,
      status: 'completed',
      activeFrom: '2017-01-01',
      activeTo: '2017-12-31',
      pcode: 'UA6312027',
    });
    expect((await list('?organisation=7')).body.filters.organisation).toBe(7);
  });

  it('answers 400 naming the bad parameter', async () => {
    const cases: [string, string][] = [
      ['?activeFrom=2017', 'activeFrom'],
      ['?activeFrom=2017-13-01', 'activeFrom'],
      ['?activeTo=2023-02-30', 'activeTo'],
      ['?activeFrom=2018-01-01&activeTo=2017-12-31', 'activeTo'],
      ['?pcode=UA63', 'pcode'],
      ['?pcode=kharkiv', 'pcode'],
      ['?organisation=abc', 'organisation'],
      ['?organisation=-1', 'organisation'],
      ['?status=done', 'status'],
      ['?sector=', 'sector'],
    ];
    for (const [query, param] of cases) {
      const { status, body } = await t.getJson<{ error: { code: string; message: string } }>(
        `/api/programmes${query}`,
      );
      expect(status, query).toBe(400);
      expect(body.error.code, query).toBe('BAD_REQUEST');
      expect(body.error.message, query).toContain(`query parameter ${param}`);
    }
  });
});

describe('GET /api/programmes with more programmes (fixtures written to this test file’s database)', () => {
  beforeAll(async () => {
    const db = t.database.db;
    const { id: organisationId } = await db
      .insertInto('organisations')
      .values({ name: 'FIXTURE organisation', acronym: 'FIX' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const programme = async (
      code: string,
      periodStart: string,
      sites: { pcode: string; start: string; end: string | null; reached?: number }[],
    ) => {
      const { id } = await db
        .insertInto('programmes')
        .values({
          code,
          organisation_id: organisationId,
          donor: 'FIXTURE donor',
          sector: 'Social cohesion',
          title: `FIXTURE ${code}`,
          period_start: periodStart,
          period_end: null,
          status: 'active',
          budget: 120000,
          currency: 'EUR',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('programme_sites')
        .values(
          sites.map((s) => ({
            programme_id: id,
            unit_pcode: s.pcode,
            period_start: s.start,
            period_end: s.end,
            reached: s.reached ?? null,
          })),
        )
        .execute();
    };
    await programme('fixture-b', '2024-03-01', [{ pcode: 'UA6314017', start: '2024-03-01', end: null }]);
    await programme('fixture-a', '2024-03-01', [
      { pcode: 'UA6314017', start: '2024-03-01', end: '2024-06-30', reached: 40 },
      { pcode: 'UA2604019', start: '2024-07-01', end: null, reached: 25 },
    ]);
    await programme('fixture-old', '2023-01-01', [
      { pcode: 'UA6312027', start: '2023-01-01', end: '2023-12-31' },
    ]);
  });

  it('sorts by start, newest first, then by code; sites by pcode', async () => {
    const { body } = await list();
    const order = body.programmes.map((p) => p.code);
    expect(order.filter((c) => c.startsWith('fixture-') || c === IPCG)).toEqual([
      'fixture-a',
      'fixture-b',
      'fixture-old',
      IPCG,
    ]);
    const a = body.programmes.find((p) => p.code === 'fixture-a')!;
    expect(a.sites.map((s) => [s.pcode, s.reached])).toEqual([
      ['UA2604019', 25],
      ['UA6314017', 40],
    ]);
    expect(a).toMatchObject({ budget: 120000, currency: 'EUR', donor: 'FIXTURE donor', source: null });
    expect(a.organisation).toMatchObject({ name: 'FIXTURE organisation', acronym: 'FIX', nameUk: null });
  });

  it('keeps only the sites active in the window, and open-ended sites stay active', async () => {
    const { body } = await list('?activeFrom=2030-01-01');
    const open = body.programmes.filter((p) => p.code.startsWith('fixture-'));
    expect(open.map((p) => p.code)).toEqual(['fixture-a', 'fixture-b']);
    expect(open[0]!.sites.map((s) => s.pcode)).toEqual(['UA2604019']);
    expect(body.programmes.map((p) => p.code)).not.toContain(IPCG);
    // Place and time are met by one site together: fixture-a was in UA6314017 only until June 2024.
    expect(await codes('?pcode=UA6314017&activeFrom=2024-08-01')).toEqual(['fixture-b']);
    expect(await codes('?pcode=UA6314017&activeFrom=2024-05-01&activeTo=2024-05-31')).toEqual([
      'fixture-a',
      'fixture-b',
    ]);
  });

  it('counts the new organisation, donor and sector in the facets, whatever the filter', async () => {
    const { body } = await list('?status=completed');
    expect(body.programmes.map((p) => p.code)).toEqual([IPCG]);
    expect(body.facets.organisations.find((o) => o.name === 'FIXTURE organisation')?.programmes).toBe(3);
    expect(body.facets.donors).toContain('FIXTURE donor');
    expect(body.facets.sectors).toEqual(expect.arrayContaining(['Social cohesion', 'Veteran reintegration']));
    expect(body.facets.statuses).toEqual(expect.arrayContaining(['active', 'completed']));
    for (const facet of [body.facets.donors, body.facets.sectors, body.facets.statuses])
      expect(facet).toHaveLength(new Set(facet).size);
    expect(await codes('?donor=FIXTURE%20donor&activeTo=2023-06-30')).toEqual(['fixture-old']);
  });

  it('traces the source through the import batch to its source file and dataset', async () => {
    const db = t.database.db;
    const { batch_id } = await db
      .selectFrom('programmes')
      .select('batch_id')
      .where('code', '=', IPCG)
      .executeTakeFirstOrThrow();
    expect(batch_id).not.toBeNull();
    await db
      .insertInto('source_files')
      .values({
        id: 'fixture-ipcg-seed',
        source_id: 'ipcg',
        title: 'FIXTURE: the seed CSV',
        url: null,
        sha256: '-',
        bytes: null,
        period: '2016/2019',
        retrieved_at: new Date().toISOString(),
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    await db
      .updateTable('import_batches')
      .set({ source_file_id: 'fixture-ipcg-seed' })
      .where('id', '=', batch_id!)
      .execute();

    const ipcg = (await t.getJson<Source[]>('/api/sources')).body.find((s) => s.id === 'ipcg')!;
    const p = (await list()).body.programmes.find((x) => x.code === IPCG)!;
    expect(p.source).toEqual({
      id: 'ipcg',
      name: ipcg.name,
      licence: ipcg.licence,
      attribution: ipcg.attribution,
    });
    expect(p.source?.licence).toMatch(/CC BY 4\.0/);
  });
});
