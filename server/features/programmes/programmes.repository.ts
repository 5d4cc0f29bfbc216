import { sql } from 'kysely';
import type { ProgrammesTable, ProgrammeStatus } from '../../db/schema.ts';
import type { Executor } from '../../db/executor.ts';

export interface ProgrammeFilter {
  /** One programme, by code (GET /api/programmes/{code}). */
  code?: string;
  organisation?: number;
  donor?: string;
  sector?: string;
  status?: ProgrammeStatus;
  activeFrom?: string;
  activeTo?: string;
  pcode?: string;
}

/**
 * Programme sites whose period overlaps [activeFrom, activeTo] (both inclusive, either open). Dates are
 * compared as dates: the importer stores a bare start year as 1 January and a bare end year as
 * 31 December, so a site of "2016–2019" is active on any day of 2019; a null end is open-ended.
 */
function sitesActiveIn(db: Executor, f: Pick<ProgrammeFilter, 'activeFrom' | 'activeTo'>) {
  let query = db.selectFrom('programme_sites as s').where('s.deleted_at', 'is', null);
  if (f.activeTo !== undefined) query = query.where('s.period_start', '<=', f.activeTo);
  if (f.activeFrom !== undefined) {
    const from = f.activeFrom;
    query = query.where((eb) => eb.or([eb('s.period_end', 'is', null), eb('s.period_end', '>=', from)]));
  }
  return query;
}

/** The live programmes that pass the filters (ids only: the base of the list, its count and its summary). */
function programmesWhere(db: Executor, f: ProgrammeFilter) {
  let query = db.selectFrom('programmes as p').where('p.deleted_at', 'is', null);
  if (f.code !== undefined) query = query.where('p.code', '=', f.code);
  if (f.organisation !== undefined) query = query.where('p.organisation_id', '=', f.organisation);
  if (f.donor !== undefined) query = query.where('p.donor', '=', f.donor);
  if (f.sector !== undefined) query = query.where('p.sector', '=', f.sector);
  if (f.status !== undefined) query = query.where('p.status', '=', f.status);
  if (f.activeFrom !== undefined || f.activeTo !== undefined || f.pcode !== undefined) {
    // One site must meet the place and the time together: "active in this hromada in this window".
    const pcode = f.pcode;
    const sites = sitesActiveIn(db, f)
      .$if(pcode !== undefined, (q) => q.where('s.unit_pcode', '=', pcode!))
      .select('s.programme_id');
    query = query.where('p.id', 'in', sites);
  }
  return query;
}

/** Where a page starts: after the (period_start, code) of the previous page's last programme. */
export type ProgrammeKey = readonly [periodStart: string, code: string];

/**
 * The programmes that pass the filters, with their organisation and the source dataset of the batch that
 * imported them (batch → source file → source; null for local uploads). Newest start first, then by code.
 * With `page`, at most `limit` + 1 of them after `after` (keyset: issue #11 item 2), so the caller knows
 * whether a next page exists.
 */
export async function findProgrammes(
  db: Executor,
  f: ProgrammeFilter,
  page?: { limit: number; after?: ProgrammeKey },
) {
  let query = programmesWhere(db, f)
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .leftJoin('import_batches as b', 'b.id', 'p.batch_id')
    .leftJoin('source_files as sf', 'sf.id', 'b.source_file_id')
    .leftJoin('sources as src', 'src.id', 'sf.source_id')
    .select([
      'p.id',
      'p.code',
      'p.title',
      'p.description',
      'p.donor',
      'p.sector',
      'p.period_start',
      'p.period_end',
      'p.status',
      'p.budget',
      'p.currency',
      'o.id as organisation_id',
      'o.name as organisation_name',
      'o.name_uk as organisation_name_uk',
      'o.acronym as organisation_acronym',
      'src.id as source_id',
      'src.name as source_name',
      'src.licence as source_licence',
      'src.attribution as source_attribution',
    ]);
  if (page?.after) {
    const [start, code] = page.after;
    query = query.where((eb) =>
      eb.or([
        eb('p.period_start', '<', start),
        eb.and([eb('p.period_start', '=', start), eb('p.code', '>', code)]),
      ]),
    );
  }
  if (page) query = query.limit(page.limit + 1);
  return query.orderBy('p.period_start', 'desc').orderBy('p.code').execute();
}

