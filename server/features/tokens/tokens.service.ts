import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Executor } from '../../db/executor.ts';
import { AppError } from '../../shared/errors.ts';
import { isAdmin, type Actor, type WriteContext } from '../auth/actor.ts';
import { displayPrefix, newApiToken, sha256Hex } from '../auth/secrets.ts';
import { audited } from '../audit/audit.service.ts';
import { findToken, findTokens, insertToken, revokeToken as revokeTokenRow } from './tokens.repository.ts';
import type { TokenView } from './tokens.schemas.ts';

type TokenRow = Awaited<ReturnType<typeof findTokens>>[number];

function view(t: TokenRow): TokenView {
  return {
    id: t.id,
    userId: t.user_id,
    name: t.name,
    prefix: t.prefix,
    createdAt: t.created_at,
    lastUsedAt: t.last_used_at,
    revokedAt: t.revoked_at,
  };
}

function userIdOf(actor: Actor): number {
  if (actor.userId === null) throw new AppError('FORBIDDEN', 'API tokens belong to users');
  return actor.userId;
}

/** Your own tokens; an admin may list another user's. */
export async function listTokens(
  db: Executor,
  actor: Actor,
  userId?: number,
  page?: { limit: number; offset: number },
): Promise<TokenView[]> {
  const self = userIdOf(actor);
  if (userId !== undefined && userId !== self && !isAdmin(actor)) {
    throw new AppError('FORBIDDEN', "only an admin can list another user's tokens");
  }
  return (await findTokens(db, userId ?? self, page)).map(view);
}

/** A new token for the caller, with the caller's rights. The secret is returned once and stored hashed. */
export async function createToken(
  db: Kysely<DB>,
  ctx: WriteContext,
  name: string,
): Promise<{ token: TokenView; secret: string }> {
  const userId = userIdOf(ctx.actor);
  const secret = newApiToken();
  return audited(db, ctx, async (trx) => {
    const row = await insertToken(trx, {
      userId,
      name,
      tokenHash: sha256Hex(secret),
      prefix: displayPrefix(secret),
      now: ctx.now.toISOString(),
    });
    const after = view(row);
    return {
      value: { token: after, secret },
      audit: {
        action: 'create',
        entityType: 'api_token',
        entityId: row.id,
        organisationId: null,
        before: null,
        after,
      },
    };
  });
}

/** Revokes a token at once (its row stays, with when and by whom). Your own, or any as an admin. */
export async function revokeToken(db: Kysely<DB>, ctx: WriteContext, id: number): Promise<TokenView> {
  return audited(db, ctx, async (trx) => {
    const row = await findToken(trx, id, true);
    if (!row) throw new AppError('NOT_FOUND', `no API token ${id}`);
    if (row.user_id !== ctx.actor.userId && !isAdmin(ctx.actor)) {
      throw new AppError('FORBIDDEN', `API token ${id} is not yours`);
    }
    if (row.revoked_at !== null)
      throw new AppError('CONFLICT', `API token ${id} was revoked at ${row.revoked_at}`);
    const after = view(await revokeTokenRow(trx, id, ctx.now.toISOString(), ctx.actor.userId));
    return {
      value: after,
      audit: {
        action: 'update',
        entityType: 'api_token',
        entityId: id,
        organisationId: null,
        before: view(row),
        after,
      },
    };
  });
}
