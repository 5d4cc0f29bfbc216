import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { ASSESSMENT_COMPONENTS } from '../../model/assessment-components.ts';
import type { Executor } from '../../db/executor.ts';
import { requireKnownHromada } from '../../db/unit-pcodes.ts';
import { AppError } from '../../shared/errors.ts';
import { crimeaWarning, isOccupiedCrimea } from '../../shared/plausibility.ts';
import { requireEditor, requireWriteFor, type WriteContext } from '../auth/actor.ts';
import { audited, lastChanges } from '../audit/audit.service.ts';
import { findOrganisation } from '../organisations/organisations.repository.ts';
import {
  deleteComponentStats,
  findAssessment,
  findAssessmentAt,
  findAssessments,
  insertAssessment,
  softDeleteAssessment,
  updateAssessmentRow,
  type AssessmentRow,
} from './assessments.repository.ts';
import type {
  AssessmentPatch,
  AssessmentRecord,
  AssessmentView,
  AssessmentWritten,
  NewAssessment,
} from './assessments.schemas.ts';

export function assessmentRecord(a: AssessmentRow): AssessmentRecord {
  return {
    id: a.id,
    pcode: a.unit_pcode,
    assessedOn: a.assessed_on,
    organisationId: a.organisation_id,
    assessor: a.assessor,
    strategyAdopted: a.strategy_adopted,
    notes: a.notes,
    scores: Object.fromEntries(ASSESSMENT_COMPONENTS.map((c) => [c, a[c]])),
  };
}

/** Live assessments, with when each last changed through the API and by whom. */
export async function listAssessments(
  db: Executor,
  filter: { pcode?: string; organisation?: number },
  page?: { limit: number; offset: number },
): Promise<AssessmentView[]> {
  const rows = await findAssessments(db, filter, page);
  const changes = await lastChanges(
    db,
    'assessment',
    rows.map((r) => String(r.id)),
  );
  return rows.map((r) => ({
    ...assessmentRecord(r),
    lastChangedAt: changes.get(String(r.id))?.at ?? null,
    lastChangedBy: changes.get(String(r.id))?.by ?? null,
  }));
}

async function checkedOrganisation(trx: Transaction<DB>, ctx: WriteContext, id: number): Promise<void> {
  if (!(await findOrganisation(trx, id))) {
    throw new AppError('UNPROCESSABLE', `body parameter organisationId: no organisation ${id}`);
  }
  requireWriteFor(ctx.actor, id, `the assessments of organisation ${id}`);
}

/** A community in occupied Crimea or Sevastopol: accepted, and said so (shared/plausibility.ts). */
function unitWarnings(pcode: string) {
  return isOccupiedCrimea(pcode) ? [{ field: 'pcode', message: crimeaWarning(pcode) }] : [];
}

async function assertDateFree(trx: Transaction<DB>, pcode: string, assessedOn: string, exceptId?: number) {
  const other = await findAssessmentAt(trx, pcode, assessedOn);
  if (other && other.id !== exceptId) {
    throw new AppError(
      'CONFLICT',
      `${pcode} already has an assessment on ${assessedOn} (id ${other.id}): change that one`,
    );
  }
}

/** A community's assessment, entered by an editor for one of their organisations (or by an admin). */
export async function createAssessment(
  db: Kysely<DB>,
  ctx: WriteContext,
  input: NewAssessment,
): Promise<AssessmentWritten> {
  requireEditor(ctx.actor, 'enter assessments');
  return audited(db, ctx, async (trx) => {
    await checkedOrganisation(trx, ctx, input.organisationId);
    const pcode = await requireKnownHromada(trx, input.pcode);
    await assertDateFree(trx, pcode, input.assessedOn);
    const row = await insertAssessment(trx, pcode, {
      assessed_on: input.assessedOn,
      organisation_id: input.organisationId,
      assessor: input.assessor ?? null,
      strategy_adopted: input.strategyAdopted ?? null,
      notes: input.notes ?? null,
      scores: input.scores,
    });
    const after = assessmentRecord(row);
    return {
      value: { ...after, warnings: unitWarnings(pcode) },
      audit: {
        action: 'create',
        entityType: 'assessment',
        entityId: row.id,
        organisationId: row.organisation_id,
        before: null,
        after,
      },
    };
  });
}

export async function updateAssessment(
  db: Kysely<DB>,
  ctx: WriteContext,
  id: number,
  patch: AssessmentPatch,
): Promise<AssessmentWritten> {
  requireEditor(ctx.actor, 'change assessments');
  return audited(db, ctx, async (trx) => {
    const row = await findAssessment(trx, id, true);
    if (!row) throw new AppError('NOT_FOUND', `no assessment ${id}`);
    requireWriteFor(ctx.actor, row.organisation_id, `assessment ${id}`);
    if (patch.organisationId !== undefined && patch.organisationId !== row.organisation_id) {
      await checkedOrganisation(trx, ctx, patch.organisationId);
    }
    if (patch.assessedOn !== undefined) await assertDateFree(trx, row.unit_pcode, patch.assessedOn, id);
    const before = assessmentRecord(row);
    const merged = { ...before.scores, ...patch.scores };
    if (Object.values(merged).every((v) => v === null || v === undefined)) {
      throw new AppError(
        'UNPROCESSABLE',
        'body parameter scores: an assessment must score at least one component',
      );
    }
    const updated = await updateAssessmentRow(trx, id, {
      ...(patch.assessedOn !== undefined && { assessed_on: patch.assessedOn }),
      ...(patch.organisationId !== undefined && { organisation_id: patch.organisationId }),
      ...(patch.assessor !== undefined && { assessor: patch.assessor }),
      ...(patch.strategyAdopted !== undefined && { strategy_adopted: patch.strategyAdopted }),
      ...(patch.notes !== undefined && { notes: patch.notes }),
      ...(patch.scores !== undefined && { scores: patch.scores }),
    });
    // A component corrected by hand is a manual score now: its survey interval no longer applies, and the
    // model's confidence counts it as any manual assessment (server/model/confidence.ts: intervalFactor).
    const corrected = ASSESSMENT_COMPONENTS.filter(
      (c) => patch.scores?.[c] !== undefined && (patch.scores[c] ?? null) !== (before.scores[c] ?? null),
    );
    await deleteComponentStats(trx, id, corrected);
    const after = assessmentRecord(updated);
    return {
      value: { ...after, warnings: unitWarnings(updated.unit_pcode) },
      audit: {
        action: 'update',
        entityType: 'assessment',
        entityId: id,
        organisationId: updated.organisation_id,
        before,
        after,
      },
    };
  });
}

/** Marks an assessment deleted: models stop using it; the row stays with who and when. */
export async function deleteAssessment(db: Kysely<DB>, ctx: WriteContext, id: number): Promise<void> {
  requireEditor(ctx.actor, 'delete assessments');
  await audited(db, ctx, async (trx) => {
    const row = await findAssessment(trx, id, true);
    if (!row) throw new AppError('NOT_FOUND', `no assessment ${id}`);
    requireWriteFor(ctx.actor, row.organisation_id, `assessment ${id}`);
    await softDeleteAssessment(trx, id, ctx.now.toISOString(), ctx.actor.userId);
    return {
      value: undefined,
      audit: {
        action: 'delete',
        entityType: 'assessment',
        entityId: id,
        organisationId: row.organisation_id,
        before: assessmentRecord(row),
        after: null,
      },
    };
  });
}
