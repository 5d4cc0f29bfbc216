import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { loadUnitPcodes } from '../../db/unit-pcodes.ts';
import { derivedCode } from './programme-plan.ts';
import { AppError } from '../../shared/errors.ts';
import { crimeaWarning, isOccupiedCrimea } from '../../shared/plausibility.ts';
import { requireEditor, requireWriteFor, type Actor, type WriteContext } from '../auth/actor.ts';
import { audited } from '../audit/audit.service.ts';
import { findOrganisation } from '../organisations/organisations.repository.ts';
import { resolveSites } from './programme-sites.ts';
import {
  findLiveSites,
  findProgrammeRow,
  insertProgramme,
  softDeleteProgramme,
  softDeleteSites,
  updateProgrammeRow,
  upsertSites,
  type ProgrammeRow,
} from './programmes.repository.ts';
import type {
  NewProgramme,
  ProgrammePatch,
  ProgrammeWritten,
  SiteInput,
  WriteWarning,
} from './programmes.schemas.ts';
import { getProgramme } from './programmes.service.ts';

/** A programme as its audit rows record it: the fields a user edits, by their API names. */
export function programmeRecord(p: ProgrammeRow) {
  return {
    code: p.code,
    organisationId: p.organisation_id,
    title: p.title,
    description: p.description,
    donor: p.donor,
    sector: p.sector,
    periodStart: p.period_start,
    periodEnd: p.period_end,
    status: p.status,
    budget: p.budget,
    currency: p.currency,
  };
}

export interface SiteRecord {
  pcode: string;
  periodStart: string;
  periodEnd: string | null;
  reached: number | null;
}

/** The programme's live sites as audit rows record them. */
export async function siteRecords(db: Transaction<DB>, programmeId: number): Promise<SiteRecord[]> {
  return (await findLiveSites(db, [programmeId])).map((s) => ({
    pcode: s.unit_pcode,
    periodStart: s.period_start,
    periodEnd: s.period_end,
    reached: s.reached,
  }));
}

/** The live programme, locked for this transaction; 404 for an unknown or deleted one. */
async function liveProgramme(trx: Transaction<DB>, code: string): Promise<ProgrammeRow> {
  const row = await findProgrammeRow(trx, code, true);
  if (!row || row.deleted_at !== null) throw new AppError('NOT_FOUND', `no programme ${code}`);
  return row;
}

/** A live programme that the actor may change (an editor of its organisation, or an admin). */
async function writableProgramme(trx: Transaction<DB>, actor: Actor, code: string): Promise<ProgrammeRow> {
  const row = await liveProgramme(trx, code);
  requireWriteFor(actor, row.organisation_id, what(code));
  return row;
}

async function liveOrganisation(trx: Transaction<DB>, id: number) {
  const organisation = await findOrganisation(trx, id);
  if (!organisation)
    throw new AppError('UNPROCESSABLE', `body parameter organisationId: no organisation ${id}`);
  return organisation;
}

/** 422 listing every bad site (index, pcode, message); otherwise the rows to write. */
async function checkedSites(
  trx: Transaction<DB>,
  input: readonly SiteInput[],
  programme: { period_start: string; period_end: string | null },
) {
  const { sites, problems } = resolveSites(input, await loadUnitPcodes(trx, 'hromada'), programme);
  if (problems.length) {
    throw new AppError(
      'UNPROCESSABLE',
      `${problems.length} of ${input.length} sites refused, nothing was written; first: sites[${problems[0]!.index}] ` +
        `"${problems[0]!.pcode}": ${problems[0]!.message}`,
      problems,
    );
  }
  return sites;
}

const what = (code: string) => `programme ${code}`;

/** Sites in occupied Crimea or Sevastopol: written, and named in the answer (shared/plausibility.ts). */
function siteWarnings(sites: readonly { unit_pcode: string }[]): WriteWarning[] {
  return sites
    .filter((s) => isOccupiedCrimea(s.unit_pcode))
    .map((s) => ({ field: 'sites', message: crimeaWarning(s.unit_pcode) }));
}

/** A new programme (optionally with its sites) for one of the caller's organisations. */
export async function createProgramme(
  db: Kysely<DB>,
  ctx: WriteContext,
  input: NewProgramme,
): Promise<ProgrammeWritten> {
  requireEditor(ctx.actor, 'create programmes');
  const { code, warnings } = await audited(db, ctx, async (trx) => {
    const organisation = await liveOrganisation(trx, input.organisationId);
    requireWriteFor(ctx.actor, organisation.id, `the programmes of organisation ${organisation.id}`);
    const code =
      input.code ??
      derivedCode({
        organisation: organisation.name,
        sector: input.sector,
        activity: input.title,
        dateStart: input.periodStart,
      });
    const existing = await findProgrammeRow(trx, code);
    if (existing) {
      throw new AppError(
        'CONFLICT',
        `programme code ${code} is taken${existing.deleted_at ? ' (by a deleted programme)' : ''}: give another code`,
      );
    }
    const row = await insertProgramme(trx, {
      code,
      organisation_id: organisation.id,
      title: input.title,
      description: input.description ?? null,
      donor: input.donor ?? null,
      sector: input.sector,
      period_start: input.periodStart,
      period_end: input.periodEnd ?? null,
      status: input.status ?? null,
      budget: input.budget ?? null,
      currency: input.currency ?? null,
    });
    const sites = await checkedSites(trx, input.sites, row);
    await upsertSites(trx, row.id, sites);
    return {
      value: { code, warnings: siteWarnings(sites) },
      audit: {
        action: 'create',
        entityType: 'programme',
        entityId: code,
        organisationId: organisation.id,
        before: null,
        after: { ...programmeRecord(row), sites: await siteRecords(trx, row.id) },
      },
    };
  });
  return { ...(await getProgramme(db, code)), warnings };
}

