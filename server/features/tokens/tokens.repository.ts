import type { Executor } from '../../db/executor.ts';

const columns = [
  'id',
  'user_id',
  'name',
  'prefix',
  'created_at',
  'last_used_at',
  'revoked_at',
  'revoked_by',
] as const;

export async function findTokens(db: Executor, userId?: number, page?: { limit: number; offset: number }) {
  return db
    .selectFrom('api_tokens')
    .select(columns)
    .$if(userId !== undefined, (q) => q.where('user_id', '=', userId!))
    .orderBy('id', 'desc')
    .$if(page !== undefined, (q) => q.limit(page!.limit + 1).offset(page!.offset))
    .execute();
}

export async function findToken(db: Executor, id: number, forUpdate = false) {
  return db
    .selectFrom('api_tokens')
    .select(columns)
    .where('id', '=', id)
    .$if(forUpdate, (q) => q.forUpdate())
    .executeTakeFirst();
}

export async function insertToken(
  db: Executor,
  t: { userId: number; name: string; tokenHash: string; prefix: string; now: string },
) {
  return db
    .insertInto('api_tokens')
    .values({ user_id: t.userId, name: t.name, token_hash: t.tokenHash, prefix: t.prefix, created_at: t.now })
    .returning(columns)
    .executeTakeFirstOrThrow();
}

export async function revokeToken(db: Executor, id: number, now: string, by: number | null) {
  return db
    .updateTable('api_tokens')
    .set({ revoked_at: now, revoked_by: by })
    .where('id', '=', id)
    .returning(columns)
    .executeTakeFirstOrThrow();
}
