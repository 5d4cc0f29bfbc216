import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PROGRAMME_PAGE_BUDGET_BYTES,
  SITES_PER_PROGRAMME,
  type ProgrammeList,
  type ProgrammeSummary,
} from '../../server/features/programmes/programmes.schemas.ts';
import { encodeCursor } from '../../server/shared/pagination.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// Issue #11 item 2: GET /api/programmes returned every programme with every site (71 MB after one 100,000-row
// 5W upload). Now a page is bounded (limit ≤ 200, ≤ 20 sites a programme, under the documented budget) and
// the Coverage view's figures come from GET /api/programmes/summary, computed in SQL. Loaded here: 5,000
// programmes with 50,000 sites written straight to this test file's database, plus one with 300 sites.

const PROGRAMMES = 5000;
const SITES_EACH = 10;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const { id: org } = await db
    .insertInto('organisations')
    .values({ name: 'FIXTURE bulk organisation' })
    .returning('id')
    .executeTakeFirstOrThrow();
  // Many programmes share a start date, so that the page key's tie-break (the code) is exercised.
  await sql`insert into programmes (code, organisation_id, donor, sector, title, period_start, period_end, status)
    select 'bulk-' || lpad(i::text, 5, '0'), ${org},
      case when i % 3 = 0 then null else 'FIXTURE donor ' || (i % 7) end,
      'FIXTURE sector ' || (i % 5), 'FIXTURE bulk programme ' || i,
      date '2022-01-01' + (i % 400), case when i % 2 = 0 then date '2026-12-31' else null end, 'active'
    from generate_series(1, ${PROGRAMMES}) i`.execute(db);
  await sql`with h as (
      select pcode, row_number() over (order by pcode) - 1 as n, count(*) over () as total
      from admin_units where level = 'hromada')
    insert into programme_sites (programme_id, unit_pcode, period_start, period_end, reached)
    select p.id, h.pcode, p.period_start, p.period_end, case when k % 2 = 0 then 100 + k else null end
    from programmes p cross join generate_series(0, ${SITES_EACH - 1}) k
    join h on h.n = (p.id * 7 + k * 131) % h.total
    where p.code like 'bulk-%'`.execute(db);
  await sql`insert into programmes (code, organisation_id, sector, title, period_start, status)
    values ('bulk-wide', ${org}, 'FIXTURE sector 0', 'FIXTURE wide programme', date '2021-06-01', 'active')`.execute(
    db,
  );
  await sql`insert into programme_sites (programme_id, unit_pcode, period_start)
    select (select id from programmes where code = 'bulk-wide'), pcode, date '2021-06-01'
    from admin_units where level = 'hromada' order by pcode limit 300`.execute(db);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

/** GET a path: its parsed body and its size as sent (uncompressed JSON). */
async function get<T>(path: string): Promise<{ status: number; body: T; bytes: number }> {
  const res = await t.app.request(path);
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as T, bytes: Buffer.byteLength(text) };
}

/** Every page of a list query, following nextCursor; with each page's size. */
async function pages(query: string) {
  const out: { body: ProgrammeList; bytes: number }[] = [];
  let cursor: string | null = null;
  do {
    const sep = query ? '&' : '?';
    const path: string = `/api/programmes${query}${cursor ? `${sep}cursor=${cursor}` : ''}`;
    const res: { status: number; body: ProgrammeList; bytes: number } = await get<ProgrammeList>(path);
    expect(res.status, path).toBe(200);
    out.push(res);
    cursor = res.body.nextCursor;
  } while (cursor !== null && out.length < 1000);
  return out;
}