/** Changes a programme's fields; moving it to another organisation needs rights over both. */
export async function updateProgramme(
  db: Kysely<DB>,
  ctx: WriteContext,
  code: string,
  patch: ProgrammePatch,
): Promise<ProgrammeWritten> {
  requireEditor(ctx.actor, 'change programmes');
  await audited(db, ctx, async (trx) => {
    const row = await writableProgramme(trx, ctx.actor, code);
    if (patch.organisationId !== undefined && patch.organisationId !== row.organisation_id) {
      await liveOrganisation(trx, patch.organisationId);
      requireWriteFor(
        ctx.actor,
        patch.organisationId,
        `the programmes of organisation ${patch.organisationId}`,
      );
    }
    const periodStart = patch.periodStart ?? row.period_start;
    const periodEnd = patch.periodEnd === undefined ? row.period_end : patch.periodEnd;
    if (periodEnd !== null && periodEnd < periodStart) {
      throw new AppError(
        'BAD_REQUEST',
        `body parameter periodEnd: ${periodEnd} is before periodStart ${periodStart}`,
      );
    }
    const after = await updateProgrammeRow(trx, row.id, {
      ...(patch.organisationId !== undefined && { organisation_id: patch.organisationId }),
      ...(patch.title !== undefined && { title: patch.title }),
      ...(patch.description !== undefined && { description: patch.description }),
      ...(patch.donor !== undefined && { donor: patch.donor }),
      ...(patch.sector !== undefined && { sector: patch.sector }),
      ...(patch.periodStart !== undefined && { period_start: patch.periodStart }),
      ...(patch.periodEnd !== undefined && { period_end: patch.periodEnd }),
      ...(patch.status !== undefined && { status: patch.status }),
      ...(patch.budget !== undefined && { budget: patch.budget }),
      ...(patch.currency !== undefined && { currency: patch.currency }),
    });
    return {
      value: undefined,
      audit: {
        action: 'update',
        entityType: 'programme',
        entityId: code,
        organisationId: after.organisation_id,
        before: programmeRecord(row),
        after: programmeRecord(after),
      },
    };
  });
  return { ...(await getProgramme(db, code)), warnings: [] };
}

/** Marks a programme deleted: gone from every read, kept in the database with who and when. */
export async function deleteProgramme(db: Kysely<DB>, ctx: WriteContext, code: string): Promise<void> {
  requireEditor(ctx.actor, 'delete programmes');
  await audited(db, ctx, async (trx) => {
    const row = await writableProgramme(trx, ctx.actor, code);
    const before = { ...programmeRecord(row), sites: await siteRecords(trx, row.id) };
    await softDeleteProgramme(trx, row.id, ctx.now.toISOString(), ctx.actor.userId);
    return {
      value: undefined,
      audit: {
        action: 'delete',
        entityType: 'programme',
        entityId: code,
        organisationId: row.organisation_id,
        before,
        after: null,
      },
    };
  });
}

/** Adds sites to a programme (or updates the end and reach of live ones with the same pcode and start). */
export async function addSites(
  db: Kysely<DB>,
  ctx: WriteContext,
  code: string,
  input: readonly SiteInput[],
): Promise<ProgrammeWritten> {
  requireEditor(ctx.actor, 'change programme sites');
  const warnings = await audited(db, ctx, async (trx) => {
    const row = await writableProgramme(trx, ctx.actor, code);
    const sites = await checkedSites(trx, input, row);
    const before = await siteRecords(trx, row.id);
    await upsertSites(trx, row.id, sites);
    return {
      value: siteWarnings(sites),
      audit: {
        action: 'update',
        entityType: 'programme',
        entityId: code,
        organisationId: row.organisation_id,
        before: { sites: before },
        after: { sites: await siteRecords(trx, row.id) },
      },
    };
  });
  return { ...(await getProgramme(db, code)), warnings };
}

/** Removes a programme's sites at a hromada (every period there); kept as deleted rows. */
export async function removeSite(
  db: Kysely<DB>,
  ctx: WriteContext,
  code: string,
  pcode: string,
): Promise<void> {
  requireEditor(ctx.actor, 'change programme sites');
  await audited(db, ctx, async (trx) => {
    const row = await writableProgramme(trx, ctx.actor, code);
    const before = await siteRecords(trx, row.id);
    const removed = await softDeleteSites(trx, row.id, ctx.now.toISOString(), ctx.actor.userId, {
      pcodes: [pcode],
    });
    if (removed === 0) throw new AppError('NOT_FOUND', `programme ${code} has no site at ${pcode}`);
    return {
      value: undefined,
      audit: {
        action: 'update',
        entityType: 'programme',
        entityId: code,
        organisationId: row.organisation_id,
        before: { sites: before },
        after: { sites: await siteRecords(trx, row.id) },
      },
    };
  });
}
