import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { DB } from '../../db/schema.ts';
import type { Executor } from '../../db/executor.ts';
import { AppError } from '../../shared/errors.ts';
import type { AuthUser, Principal } from '../../shared/principal.ts';
import { findLiveOrganisations } from '../organisations/organisations.repository.ts';
import type { Me } from './auth.schemas.ts';
import {
  clearLockout,
  countFailure,
  deleteExpiredSessions,
  deleteSession,
  findLockout,
  findSessionUser,
  findTokenUser,
  findUserByEmail,
  findUserOrganisationIds,
  insertSession,
  delayEmail,
  touchSession,
  touchToken,
  updatePasswordHash,
} from './auth.repository.ts';
import { hashPassword, needsRehash, verifyPassword } from './password.ts';
import { newSecret, sha256Hex } from './secrets.ts';

type Settings = Config['security'];

// last_seen_at / last_used_at are for people reading a list, not for security: one write a minute is enough.
const TOUCH_EVERY_MS = 60_000;

async function authUser(
  db: Executor,
  row: { id: number; email: string; name: string; role: AuthUser['role'] },
) {
  return { ...row, organisationIds: await findUserOrganisationIds(db, row.id) };
}

/** The principal of an API token, or null when it is unknown, revoked, or its user is disabled. */
export async function authenticateToken(db: Executor, token: string, now: Date): Promise<Principal | null> {
  const row = await findTokenUser(db, sha256Hex(token));
  if (!row) return null;
  if (row.last_used_at === null || now.getTime() - Date.parse(row.last_used_at) > TOUCH_EVERY_MS) {
    await touchToken(db, row.token_id, now.toISOString());
  }
  return { user: await authUser(db, row), via: 'token', tokenId: row.token_id };
}

/** The principal of a session cookie, or null when it is unknown or expired, or its user is disabled. */
export async function authenticateSession(
  db: Executor,
  cookie: string,
  now: Date,
): Promise<Principal | null> {
  const id = sha256Hex(cookie);
  const row = await findSessionUser(db, id, now.toISOString());
  if (!row) return null;
  if (now.getTime() - Date.parse(row.last_seen_at) > TOUCH_EVERY_MS) {
    await touchSession(db, id, now.toISOString());
  }
  return { user: await authUser(db, row), via: 'session', session: { id, csrfToken: row.csrf_token } };
}

// Verifying against a real hash when the email is unknown takes as long as for a known one, so the answer
// time does not tell which accounts exist. Made once, on first use.
let dummyHash: Promise<string> | undefined;
const unknownUserHash = () => (dummyHash ??= hashPassword(newSecret()));

/**
 * 429 with Retry-After while the email's sign-ins are delayed after many failures (from any address). A
 * delay, never a lock: it lasts seconds (at most `maxDelayMs`), so failing someone else's password cannot
 * keep the owner out (issue #11 item 3; OWASP Authentication Cheat Sheet, "Account Lockout": a lockout that
 * attackers can trigger is a denial of service; throttle with an increasing delay instead).
 */
export async function assertNotDelayed(db: Executor, email: string, now: Date): Promise<void> {
  const row = await findLockout(db, email);
  const waitMs = row?.locked_until ? Date.parse(row.locked_until) - now.getTime() : 0;
  if (waitMs > 0) {
    const seconds = Math.ceil(waitMs / 1000);
    throw new AppError(
      'TOO_MANY_REQUESTS',
      `too many failed sign-ins for this email: try again in ${seconds} s`,
      { retryAt: row!.locked_until, retryAfterSeconds: seconds },
      seconds,
    );
  }
}

/** The delay after the `failures`th failure of one account: none up to `free`, then 1 s, 2 s, 4 s … up to the cap. */
export function accountDelayMs(failures: number, s: Settings['login']): number {
  if (failures <= s.accountFreeFailures) return 0;
  return Math.min(1000 * 2 ** Math.min(failures - s.accountFreeFailures - 1, 30), s.maxDelayMs);
}

/**
 * Counts a failed sign-in for the email; past the free failures the next attempt must wait (accountDelayMs).
 * Failures older than the window are forgotten, so a typo a week ago does not count towards today's.
 */
export async function recordFailedSignIn(db: Kysely<DB>, email: string, now: Date, s: Settings) {
  await db.transaction().execute(async (trx) => {
    const forgetBefore = new Date(now.getTime() - s.login.windowMs).toISOString();
    const failures = await countFailure(trx, email, now.toISOString(), forgetBefore);
    const delay = accountDelayMs(failures, s.login);
    if (delay > 0) await delayEmail(trx, email, new Date(now.getTime() + delay).toISOString());
  });
}

/** Checks an email and password: the user, or 401 (429 while the email is delayed). Counts failures. */
export async function checkCredentials(
  db: Kysely<DB>,
  email: string,
  password: string,
  now: Date,
  s: Settings,
): Promise<{ user: AuthUser; passwordHash: string }> {
  await assertNotDelayed(db, email, now);
  const user = await findUserByEmail(db, email);
  const ok = await verifyPassword(password, user?.password_hash ?? (await unknownUserHash()));
  if (!user || !ok || user.disabled_at !== null) {
    await recordFailedSignIn(db, email, now, s);
    // One answer for an unknown email, a wrong password and a disabled account: nothing to enumerate.
    throw new AppError('UNAUTHORIZED', 'wrong email or password (or the account is disabled)');
  }
  await clearLockout(db, email);
  return { user: await authUser(db, user), passwordHash: user.password_hash };
}

export interface NewSession {
  /** The cookie value: only its SHA-256 is stored. */
  token: string;
  csrfToken: string;
  expiresAt: string;
  user: AuthUser;
}

/** Signs in: a new session for the user. */
export async function login(
  db: Kysely<DB>,
  email: string,
  password: string,
  now: Date,
  s: Settings,
): Promise<NewSession> {
  const { user, passwordHash } = await checkCredentials(db, email, password, now, s);
  // Hashes made with weaker parameters than today's are upgraded while the password is at hand.
  if (needsRehash(passwordHash)) await updatePasswordHash(db, user.id, await hashPassword(password));
  const token = newSecret();
  const csrfToken = newSecret();
  const expiresAt = new Date(now.getTime() + s.sessionTtlMs).toISOString();
  await deleteExpiredSessions(db, now.toISOString());
  await insertSession(db, {
    id: sha256Hex(token),
    userId: user.id,
    csrfToken,
    now: now.toISOString(),
    expiresAt,
  });
  return { token, csrfToken, expiresAt, user };
}

export async function logout(db: Executor, principal: Principal | null): Promise<void> {
  if (principal?.session) await deleteSession(db, principal.session.id);
}

/** A signed-in user as they see themselves: who they are and the live organisations they write for. */
export async function meOf(db: Executor, user: AuthUser): Promise<Me> {
  const organisations = await findLiveOrganisations(db, [...user.organisationIds]);
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    organisations: organisations.map((o) => ({ id: o.id, name: o.name })).sort((a, b) => a.id - b.id),
  };
}