describe('GET /api/programmes pages 5,000 programmes and 50,000 sites', () => {
  it('pages through every programme exactly once, in order, each page under the budget', async () => {
    const all = await pages('?limit=200');
    const codes = all.flatMap((p) => p.body.programmes.map((x) => x.code));
    const expected = (
      await t.database.db
        .selectFrom('programmes')
        .select('code')
        .where('deleted_at', 'is', null)
        .orderBy('period_start', 'desc')
        .orderBy('code')
        .execute()
    ).map((r) => r.code);
    expect(codes).toEqual(expected);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.length).toBeGreaterThan(PROGRAMMES);
    for (const p of all) {
      expect(p.body.programmes.length).toBeLessThanOrEqual(200);
      expect(p.body.total).toBe(expected.length);
      expect(p.bytes).toBeLessThan(PROGRAMME_PAGE_BUDGET_BYTES);
    }
    const largest = Math.max(...all.map((p) => p.bytes));
    console.info(
      `largest page of 200: ${(largest / 1024).toFixed(0)} KiB (budget ${PROGRAMME_PAGE_BUDGET_BYTES / 1024} KiB)`,
    );
  });

  it('gives 50 by default, refuses more than 200, and a cursor that is not one of its own', async () => {
    const first = await get<ProgrammeList>('/api/programmes');
    expect(first.body.programmes).toHaveLength(50);
    expect(first.body.nextCursor).not.toBeNull();
    expect((await get('/api/programmes?limit=201')).status).toBe(400);
    for (const cursor of ['x', encodeCursor([1]), encodeCursor(['2024-01-01'])]) {
      const bad = await get<{ error: { message: string } }>(`/api/programmes?cursor=${cursor}`);
      expect(bad.status, cursor).toBe(400);
      expect(bad.body.error.message).toMatch(/^query parameter cursor/);
    }
  });

  it('pages a filtered list the same way, and its total is the summary count', async () => {
    const query = '?sector=FIXTURE%20sector%202&activeFrom=2027-01-01';
    const all = await pages(`${query}&limit=37`);
    const codes = all.flatMap((p) => p.body.programmes.map((x) => x.code));
    // Open-ended programmes only (odd i) of sector 2: i ≡ 2 (mod 5) and odd.
    const expected = Array.from({ length: PROGRAMMES }, (_, k) => k + 1).filter(
      (i) => i % 5 === 2 && i % 2 === 1,
    );
    expect(new Set(codes)).toEqual(new Set(expected.map((i) => `bulk-${String(i).padStart(5, '0')}`)));
    expect(codes).toHaveLength(expected.length);
    const summary = await get<ProgrammeSummary>(`/api/programmes/summary${query}`);
    expect(summary.body.programmes).toBe(all[0]!.body.total);
    expect(summary.body.programmes).toBe(expected.length);
  });

  it('lists at most 20 sites of a programme with siteCount; GET /api/programmes/{code} gives them all', async () => {
    const wide = (await pages('?limit=200'))
      .flatMap((p) => p.body.programmes)
      .find((p) => p.code === 'bulk-wide')!;
    expect(wide.sites).toHaveLength(SITES_PER_PROGRAMME);
    expect(wide.siteCount).toBe(300);
    expect(wide.sites.map((s) => s.pcode)).toEqual([...wide.sites.map((s) => s.pcode)].sort());
    const detail = await get<ProgrammeList['programmes'][number]>('/api/programmes/bulk-wide');
    expect(detail.body.sites).toHaveLength(300);
    expect(detail.body.siteCount).toBe(300);
  });
});

describe('GET /api/programmes/summary', () => {
  it('counts in SQL what the Coverage view used to count in the browser, under the budget', async () => {
    const db = t.database.db;
    // The oracle: every live programme and site, counted here in JS.
    const programmes = await db
      .selectFrom('programmes')
      .select(['id', 'organisation_id', 'donor', 'sector', 'batch_id'])
      .where('deleted_at', 'is', null)
      .execute();
    const sites = await db
      .selectFrom('programme_sites as s')
      .innerJoin('programmes as p', 'p.id', 's.programme_id')
      .select(['s.programme_id', 's.unit_pcode', 's.reached', 'p.sector'])
      .where('s.deleted_at', 'is', null)
      .where('p.deleted_at', 'is', null)
      .execute();
    const { body, bytes } = await get<ProgrammeSummary>('/api/programmes/summary');
    expect(bytes).toBeLessThan(PROGRAMME_PAGE_BUDGET_BYTES);
    console.info(`summary over ${programmes.length} programmes: ${(bytes / 1024).toFixed(0)} KiB`);
    expect(body.programmes).toBe(programmes.length);
    expect(body.organisations).toBe(new Set(programmes.map((p) => p.organisation_id)).size);
    expect(body.donors).toBe(new Set(programmes.filter((p) => p.donor).map((p) => p.donor)).size);
    expect(body.noDonor).toBe(programmes.filter((p) => !p.donor).length);
    const pcodes = new Set(sites.map((s) => s.unit_pcode));
    expect(body.hromadas).toBe(pcodes.size);
    expect(body.oblasts).toBe(new Set(sites.map((s) => s.unit_pcode.slice(0, 4))).size);
    expect(body.reached).toEqual({
      people: sites.reduce((a, s) => a + (s.reached ?? 0), 0),
      sitesKnown: sites.filter((s) => s.reached !== null).length,
      sites: sites.length,
    });
    const sector = (key: string) => ({
      key,
      programmes: programmes.filter((p) => p.sector === key).length,
      hromadas: new Set(sites.filter((s) => s.sector === key).map((s) => s.unit_pcode)).size,
    });
    for (const row of body.bySector) expect(row).toEqual(sector(row.key));
    expect(body.bySector.map((r) => r.key).sort()).toEqual(
      [...new Set(programmes.map((p) => p.sector))].sort(),
    );
    // One entry per hromada with a site: bounded by the hromadas, not the 50,000 sites.
    expect(body.hromadaProgrammes).toHaveLength(pcodes.size);
    const some = body.hromadaProgrammes[17]!;
    const there = sites.filter((s) => s.unit_pcode === some.pcode);
    expect(some.programmes).toBe(new Set(there.map((s) => s.programme_id)).size);
    expect(some.sectors).toEqual([...new Set(there.map((s) => s.sector))].sort());
    expect(body.sources.reduce((a, s) => a + s.programmes, 0)).toBe(programmes.length);
  });
});
