import { sql } from 'kysely';
import type { Executor } from '../../db/executor.ts';

export interface NewScenario {
  id: string;
  modelId: string;
  modelVersion: string;
  name: string;
  description: string | null;
  weights: Record<string, number>;
  aggregation: Record<string, string> | null;
  useProxies: boolean;
  shared: boolean;
  createdBy: number | null;
}

const columns = [
  'id',
  'model_id',
  'model_version',
  'name',
  'description',
  'weights',
  'aggregation',
  'use_proxies',
  'created_at',
  'shared',
  'created_by',
  // The exact timestamp as PostgreSQL prints it (microseconds): the page key, which JS dates would round.
  sql<string>`created_at::text`.as('created_key'),
] as const;

export async function insertScenario(db: Executor, s: NewScenario) {
  return db
    .insertInto('scenarios')
    .values({
      id: s.id,
      model_id: s.modelId,
      model_version: s.modelVersion,
      name: s.name,
      description: s.description,
      weights: JSON.stringify(s.weights),
      aggregation: s.aggregation ? JSON.stringify(s.aggregation) : null,
      use_proxies: s.useProxies,
      shared: s.shared,
      created_by: s.createdBy,
    })
    .returning(columns)
    .executeTakeFirstOrThrow();
}

/** One scenario by id, shared or not (a link carries the id). */
export async function findScenario(db: Executor, id: string) {
  return db.selectFrom('scenarios').select(columns).where('id', '=', id).executeTakeFirst();
}

/**
 * One page of the shared scenarios (and, with `ownerId`, that user's own unlisted ones too), newest first
 * (ties by id): `limit` + 1 rows, so that the caller knows whether there is a next page; `after` is the
 * (created_key, id) of the last row of the previous page.
 */
export async function findSharedScenarios(
  db: Executor,
  f: { modelId?: string; ownerId?: number; limit: number; after?: readonly [string, string] },
) {
  const ownerId = f.ownerId;
  let query = db
    .selectFrom('scenarios')
    .select(columns)
    .where((eb) =>
      ownerId === undefined
        ? eb('shared', '=', true)
        : eb.or([eb('shared', '=', true), eb('created_by', '=', ownerId)]),
    )
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(f.limit + 1);
  if (f.modelId) query = query.where('model_id', '=', f.modelId);
  if (f.after) {
    const [at, id] = f.after;
    query = query.where(sql<boolean>`(created_at, id) < (${at}::timestamptz, ${id})`);
  }
  return query.execute();
}

/** Removes a scenario for good: a link that carries its id then opens the map with the link's own weights. */
export async function deleteScenarioRow(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('scenarios').where('id', '=', id).execute();
}

export type ScenarioRow = NonNullable<Awaited<ReturnType<typeof findScenario>>>;
