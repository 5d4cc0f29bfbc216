import type { Executor } from '../../db/executor.ts';

/** Live organisations with how many live programmes each. */
/** With `page`, at most limit + 1 rows from `offset` (issue #11: bounded lists). */
export async function findOrganisations(db: Executor, page?: { limit: number; offset: number }) {
  return db
    .selectFrom('organisations as o')
    .leftJoin('programmes as p', (j) =>
      j.onRef('p.organisation_id', '=', 'o.id').on('p.deleted_at', 'is', null),
    )
    .select([
      'o.id',
      'o.name',
      'o.name_uk',
      'o.acronym',
      'o.url',
      'o.created_at',
      (eb) => eb.fn.count<number>('p.id').as('programmes'),
    ])
    .where('o.deleted_at', 'is', null)
    .groupBy(['o.id', 'o.name', 'o.name_uk', 'o.acronym', 'o.url', 'o.created_at'])
    .orderBy('o.name')
    .orderBy('o.id')
    .$if(page !== undefined, (q) => q.limit(page!.limit + 1).offset(page!.offset))
    .execute();
}

export async function findOrganisation(db: Executor, id: number, forUpdate = false) {
  return db
    .selectFrom('organisations')
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .$if(forUpdate, (q) => q.forUpdate())
    .executeTakeFirst();
}

/** By exact name, deleted ones included (names stay unique across history). */
export async function findOrganisationByName(db: Executor, name: string) {
  return db.selectFrom('organisations').selectAll().where('name', '=', name).executeTakeFirst();
}

/** Live organisations among these ids. */
export async function findLiveOrganisations(db: Executor, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('organisations')
    .select(['id', 'name'])
    .where('id', 'in', ids)
    .where('deleted_at', 'is', null)
    .execute();
}

export interface OrganisationValues {
  name: string;
  name_uk: string | null;
  acronym: string | null;
  url: string | null;
}

export async function insertOrganisation(db: Executor, values: OrganisationValues, now: string) {
  return db
    .insertInto('organisations')
    .values({ ...values, created_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateOrganisation(db: Executor, id: number, set: Partial<OrganisationValues>) {
  return db
    .updateTable('organisations')
    .set(set)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function softDeleteOrganisation(db: Executor, id: number, now: string, by: number | null) {
  await db
    .updateTable('organisations')
    .set({ deleted_at: now, deleted_by: by })
    .where('id', '=', id)
    .execute();
}

/** Live programmes and assessments of the organisation: it cannot be deleted while it has any. */
export async function countLiveRecords(db: Executor, id: number) {
  const [programmes, assessments] = await Promise.all([
    db
      .selectFrom('programmes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('organisation_id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('assessments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('organisation_id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirstOrThrow(),
  ]);
  return { programmes: Number(programmes.n), assessments: Number(assessments.n) };
}
