import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Executor } from '../../db/executor.ts';
import { AppError } from '../../shared/errors.ts';
import { requireAdmin, requireWriteFor, type WriteContext } from '../auth/actor.ts';
import { audited } from '../audit/audit.service.ts';
import {
  countLiveRecords,
  findOrganisation,
  findOrganisationByName,
  findOrganisations,
  insertOrganisation,
  softDeleteOrganisation,
  updateOrganisation as updateOrganisationRow,
  type OrganisationValues,
} from './organisations.repository.ts';
import type {
  NewOrganisation,
  OrganisationPatch,
  OrganisationRecord,
  OrganisationView,
} from './organisations.schemas.ts';

export function organisationRecord(o: {
  id: number;
  name: string;
  name_uk: string | null;
  acronym: string | null;
  url: string | null;
}): OrganisationRecord {
  return { id: o.id, name: o.name, nameUk: o.name_uk, acronym: o.acronym, url: o.url };
}

export async function listOrganisations(
  db: Executor,
  page?: { limit: number; offset: number },
): Promise<OrganisationView[]> {
  return (await findOrganisations(db, page)).map((o) => ({
    ...organisationRecord(o),
    programmes: Number(o.programmes),
    createdAt: o.created_at,
  }));
}

async function assertNameFree(db: Executor, name: string, exceptId?: number): Promise<void> {
  const other = await findOrganisationByName(db, name);
  if (other && other.id !== exceptId) {
    throw new AppError(
      'CONFLICT',
      `an organisation named "${name}" exists (id ${other.id}${other.deleted_at ? ', deleted' : ''})`,
    );
  }
}

function columns(input: Partial<NewOrganisation>): Partial<OrganisationValues> {
  return {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.nameUk !== undefined && { name_uk: input.nameUk }),
    ...(input.acronym !== undefined && { acronym: input.acronym }),
    ...(input.url !== undefined && { url: input.url }),
  };
}

/** Admins create organisations (then give editors membership of them). */
export async function createOrganisation(
  db: Kysely<DB>,
  ctx: WriteContext,
  input: NewOrganisation,
): Promise<OrganisationRecord> {
  requireAdmin(ctx.actor, 'create organisations');
  return audited(db, ctx, async (trx) => {
    await assertNameFree(trx, input.name);
    const row = await insertOrganisation(
      trx,
      { name: input.name, name_uk: null, acronym: null, url: null, ...columns(input) },
      ctx.now.toISOString(),
    );
    const after = organisationRecord(row);
    return {
      value: after,
      audit: {
        action: 'create',
        entityType: 'organisation',
        entityId: row.id,
        organisationId: row.id,
        before: null,
        after,
      },
    };
  });
}

/** Admins, and the organisation's own editors, keep its details current. */
export async function updateOrganisation(
  db: Kysely<DB>,
  ctx: WriteContext,
  id: number,
  patch: OrganisationPatch,
): Promise<OrganisationRecord> {
  return audited(db, ctx, async (trx) => {
    const row = await findOrganisation(trx, id, true);
    if (!row) throw new AppError('NOT_FOUND', `no organisation ${id}`);
    requireWriteFor(ctx.actor, id, `organisation ${id}`);
    if (patch.name !== undefined) await assertNameFree(trx, patch.name, id);
    const after = organisationRecord(await updateOrganisationRow(trx, id, columns(patch)));
    return {
      value: after,
      audit: {
        action: 'update',
        entityType: 'organisation',
        entityId: id,
        organisationId: id,
        before: organisationRecord(row),
        after,
      },
    };
  });
}

/** Admins only; refused while the organisation has live programmes or assessments. Kept as a deleted row. */
export async function deleteOrganisation(db: Kysely<DB>, ctx: WriteContext, id: number): Promise<void> {
  requireAdmin(ctx.actor, 'delete organisations');
  await audited(db, ctx, async (trx) => {
    const row = await findOrganisation(trx, id, true);
    if (!row) throw new AppError('NOT_FOUND', `no organisation ${id}`);
    const live = await countLiveRecords(trx, id);
    if (live.programmes > 0 || live.assessments > 0) {
      throw new AppError(
        'CONFLICT',
        `organisation ${id} still has ${live.programmes} programme(s) and ${live.assessments} assessment(s): delete or move them first`,
      );
    }
    await softDeleteOrganisation(trx, id, ctx.now.toISOString(), ctx.actor.userId);
    return {
      value: undefined,
      audit: {
        action: 'delete',
        entityType: 'organisation',
        entityId: id,
        organisationId: id,
        before: organisationRecord(row),
        after: null,
      },
    };
  });
}
