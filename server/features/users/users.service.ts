import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Executor } from '../../db/executor.ts';
import { AppError } from '../../shared/errors.ts';
import { requireAdmin, type WriteContext } from '../auth/actor.ts';
import { deleteUserSessions, findUserByEmail } from '../auth/auth.repository.ts';
import { hashPassword } from '../auth/password.ts';
import { audited } from '../audit/audit.service.ts';
import { findLiveOrganisations } from '../organisations/organisations.repository.ts';
import {
  countOtherActiveAdmins,
  findMemberships,
  findUser,
  findUsers,
  insertUser,
  replaceMemberships,
  updateUser,
} from './users.repository.ts';
import type { NewUser, UserPatch, UserView } from './users.schemas.ts';

/** Users as the API (and the audit trail) shows them: never the password hash. */
export async function userViews(
  db: Executor,
  ids?: number[],
  page?: { limit: number; offset: number },
): Promise<UserView[]> {
  const users = await findUsers(db, ids, page);
  const memberships = await findMemberships(
    db,
    users.map((u) => u.id),
  );
  return users.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    organisations: memberships.filter((m) => m.user_id === u.id).map((m) => ({ id: m.id, name: m.name })),
    disabledAt: u.disabled_at,
    passwordChangedAt: u.password_changed_at,
    createdAt: u.created_at,
  }));
}

async function userView(db: Executor, id: number): Promise<UserView> {
  const [view] = await userViews(db, [id]);
  if (!view) throw new AppError('NOT_FOUND', `no user ${id}`);
  return view;
}

/** Every id must be a live organisation: 422 listing the ones that are not. */
async function checkOrganisations(db: Executor, ids: number[]): Promise<number[]> {
  const unique = [...new Set(ids)].sort((a, b) => a - b);
  const found = new Set((await findLiveOrganisations(db, unique)).map((o) => o.id));
  const missing = unique.filter((id) => !found.has(id));
  if (missing.length) {
    throw new AppError('UNPROCESSABLE', `no organisation ${missing.join(', ')}`, {
      organisationIds: missing,
    });
  }
  return unique;
}

export async function listUsers(
  db: Executor,
  ctx: Pick<WriteContext, 'actor'>,
  page?: { limit: number; offset: number },
): Promise<UserView[]> {
  requireAdmin(ctx.actor, 'list users');
  return userViews(db, undefined, page);
}

export async function createUser(db: Kysely<DB>, ctx: WriteContext, input: NewUser): Promise<UserView> {
  requireAdmin(ctx.actor, 'create users');
  const passwordHash = await hashPassword(input.password);
  return audited(db, ctx, async (trx) => {
    if (await findUserByEmail(trx, input.email)) {
      throw new AppError('CONFLICT', `a user with email ${input.email} exists`);
    }
    const organisationIds = await checkOrganisations(trx, input.organisationIds);
    const id = await insertUser(trx, { ...input, passwordHash, now: ctx.now.toISOString() });
    await replaceMemberships(trx, id, organisationIds);
    const after = await userView(trx, id);
    return {
      value: after,
      audit: {
        action: 'create',
        entityType: 'user',
        entityId: id,
        organisationId: null,
        before: null,
        after,
      },
    };
  });
}

export async function updateUserAccount(
  db: Kysely<DB>,
  ctx: WriteContext,
  id: number,
  patch: UserPatch,
): Promise<UserView> {
  requireAdmin(ctx.actor, 'change users');
  const passwordHash = patch.password === undefined ? undefined : await hashPassword(patch.password);
  return audited(db, ctx, async (trx) => {
    const user = await findUser(trx, id, true);
    if (!user) throw new AppError('NOT_FOUND', `no user ${id}`);
    const before = await userView(trx, id);
    const stopsBeingAdmin =
      user.role === 'admin' &&
      user.disabled_at === null &&
      ((patch.role !== undefined && patch.role !== 'admin') || patch.disabled === true);
    if (stopsBeingAdmin && (await countOtherActiveAdmins(trx, id)) === 0) {
      throw new AppError('CONFLICT', 'this is the last active admin: make another admin first');
    }
    const now = ctx.now.toISOString();
    await updateUser(trx, id, {
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.role !== undefined && { role: patch.role }),
      ...(passwordHash !== undefined && { password_hash: passwordHash, password_changed_at: now }),
      ...(patch.disabled !== undefined && {
        disabled_at: patch.disabled ? (user.disabled_at ?? now) : null,
      }),
    });
    if (patch.organisationIds !== undefined) {
      await replaceMemberships(trx, id, await checkOrganisations(trx, patch.organisationIds));
    }
    // A new password or a disabled account ends every session (tokens stop at the disabled check).
    if (passwordHash !== undefined || patch.disabled === true) await deleteUserSessions(trx, id);
    const after = await userView(trx, id);
    return {
      value: after,
      audit: { action: 'update', entityType: 'user', entityId: id, organisationId: null, before, after },
    };
  });
}

/** A user sets their own password; their other sessions end. The caller has checked the current one. */
export async function setOwnPassword(
  db: Kysely<DB>,
  ctx: WriteContext,
  newPassword: string,
  keepSessionId?: string,
): Promise<void> {
  const id = ctx.actor.userId;
  if (id === null) throw new AppError('BAD_REQUEST', 'no user to change the password of');
  const passwordHash = await hashPassword(newPassword);
  await audited(db, ctx, async (trx) => {
    const before = await userView(trx, id);
    await updateUser(trx, id, { password_hash: passwordHash, password_changed_at: ctx.now.toISOString() });
    await deleteUserSessions(trx, id, keepSessionId);
    const after = await userView(trx, id);
    return {
      value: undefined,
      audit: { action: 'update', entityType: 'user', entityId: id, organisationId: null, before, after },
    };
  });
}

/**
 * The first admin (and a way back in): `npm run admin:create`. Creates an admin, or with `reset` gives an
 * existing account a new password, the admin role and re-enables it. Audited as done from the command line.
 */
export async function createAdmin(
  db: Kysely<DB>,
  ctx: WriteContext,
  input: { email: string; name: string; password: string; reset?: boolean },
): Promise<{ user: UserView; created: boolean }> {
  requireAdmin(ctx.actor, 'create admins');
  const existing = await findUserByEmail(db, input.email);
  if (!existing) {
    const user = await createUser(db, ctx, { ...input, role: 'admin', organisationIds: [] });
    return { user, created: true };
  }
  if (!input.reset) {
    throw new AppError(
      'CONFLICT',
      `a user with email ${input.email} exists; add --reset to give it a new password and make it an active admin`,
    );
  }
  const user = await updateUserAccount(db, ctx, existing.id, {
    password: input.password,
    role: 'admin',
    disabled: false,
  });
  return { user, created: false };
}
