import { sql } from 'kysely';
import type { Executor } from '../../db/executor.ts';

const userColumns = ['u.id', 'u.email', 'u.name', 'u.role'] as const;

/** The live organisations a user belongs to (a deleted organisation gives no rights). */
export async function findUserOrganisationIds(db: Executor, userId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('user_organisations as uo')
    .innerJoin('organisations as o', 'o.id', 'uo.organisation_id')
    .select('uo.organisation_id')
    .where('uo.user_id', '=', userId)
    .where('o.deleted_at', 'is', null)
    .orderBy('uo.organisation_id')
    .execute();
  return rows.map((r) => r.organisation_id);
}

/** A live session of an enabled user. */
export async function findSessionUser(db: Executor, sessionId: string, now: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([...userColumns, 's.csrf_token', 's.last_seen_at'])
    .where('s.id', '=', sessionId)
    .where('s.expires_at', '>', now)
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
}

/** An unrevoked token of an enabled user. */
export async function findTokenUser(db: Executor, tokenHash: string) {
  return db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select([...userColumns, 't.id as token_id', 't.last_used_at'])
    .where('t.token_hash', '=', tokenHash)
    .where('t.revoked_at', 'is', null)
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
}

export async function touchSession(db: Executor, sessionId: string, now: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', sessionId).execute();
}

export async function touchToken(db: Executor, tokenId: number, now: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', tokenId).execute();
}

export async function insertSession(
  db: Executor,
  s: { id: string; userId: number; csrfToken: string; now: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: s.id,
      user_id: s.userId,
      csrf_token: s.csrfToken,
      created_at: s.now,
      expires_at: s.expiresAt,
      last_seen_at: s.now,
    })
    .execute();
}

export async function deleteSession(db: Executor, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Signs a user out everywhere (password reset, disabling), except the session that asked, if any. */
export async function deleteUserSessions(db: Executor, userId: number, exceptId?: string): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptId !== undefined) query = query.where('id', '<>', exceptId);
  await query.execute();
}

export async function deleteExpiredSessions(db: Executor, now: string): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}

export async function findLockout(db: Executor, email: string) {
  return db.selectFrom('login_lockouts').selectAll().where('email', '=', email).executeTakeFirst();
}

/**
 * Counts one failed sign-in for the email, forgetting failures older than `forgetBefore`; returns the count.
 * One statement, so that concurrent guesses are all counted.
 */
export async function countFailure(
  db: Executor,
  email: string,
  now: string,
  forgetBefore: string,
): Promise<number> {
  const row = await db
    .insertInto('login_lockouts')
    .values({ email, failures: 1, last_failure_at: now, locked_until: null })
    .onConflict((oc) =>
      oc.column('email').doUpdateSet({
        failures: sql<number>`case when login_lockouts.last_failure_at < ${forgetBefore}
          then 1 else login_lockouts.failures + 1 end`,
        last_failure_at: now,
      }),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  return row.failures;
}

/** The email's next sign-in may not come before `until` (login_lockouts.locked_until, now a short delay). */
export async function delayEmail(db: Executor, email: string, until: string): Promise<void> {
  await db.updateTable('login_lockouts').set({ locked_until: until }).where('email', '=', email).execute();
}

export async function clearLockout(db: Executor, email: string): Promise<void> {
  await db.deleteFrom('login_lockouts').where('email', '=', email).execute();
}

/** The account signing in, by its (normalised) email; also how users keeps email addresses unique. */
export async function findUserByEmail(db: Executor, email: string) {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

/** A sign-in upgrades a hash made with weaker parameters (a rehash, not a password change: no audit). */
export async function updatePasswordHash(db: Executor, userId: number, passwordHash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
}
