import { sql } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type { StrategyStage } from '../../db/schema.ts';
import type { StrategyFilter } from './strategies.schemas.ts';

/** Live strategies with their community's names and oblast and their organisation's name, by community. */
export async function findStrategies(
  db: Executor,
  f: StrategyFilter,
  page?: { limit: number; offset: number },
) {
  return db
    .selectFrom('safety_strategies as s')
    .innerJoin('admin_units as h', 'h.pcode', 's.unit_pcode')
    .leftJoin('admin_units as r', 'r.pcode', 'h.parent_pcode')
    .innerJoin('organisations as o', 'o.id', 's.organisation_id')
    .selectAll('s')
    .select(['h.name_uk', 'h.name_en', 'r.parent_pcode as oblast_pcode', 'o.name as organisation_name'])
    .where('s.deleted_at', 'is', null)
    .$if(f.stage !== undefined, (q) => q.where('s.stage', '=', f.stage!))
    .$if(f.oblast !== undefined, (q) => q.where('r.parent_pcode', '=', f.oblast!))
    .$if(f.organisation !== undefined, (q) => q.where('s.organisation_id', '=', f.organisation!))
    .$if(f.pcode !== undefined, (q) => q.where('s.unit_pcode', '=', f.pcode!))
    .orderBy('h.name_uk')
    .orderBy('s.unit_pcode')
    .orderBy('s.id')
    .$if(page !== undefined, (q) => q.limit(page!.limit + 1).offset(page!.offset))
    .execute();
}

export type StrategyListRow = Awaited<ReturnType<typeof findStrategies>>[number];

/** A live strategy; `forUpdate` locks it for the transaction. */
export async function findStrategy(db: Executor, id: number, forUpdate = false) {
  return db
    .selectFrom('safety_strategies')
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .$if(forUpdate, (q) => q.forUpdate())
    .executeTakeFirst();
}

export type StrategyRow = NonNullable<Awaited<ReturnType<typeof findStrategy>>>;

/** The live strategy of a community as one organisation accompanies it (there is at most one). */
export async function findStrategyOf(db: Executor, pcode: string, organisationId: number) {
  return db
    .selectFrom('safety_strategies')
    .select('id')
    .where('unit_pcode', '=', pcode)
    .where('organisation_id', '=', organisationId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export interface StrategyValues {
  stage: StrategyStage;
  risk_analysis_on: string | null;
  drafted_on: string | null;
  adopted_on: string | null;
  decision_number: string | null;
  decision_url: string | null;
  next_review_on: string | null;
  notes: string | null;
}

export async function insertStrategy(
  db: Executor,
  v: StrategyValues & { unit_pcode: string; organisation_id: number },
) {
  return db.insertInto('safety_strategies').values(v).returningAll().executeTakeFirstOrThrow();
}

export async function updateStrategyRow(db: Executor, id: number, v: StrategyValues) {
  return db
    .updateTable('safety_strategies')
    .set(v)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function softDeleteStrategy(db: Executor, id: number, now: string, by: number | null) {
  await db
    .updateTable('safety_strategies')
    .set({ deleted_at: now, deleted_by: by })
    .where('id', '=', id)
    .execute();
}

/**
 * Each community's furthest stage among its live strategies (two organisations may accompany one community:
 * it counts once, at the stage the further one reached), with its oblast.
 */
export async function findFurthestStages(db: Executor, f: { oblast?: string; organisation?: number }) {
  const rank = sql<number>`max(case s.stage when 'risk_analysis' then 1 when 'drafted' then 2
    when 'adopted' then 3 when 'monitoring' then 4 end)`;
  return db
    .selectFrom('safety_strategies as s')
    .innerJoin('admin_units as h', 'h.pcode', 's.unit_pcode')
    .leftJoin('admin_units as r', 'r.pcode', 'h.parent_pcode')
    .select(['s.unit_pcode as pcode', 'r.parent_pcode as oblast_pcode', rank.as('rank')])
    .where('s.deleted_at', 'is', null)
    .$if(f.oblast !== undefined, (q) => q.where('r.parent_pcode', '=', f.oblast!))
    .$if(f.organisation !== undefined, (q) => q.where('s.organisation_id', '=', f.organisation!))
    .groupBy(['s.unit_pcode', 'r.parent_pcode'])
    .orderBy('s.unit_pcode')
    .execute();
}

/** Oblast names, for the per-oblast counts. */
export async function findOblastNames(db: Executor, pcodes: string[]) {
  if (pcodes.length === 0) return [];
  return db
    .selectFrom('admin_units')
    .select(['pcode', 'name_uk', 'name_en'])
    .where('level', '=', 'oblast')
    .where('pcode', 'in', pcodes)
    .orderBy('pcode')
    .execute();
}

/** Whether a pcode is an oblast of the imported boundaries (a filter naming another one is a 400). */
export async function isOblast(db: Executor, pcode: string): Promise<boolean> {
  const row = await db
    .selectFrom('admin_units')
    .select('pcode')
    .where('pcode', '=', pcode)
    .where('level', '=', 'oblast')
    .executeTakeFirst();
  return row !== undefined;
}
