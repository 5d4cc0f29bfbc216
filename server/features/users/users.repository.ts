import type { Role } from '../../db/schema.ts';
import type { Executor } from '../../db/executor.ts';

const columns = ['id', 'email', 'name', 'role', 'disabled_at', 'password_changed_at', 'created_at'] as const;

/** One user; `forUpdate` locks the row until the transaction ends (concurrent edits queue, not interleave). */
export async function findUser(db: Executor, id: number, forUpdate = false) {
  return db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', id)
    .$if(forUpdate, (q) => q.forUpdate())
    .executeTakeFirst();
}

export async function findUsers(db: Executor, ids?: number[], page?: { limit: number; offset: number }) {
  return db
    .selectFrom('users')
    .select(columns)
    .$if(ids !== undefined, (q) => q.where('id', 'in', ids!.length ? ids! : [-1]))
    .orderBy('email')
    .$if(page !== undefined, (q) => q.limit(page!.limit + 1).offset(page!.offset))
    .execute();
}

/** Memberships of these users, with the organisation names (deleted organisations included: still linked). */
export async function findMemberships(db: Executor, userIds: number[]) {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('user_organisations as uo')
    .innerJoin('organisations as o', 'o.id', 'uo.organisation_id')
    .select(['uo.user_id', 'o.id', 'o.name'])
    .where('uo.user_id', 'in', userIds)
    .orderBy('o.name')
    .execute();
}

export async function insertUser(
  db: Executor,
  u: { email: string; name: string; role: Role; passwordHash: string; now: string },
): Promise<number> {
  const row = await db
    .insertInto('users')
    .values({
      email: u.email,
      name: u.name,
      role: u.role,
      password_hash: u.passwordHash,
      password_changed_at: u.now,
      created_at: u.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateUser(
  db: Executor,
  id: number,
  set: Partial<{
    name: string;
    role: Role;
    password_hash: string;
    password_changed_at: string;
    disabled_at: string | null;
  }>,
): Promise<void> {
  if (Object.keys(set).length === 0) return;
  await db.updateTable('users').set(set).where('id', '=', id).execute();
}

export async function replaceMemberships(db: Executor, userId: number, organisationIds: number[]) {
  await db.deleteFrom('user_organisations').where('user_id', '=', userId).execute();
  if (organisationIds.length === 0) return;
  await db
    .insertInto('user_organisations')
    .values(organisationIds.map((organisation_id) => ({ user_id: userId, organisation_id })))
    .execute();
}

/** Enabled admins other than `exceptId`: there must always be one left. */
export async function countOtherActiveAdmins(db: Executor, exceptId: number): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .where('id', '<>', exceptId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countUsers(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
