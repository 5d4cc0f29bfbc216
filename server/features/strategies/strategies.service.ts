import type { Kysely, Transaction } from 'kysely';
import { findDataVersion } from '../../db/data-version.ts';
import type { Executor } from '../../db/executor.ts';
import type { DB } from '../../db/schema.ts';
import { requireKnownHromada } from '../../db/unit-pcodes.ts';
import { AppError } from '../../shared/errors.ts';
import { crimeaWarning, isOccupiedCrimea } from '../../shared/plausibility.ts';
import type { ExportColumn } from '../../shared/table-export/export-stamp.ts';
import { exportTable, type ExportFile } from '../../shared/table-export/table-export.ts';
import { audited, lastChanges } from '../audit/audit.service.ts';
import { requireEditor, requireWriteFor, type WriteContext } from '../auth/actor.ts';
import { findOrganisation } from '../organisations/organisations.repository.ts';
import { listSourceCredits } from '../sources/sources.service.ts';
import {
  findFurthestStages,
  findOblastNames,
  findStrategies,
  findStrategy,
  findStrategyOf,
  insertStrategy,
  isOblast,
  softDeleteStrategy,
  updateStrategyRow,
  type StrategyListRow,
  type StrategyRow,
  type StrategyValues,
} from './strategies.repository.ts';
import { stageIndex, strategyProblems } from './strategy-rules.ts';
import {
  STRATEGY_STAGES,
  type NewStrategy,
  type StrategyCounts,
  type StrategyFilter,
  type StrategyPatch,
  type StrategyRecord,
  type StrategyStage,
  type StrategyView,
  type StrategyWritten,
} from './strategies.schemas.ts';

export function strategyRecord(s: StrategyRow): StrategyRecord {
  return {
    id: s.id,
    pcode: s.unit_pcode,
    organisationId: s.organisation_id,
    stage: s.stage,
    riskAnalysisOn: s.risk_analysis_on,
    draftedOn: s.drafted_on,
    adoptedOn: s.adopted_on,
    decisionNumber: s.decision_number,
    decisionUrl: s.decision_url,
    nextReviewOn: s.next_review_on,
    notes: s.notes,
  };
}

function assertValid(v: StrategyValues, ctx: WriteContext): void {
  const problems = strategyProblems(v, ctx.now.toISOString().slice(0, 10));
  // One "body parameter <field>: <why>" per problem, joined by "; " as the validation hook does, so that a
  // form can put each message beside its field.
  if (problems.length > 0) {
    throw new AppError('UNPROCESSABLE', problems.map((p) => `body parameter ${p}`).join('; '));
  }
}

function unitWarnings(pcode: string) {
  return isOccupiedCrimea(pcode) ? [{ field: 'pcode', message: crimeaWarning(pcode) }] : [];
}

function viewOf(r: StrategyListRow, changes: Map<string, { at: string; by: string }>): StrategyView {
  const change = changes.get(String(r.id));
  return {
    ...strategyRecord(r),
    nameUk: r.name_uk,
    nameEn: r.name_en,
    oblastPcode: r.oblast_pcode,
    organisationName: r.organisation_name,
    lastChangedAt: change?.at ?? null,
    lastChangedBy: change?.by ?? null,
  };
}

async function checkedOblast(db: Executor, filter: { oblast?: string }): Promise<void> {
  if (filter.oblast !== undefined && !(await isOblast(db, filter.oblast))) {
    throw new AppError('BAD_REQUEST', `query parameter oblast: no oblast ${filter.oblast} in the boundaries`);
  }
}

/** Live strategies, by community name, with when each last changed through the API and by whom. */
export async function listStrategies(
  db: Executor,
  filter: StrategyFilter,
  page?: { limit: number; offset: number },
): Promise<StrategyView[]> {
  await checkedOblast(db, filter);
  const rows = await findStrategies(db, filter, page);
  const changes = await lastChanges(
    db,
    'safety_strategy',
    rows.map((r) => String(r.id)),
  );
  return rows.map((r) => viewOf(r, changes));
}

export async function getStrategy(db: Executor, id: number): Promise<StrategyView> {
  const row = await findStrategy(db, id);
  if (!row) throw new AppError('NOT_FOUND', `no safety strategy ${id}`);
  const [view] = await listStrategies(db, { pcode: row.unit_pcode, organisation: row.organisation_id });
  if (!view) throw new AppError('NOT_FOUND', `no safety strategy ${id}`);
  return view;
}

