import type { Executor } from '../../pipeline/import-batch.ts';

export interface NewScenario {
  id: string;
  modelId: string;
  modelVersion: string;
  name: string;
  description: string | null;
  weights: Record<string, number>;
  aggregation: Record<string, string> | null;
}

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
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findScenario(db: Executor, id: string) {
  return db.selectFrom('scenarios').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findScenarios(db: Executor, modelId?: string) {
  let query = db.selectFrom('scenarios').selectAll().orderBy('created_at', 'desc');
  if (modelId) query = query.where('model_id', '=', modelId);
  return query.execute();
}

export type ScenarioRow = NonNullable<Awaited<ReturnType<typeof findScenario>>>;