/** How many programmes pass the filters. */
export async function countProgrammes(db: Executor, f: ProgrammeFilter): Promise<number> {
  const row = await programmesWhere(db, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The sites of these programmes active in the window (all of them without one), with unit names; with
 * `perProgramme`, only the first that many of each (by pcode and start), each row carrying how many the
 * programme has in all (issue #11 item 2: a list page stays bounded however many sites a programme has).
 */
export async function findProgrammeSites(
  db: Executor,
  programmeIds: number[],
  f: Pick<ProgrammeFilter, 'activeFrom' | 'activeTo'>,
  perProgramme?: number,
) {
  if (programmeIds.length === 0) return [];
  const ranked = sitesActiveIn(db, f)
    .innerJoin('admin_units as u', 'u.pcode', 's.unit_pcode')
    .select([
      's.programme_id',
      's.unit_pcode',
      'u.name_uk',
      'u.name_en',
      // Pcodes nest: a hromada's first four characters are its oblast (UA6312027 → UA63).
      sql<string>`left(s.unit_pcode, 4)`.as('oblast_pcode'),
      's.period_start',
      's.period_end',
      's.reached',
      sql<number>`row_number() over (partition by s.programme_id order by s.unit_pcode, s.period_start)`.as(
        'n',
      ),
      sql<number>`count(*) over (partition by s.programme_id)`.as('site_count'),
    ])
    .where('s.programme_id', 'in', programmeIds);
  return db
    .selectFrom(ranked.as('r'))
    .selectAll()
    .$if(perProgramme !== undefined, (q) => q.where('r.n', '<=', perProgramme!))
    .orderBy('r.programme_id')
    .orderBy('r.unit_pcode')
    .orderBy('r.period_start')
    .execute();
}

/** Organisations with how many programmes each, over all programmes. */
export async function findOrganisationFacet(db: Executor) {
  return db
    .selectFrom('organisations as o')
    .innerJoin('programmes as p', 'p.organisation_id', 'o.id')
    .where('p.deleted_at', 'is', null)
    .select(['o.id', 'o.name', 'o.name_uk', 'o.acronym', (eb) => eb.fn.countAll<number>().as('programmes')])
    .groupBy(['o.id', 'o.name', 'o.name_uk', 'o.acronym'])
    .orderBy('o.name')
    .execute();
}

/** The distinct donors, sectors and statuses in use, over all programmes. */
export async function findProgrammeValueFacets(db: Executor) {
  const distinct = async (column: 'donor' | 'sector' | 'status') =>
    (
      await db
        .selectFrom('programmes')
        .select(column)
        .distinct()
        .where(column, 'is not', null)
        .where('deleted_at', 'is', null)
        .orderBy(column)
        .execute()
    ).map((r) => r[column] as string);
  const [donors, sectors, statuses] = await Promise.all([
    distinct('donor'),
    distinct('sector'),
    distinct('status'),
  ]);
  return { donors, sectors, statuses: statuses as ProgrammeStatus[] };
}

// The Coverage view's figures over every programme that passes the filters, computed in SQL (issue #11
// item 2): bounded by the number of sectors, oblasts, hromadas and sources, not by the number of programmes.

/** The filtered programmes joined to their sites active in the window (a programme without one: null site). */
function filteredWithSites(db: Executor, f: ProgrammeFilter) {
  const ids = programmesWhere(db, f).select('p.id');
  const sites = sitesActiveIn(db, f)
    .innerJoin('admin_units as u', 'u.pcode', 's.unit_pcode')
    .select(['s.programme_id', 's.unit_pcode', 's.reached']);
  return db
    .selectFrom('programmes as p')
    .leftJoin(sites.as('s'), 's.programme_id', 'p.id')
    .where('p.id', 'in', ids);
}

export async function findProgrammeTotals(db: Executor, f: ProgrammeFilter) {
  const [programmes, sites] = await Promise.all([
    programmesWhere(db, f)
      .select([
        sql<number>`count(*)`.as('programmes'),
        sql<number>`count(distinct p.organisation_id)`.as('organisations'),
        sql<number>`count(distinct p.donor)`.as('donors'),
        sql<number>`count(*) filter (where p.donor is null)`.as('no_donor'),
        sql<string | null>`min(p.period_start)`.as('earliest'),
        sql<string | null>`max(coalesce(p.period_end, p.period_start))`.as('latest'),
      ])
      .executeTakeFirstOrThrow(),
    filteredWithSites(db, f)
      .where('s.unit_pcode', 'is not', null)
      .select([
        sql<number>`count(distinct s.unit_pcode)`.as('hromadas'),
        sql<number>`count(distinct left(s.unit_pcode, 4))`.as('oblasts'),
        sql<number>`count(*)`.as('sites'),
        sql<number>`count(s.reached)`.as('sites_known'),
        sql<number>`coalesce(sum(s.reached), 0)`.as('people'),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  return { ...programmes, ...sites };
}

/** Programmes and distinct hromadas per sector (a programme without a site in the window counts, with none). */
export async function findSectorCounts(db: Executor, f: ProgrammeFilter) {
  return filteredWithSites(db, f)
    .select([
      'p.sector as key',
      sql<number>`count(distinct p.id)`.as('programmes'),
      sql<number>`count(distinct s.unit_pcode)`.as('hromadas'),
    ])
    .groupBy('p.sector')
    .execute();
}

/** Programmes and distinct hromadas per oblast of their sites. */
export async function findOblastCounts(db: Executor, f: ProgrammeFilter) {
  return filteredWithSites(db, f)
    .where('s.unit_pcode', 'is not', null)
    .select([
      sql<string>`left(s.unit_pcode, 4)`.as('key'),
      sql<number>`count(distinct p.id)`.as('programmes'),
      sql<number>`count(distinct s.unit_pcode)`.as('hromadas'),
    ])
    .groupBy(sql`left(s.unit_pcode, 4)`)
    .execute();
}

/** Per hromada with a site: how many programmes, their sectors (sorted), and the newest programme there. */
export async function findHromadaProgrammes(db: Executor, f: ProgrammeFilter) {
  const [counts, firsts] = await Promise.all([
    filteredWithSites(db, f)
      .where('s.unit_pcode', 'is not', null)
      .select([
        's.unit_pcode as pcode',
        sql<number>`count(distinct p.id)`.as('programmes'),
        sql<string[]>`array_agg(distinct p.sector order by p.sector)`.as('sectors'),
      ])
      .groupBy('s.unit_pcode')
      .orderBy('s.unit_pcode')
      .execute(),
    // The first programme in the list's order (newest start, then code): what the map's tooltip names.
    filteredWithSites(db, f)
      .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
      .where('s.unit_pcode', 'is not', null)
      .distinctOn('s.unit_pcode')
      .select([
        's.unit_pcode as pcode',
        'p.code',
        'p.sector',
        'p.period_start',
        'p.period_end',
        'o.id as organisation_id',
        'o.name as organisation_name',
        'o.name_uk as organisation_name_uk',
        'o.acronym as organisation_acronym',
      ])
      .orderBy('s.unit_pcode')
      .orderBy('p.period_start', 'desc')
      .orderBy('p.code')
      .execute(),
  ]);
  return { counts, firsts };
}

/** The source datasets of the filtered programmes, with how many each (null id: entered without one). */
export async function findSourceCounts(db: Executor, f: ProgrammeFilter) {
  return programmesWhere(db, f)
    .leftJoin('import_batches as b', 'b.id', 'p.batch_id')
    .leftJoin('source_files as sf', 'sf.id', 'b.source_file_id')
    .leftJoin('sources as src', 'src.id', 'sf.source_id')
    .select([
      'src.id',
      'src.name',
      'src.licence',
      'src.attribution',
      (eb) => eb.fn.countAll<number>().as('programmes'),
    ])
    .groupBy(['src.id', 'src.name', 'src.licence', 'src.attribution'])
    .orderBy('src.id')
    .execute();
}

// Writes (issue #6). Every function takes the caller's transaction; the service audits.

/** A programme's own fields, as the table has them (the code, ids, batch and deletion marks apart). */
export type ProgrammeColumns = Pick<
  ProgrammesTable,
  | 'organisation_id'
  | 'donor'
  | 'sector'
  | 'title'
  | 'description'
  | 'period_start'
  | 'period_end'
  | 'status'
  | 'budget'
  | 'currency'
>;

/** A programme by code, deleted ones included (codes are never reused); `forUpdate` locks it. */
export async function findProgrammeRow(db: Executor, code: string, forUpdate = false) {
  return db
    .selectFrom('programmes')
    .selectAll()
    .where('code', '=', code)
    .$if(forUpdate, (q) => q.forUpdate())
    .executeTakeFirst();
}

export async function findProgrammeRows(db: Executor, codes: string[], forUpdate = false) {
  if (codes.length === 0) return [];
  return db
    .selectFrom('programmes')
    .selectAll()
    .where('code', 'in', codes)
    .$if(forUpdate, (q) => q.forUpdate())
    .execute();
}

export type ProgrammeRow = NonNullable<Awaited<ReturnType<typeof findProgrammeRow>>>;

export async function insertProgramme(
  db: Executor,
  values: ProgrammeColumns & { code: string; batch_id?: number | null },
): Promise<ProgrammeRow> {
  return db.insertInto('programmes').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateProgrammeRow(
  db: Executor,
  id: number,
  set: Partial<ProgrammeColumns> & { batch_id?: number | null },
): Promise<ProgrammeRow> {
  return db.updateTable('programmes').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function softDeleteProgramme(db: Executor, id: number, now: string, by: number | null) {
  await db.updateTable('programmes').set({ deleted_at: now, deleted_by: by }).where('id', '=', id).execute();
}

/** The live sites of these programmes, by programme, pcode and start. */
export async function findLiveSites(db: Executor, programmeIds: number[]) {
  if (programmeIds.length === 0) return [];
  return db
    .selectFrom('programme_sites')
    .select(['programme_id', 'unit_pcode', 'period_start', 'period_end', 'reached'])
    .where('programme_id', 'in', programmeIds)
    .where('deleted_at', 'is', null)
    .orderBy('programme_id')
    .orderBy('unit_pcode')
    .orderBy('period_start')
    .execute();
}

export interface SiteValues {
  unit_pcode: string;
  period_start: string;
  period_end: string | null;
  reached: number | null;
}

/** Adds sites, or updates the end and reach of a live site with the same pcode and start. */
export async function upsertSites(
  db: Executor,
  programmeId: number,
  sites: SiteValues[],
  batchId: number | null = null,
): Promise<void> {
  if (sites.length === 0) return;
  await db
    .insertInto('programme_sites')
    .values(sites.map((s) => ({ ...s, programme_id: programmeId, batch_id: batchId })))
    .onConflict((oc) =>
      oc
        .columns(['programme_id', 'unit_pcode', 'period_start'])
        .where('deleted_at', 'is', null)
        .doUpdateSet((eb) => ({
          period_end: eb.ref('excluded.period_end'),
          reached: eb.ref('excluded.reached'),
          batch_id: eb.ref('excluded.batch_id'),
        })),
    )
    .execute();
}

/** Marks live sites deleted: those at the given pcodes, or with the given pcode and start. */
export async function softDeleteSites(
  db: Executor,
  programmeId: number,
  now: string,
  by: number | null,
  only: { pcodes: string[] } | { keys: { unit_pcode: string; period_start: string }[] },
): Promise<number> {
  const keys = 'keys' in only ? only.keys : [];
  if ('keys' in only && keys.length === 0) return 0;
  const result = await db
    .updateTable('programme_sites')
    .set({ deleted_at: now, deleted_by: by })
    .where('programme_id', '=', programmeId)
    .where('deleted_at', 'is', null)
    .where((eb) =>
      'pcodes' in only
        ? eb('unit_pcode', 'in', only.pcodes)
        : eb.or(
            keys.map((k) =>
              eb.and([eb('unit_pcode', '=', k.unit_pcode), eb('period_start', '=', k.period_start)]),
            ),
          ),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Live organisations by exact name (5W uploads name organisations, not ids). */
export async function findOrganisationsByName(db: Executor, names: string[]) {
  if (names.length === 0) return [];
  return db
    .selectFrom('organisations')
    .select(['id', 'name', 'deleted_at'])
    .where('name', 'in', names)
    .execute();
}

/**
 * Every site of the filtered programmes active in the window, with its programme, organisation, hromada and
 * oblast: the rows of the Coverage exports and of the 3W pivot (issue #14, item 7). Ordered so that a file
 * reads by organisation, then programme, then place.
 */
export async function findSiteRows(db: Executor, f: ProgrammeFilter) {
  const ids = programmesWhere(db, f).select('p.id');
  return sitesActiveIn(db, f)
    .innerJoin('programmes as p', 'p.id', 's.programme_id')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .innerJoin('admin_units as u', 'u.pcode', 's.unit_pcode')
    .leftJoin('admin_units as ob', (join) => join.on('ob.pcode', '=', sql<string>`left(s.unit_pcode, 4)`))
    .where('p.id', 'in', ids)
    .select([
      'p.code',
      'p.title',
      'p.donor',
      'p.sector',
      'p.status',
      'p.period_start as programme_start',
      'p.period_end as programme_end',
      'o.name as organisation',
      'o.acronym as organisation_acronym',
      'o.name_uk as organisation_uk',
      's.unit_pcode as pcode',
      'u.name_uk',
      'u.name_en',
      sql<string>`left(s.unit_pcode, 4)`.as('oblast_pcode'),
      'ob.name_uk as oblast_name_uk',
      'ob.name_en as oblast_name_en',
      's.period_start',
      's.period_end',
      's.reached',
    ])
    .orderBy('o.name')
    .orderBy('p.code')
    .orderBy('s.unit_pcode')
    .orderBy('s.period_start')
    .execute();
}

export type SiteRow = Awaited<ReturnType<typeof findSiteRows>>[number];