async function checkedOrganisation(trx: Transaction<DB>, ctx: WriteContext, id: number): Promise<void> {
  if (!(await findOrganisation(trx, id))) {
    throw new AppError('UNPROCESSABLE', `body parameter organisationId: no organisation ${id}`);
  }
  requireWriteFor(ctx.actor, id, `the safety strategies of organisation ${id}`);
}

const valuesOf = (input: Omit<Partial<NewStrategy>, 'pcode' | 'organisationId'>) => ({
  ...(input.stage !== undefined && { stage: input.stage }),
  ...(input.riskAnalysisOn !== undefined && { risk_analysis_on: input.riskAnalysisOn }),
  ...(input.draftedOn !== undefined && { drafted_on: input.draftedOn }),
  ...(input.adoptedOn !== undefined && { adopted_on: input.adoptedOn }),
  ...(input.decisionNumber !== undefined && { decision_number: input.decisionNumber }),
  ...(input.decisionUrl !== undefined && { decision_url: input.decisionUrl }),
  ...(input.nextReviewOn !== undefined && { next_review_on: input.nextReviewOn }),
  ...(input.notes !== undefined && { notes: input.notes }),
});

const EMPTY: Omit<StrategyValues, 'stage'> = {
  risk_analysis_on: null,
  drafted_on: null,
  adopted_on: null,
  decision_number: null,
  decision_url: null,
  next_review_on: null,
  notes: null,
};

/** A community's strategy as an organisation accompanies it, entered by one of its editors (or an admin). */
export async function createStrategy(
  db: Kysely<DB>,
  ctx: WriteContext,
  input: NewStrategy,
): Promise<StrategyWritten> {
  requireEditor(ctx.actor, 'enter safety strategies');
  return audited(db, ctx, async (trx) => {
    await checkedOrganisation(trx, ctx, input.organisationId);
    const pcode = await requireKnownHromada(trx, input.pcode);
    const values: StrategyValues = { ...EMPTY, stage: input.stage, ...valuesOf(input) };
    assertValid(values, ctx);
    const other = await findStrategyOf(trx, pcode, input.organisationId);
    if (other) {
      throw new AppError(
        'CONFLICT',
        `${pcode} already has a safety strategy of organisation ${input.organisationId} (id ${other.id}): change that one`,
      );
    }
    const row = await insertStrategy(trx, {
      ...values,
      unit_pcode: pcode,
      organisation_id: input.organisationId,
    });
    const after = strategyRecord(row);
    return {
      value: { ...after, warnings: unitWarnings(pcode) },
      audit: {
        action: 'create',
        entityType: 'safety_strategy',
        entityId: row.id,
        organisationId: row.organisation_id,
        before: null,
        after,
      },
    };
  });
}

/**
 * Changes a strategy; the result is checked as a whole. Its stage moves forward only (a council does not
 * un-adopt a programme by a correction of ours): a mistaken stage is corrected by deleting the record and
 * entering it again, which the audit trail then shows as such.
 */
export async function updateStrategy(
  db: Kysely<DB>,
  ctx: WriteContext,
  id: number,
  patch: StrategyPatch,
): Promise<StrategyWritten> {
  requireEditor(ctx.actor, 'change safety strategies');
  return audited(db, ctx, async (trx) => {
    const row = await findStrategy(trx, id, true);
    if (!row) throw new AppError('NOT_FOUND', `no safety strategy ${id}`);
    requireWriteFor(ctx.actor, row.organisation_id, `safety strategy ${id}`);
    if (patch.stage !== undefined && stageIndex(patch.stage) < stageIndex(row.stage)) {
      throw new AppError(
        'UNPROCESSABLE',
        `body parameter stage: a strategy moves forward only (${STRATEGY_STAGES.join(' → ')}), and ` +
          `strategy ${id} is already at ${row.stage}; to correct a mistake, delete it and enter it again`,
      );
    }
    const {
      id: _id,
      unit_pcode: _p,
      organisation_id: _o,
      created_at: _c,
      deleted_at: _d,
      deleted_by: _b,
      ...current
    } = row;
    const values: StrategyValues = { ...current, ...valuesOf(patch) };
    assertValid(values, ctx);
    const updated = await updateStrategyRow(trx, id, values);
    const after = strategyRecord(updated);
    return {
      value: { ...after, warnings: unitWarnings(updated.unit_pcode) },
      audit: {
        action: 'update',
        entityType: 'safety_strategy',
        entityId: id,
        organisationId: updated.organisation_id,
        before: strategyRecord(row),
        after,
      },
    };
  });
}

/** Marks a strategy deleted: counts and the map stop showing it; the row stays with who and when. */
export async function deleteStrategy(db: Kysely<DB>, ctx: WriteContext, id: number): Promise<void> {
  requireEditor(ctx.actor, 'delete safety strategies');
  await audited(db, ctx, async (trx) => {
    const row = await findStrategy(trx, id, true);
    if (!row) throw new AppError('NOT_FOUND', `no safety strategy ${id}`);
    requireWriteFor(ctx.actor, row.organisation_id, `safety strategy ${id}`);
    await softDeleteStrategy(trx, id, ctx.now.toISOString(), ctx.actor.userId);
    return {
      value: undefined,
      audit: {
        action: 'delete',
        entityType: 'safety_strategy',
        entityId: id,
        organisationId: row.organisation_id,
        before: strategyRecord(row),
        after: null,
      },
    };
  });
}

const zeroCounts = () =>
  Object.fromEntries(STRATEGY_STAGES.map((s) => [s, 0])) as Record<StrategyStage, number>;

/**
 * Communities by their strategy's furthest stage: "N communities analysed (every record starts from a risk
 * analysis), M strategies adopted as local programmes (adopted or in monitoring)", in total and per oblast,
 * and each community's stage for the map.
 */
export async function countStrategies(
  db: Executor,
  filter: { oblast?: string; organisation?: number },
): Promise<StrategyCounts> {
  await checkedOblast(db, filter);
  const rows = await findFurthestStages(db, filter);
  const byStage = zeroCounts();
  const perOblast = new Map<string, Record<StrategyStage, number>>();
  const units: Record<string, StrategyStage> = {};
  for (const r of rows) {
    const stage = STRATEGY_STAGES[Number(r.rank) - 1]!;
    units[r.pcode] = stage;
    byStage[stage] += 1;
    if (r.oblast_pcode) {
      const counts = perOblast.get(r.oblast_pcode) ?? zeroCounts();
      counts[stage] += 1;
      perOblast.set(r.oblast_pcode, counts);
    }
  }
  const oblasts = await findOblastNames(db, [...perOblast.keys()]);
  return {
    analysed: rows.length,
    adopted: byStage.adopted + byStage.monitoring,
    byStage,
    byOblast: oblasts.map((o) => ({
      oblastPcode: o.pcode,
      nameUk: o.name_uk,
      nameEn: o.name_en,
      byStage: perOblast.get(o.pcode)!,
    })),
    units,
  };
}

const strategyColumns: ExportColumn<StrategyView>[] = [
  { header: 'Hromada pcode', hxl: '#adm3+code', value: (r) => r.pcode },
  { header: 'Hromada (uk)', hxl: '#adm3+name+i_uk', value: (r) => r.nameUk },
  { header: 'Hromada (en)', hxl: '#adm3+name+i_en', value: (r) => r.nameEn },
  { header: 'Oblast pcode', hxl: '#adm1+code', value: (r) => r.oblastPcode },
  { header: 'Organisation', hxl: '#org', value: (r) => r.organisationName },
  { header: 'Stage', hxl: '#status+stage', value: (r) => r.stage },
  { header: 'Risk analysis on', hxl: '#date+risk_analysis', value: (r) => r.riskAnalysisOn },
  { header: 'Drafted on', hxl: '#date+drafted', value: (r) => r.draftedOn },
  { header: 'Adopted on', hxl: '#date+adopted', value: (r) => r.adoptedOn },
  { header: 'Council decision number', hxl: '#meta+decision+code', value: (r) => r.decisionNumber },
  { header: 'Council decision link', hxl: '#meta+decision+url', value: (r) => r.decisionUrl },
  { header: 'Next review on', hxl: '#date+review', value: (r) => r.nextReviewOn },
  { header: 'Notes', hxl: '#description+notes', value: (r) => r.notes },
  { header: 'Last changed at', hxl: '#date+updated', value: (r) => r.lastChangedAt },
];

/** The filtered strategies as CSV or XLSX (HXL), stamped like every export (shared/table-export). */
export async function exportStrategies(
  db: Executor,
  filter: StrategyFilter,
  format: 'csv' | 'xlsx',
  now: Date,
): Promise<ExportFile> {
  const rows = await listStrategies(db, filter);
  const stamp = {
    title: 'safety-strategies',
    generatedAt: now.toISOString(),
    dataVersion: await findDataVersion(db),
    // The names and oblasts come from the boundaries; the strategies are entered by the organisations.
    sources: (await listSourceCredits(db)).filter((s) => s.id === 'cod-ab'),
    request: filter,
  };
  return exportTable(
    {
      columns: strategyColumns,
      rows,
      stamp,
      features: () => Promise.reject(new AppError('BAD_REQUEST', 'strategies export as CSV or XLSX')),
    },
    format,
  );
}
