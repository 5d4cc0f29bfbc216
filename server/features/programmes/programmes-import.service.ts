import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { runImportIn, type Executor } from '../../pipeline/import-batch.ts';
import { loadUnitPcodes } from '../../pipeline/importers/indicator-values.ts';
import { planProgrammeImport, type PlannedProgramme } from '../../pipeline/importers/programmes.ts';
import { ParseError } from '../../pipeline/parse/csv.ts';
import { parseProgrammeSites, type ParsedProgrammeSites } from '../../pipeline/parse/hxl.ts';
import { AppError } from '../../shared/errors.ts';
import { canWriteFor, isAdmin, requireEditor, type WriteContext } from '../auth/actor.ts';
import { audited, type AuditEntry } from '../audit/audit.service.ts';
import { insertOrganisation } from '../organisations/organisations.repository.ts';
import { organisationRecord } from '../organisations/organisations.service.ts';
import { programmeRecord, siteRecords } from './programmes-edit.service.ts';
import {
  findLiveSites,
  findOrganisationsByName,
  findProgrammeRows,
  insertProgramme,
  softDeleteSites,
  updateProgrammeRow,
  upsertSites,
  type ProgrammeRow,
} from './programmes.repository.ts';
import type { ImportResult } from './programmes.schemas.ts';

type RowError = ImportResult['errors'][number];

interface Checked {
  plan: ReturnType<typeof planProgrammeImport>;
  errors: RowError[];
  /** Some rows name organisations the caller may not write for: a commit is refused with 403. */
  forbidden: boolean;
  organisations: Map<string, { id: number; name: string; deleted_at: string | null }>;
  existing: Map<string, ProgrammeRow>;
  programmes: ImportResult['programmes'];
}

const siteKey = (pcode: string, start: string) => `${pcode}@${start}`;

/**
 * Everything the upload would do and every problem with it, per row: the 5W importer's own checks (the same
 * parser and planner as `npm run import -- programmes`), then the caller's rights over each row's
 * organisation and each programme's owner.
 */
async function check(
  db: Executor,
  ctx: WriteContext,
  parsed: ParsedProgrammeSites,
  lock: boolean,
): Promise<Checked> {
  const plan = planProgrammeImport(parsed, await loadUnitPcodes(db, 'hromada'));
  const errors: RowError[] = plan.rejected.map((r) => ({
    row: r.rowNumber,
    field: r.field ?? null,
    message: r.reason,
  }));
  const names = [...new Set(plan.programmes.map((p) => p.organisation))];
  const organisations = new Map((await findOrganisationsByName(db, names)).map((o) => [o.name, o]));
  const existingRows = await findProgrammeRows(
    db,
    plan.programmes.map((p) => p.code),
    lock,
  );
  const existing = new Map(existingRows.map((p) => [p.code, p]));
  const live = await findLiveSites(
    db,
    existingRows.filter((p) => p.deleted_at === null).map((p) => p.id),
  );
  const orgField = parsed.columns.organisation ?? '#org';
  const codeField = parsed.columns.programmeCode ?? parsed.columns.organisation ?? '#meta+id';
  let forbidden = false;

  const programmes = plan.programmes.map((planned) => {
    const org = organisations.get(planned.organisation);
    const everyRow = (message: string) => {
      for (const r of planned.sites) errors.push({ row: r.rowNumber, field: orgField, message });
    };
    if (org?.deleted_at) {
      everyRow(`organisation "${planned.organisation}" is deleted`);
    } else if (!org && !isAdmin(ctx.actor)) {
      forbidden = true;
      everyRow(
        `no organisation "${planned.organisation}": an admin creates organisations (or correct the name)`,
      );
    } else if (org && !canWriteFor(ctx.actor, org.id)) {
      forbidden = true;
      everyRow(`"${planned.organisation}" is not one of your organisations`);
    }
    const previous = existing.get(planned.code);
    const first = planned.sites[0]!.rowNumber;
    if (previous?.deleted_at) {
      errors.push({
        row: first,
        field: codeField,
        message: `programme ${planned.code} was deleted: give it another code`,
      });
    } else if (previous && previous.organisation_id !== org?.id) {
      errors.push({
        row: first,
        field: codeField,
        message: `programme ${planned.code} belongs to another organisation (id ${previous.organisation_id})`,
      });
    }
    const current = previous
      ? live.filter((s) => s.programme_id === previous.id).map((s) => siteKey(s.unit_pcode, s.period_start))
      : [];
    const next = planned.sites.map((r) => siteKey(r.pcode, r.dateStart));
    return {
      code: planned.code,
      organisation: planned.organisation,
      organisationId: org?.id ?? null,
      action: previous ? ('update' as const) : ('create' as const),
      sites: next.length,
      added: next.filter((k) => !current.includes(k)).sort(),
      removed: current.filter((k) => !next.includes(k)).sort(),
    };
  });
  errors.sort((a, b) => a.row - b.row);
  return { plan, errors, forbidden, organisations, existing, programmes };
}

function result(parsed: ParsedProgrammeSites, checked: Checked, mode: 'preview' | 'commit'): ImportResult {
  const rows = checked.plan.programmes
    .flatMap((p) =>
      p.sites.map((r) => ({
        row: r.rowNumber,
        code: p.code,
        organisation: p.organisation,
        sector: p.programme.sector,
        title: p.programme.title,
        pcode: r.pcode,
        periodStart: r.dateStart,
        periodEnd: r.dateEnd,
        reached: r.reached,
      })),
    )
    .sort((a, b) => a.row - b.row);
  return {
    mode,
    committed: mode === 'commit',
    rowsRead: checked.plan.rowsRead,
    rows,
    errors: checked.errors,
    programmes: checked.programmes,
  };
}

/**
 * A 5W/HXL sheet uploaded through the API (issue #6). Preview parses and checks and writes nothing.
 * Commit writes all of it in one transaction, or nothing: refused (422, 403 when rows name organisations
 * that are not the caller's) while any row has a problem. Each programme in the sheet gets exactly the
 * sites it lists (those it drops are kept as deleted rows), as with the command-line importer; each
 * programme written leaves one audit row (action "import"), each organisation an admin's sheet creates one more.
 */
export async function importProgrammeSheet(
  db: Kysely<DB>,
  ctx: WriteContext,
  text: string,
  options: { mode: 'preview' | 'commit'; fileName?: string },
): Promise<ImportResult> {
  requireEditor(ctx.actor, 'upload programmes');
  const fileName = options.fileName ?? 'upload.csv';
  let parsed: ParsedProgrammeSites;
  try {
    parsed = parseProgrammeSites(text, { fileName });
  } catch (err) {
    if (err instanceof ParseError) throw new AppError('UNPROCESSABLE', err.message);
    throw err;
  }
  if (options.mode === 'preview') return result(parsed, await check(db, ctx, parsed, false), 'preview');

  return audited(db, ctx, async (trx) => {
    const checked = await check(trx, ctx, parsed, true);
    if (checked.errors.length > 0) {
      const first = checked.errors[0]!;
      throw new AppError(
        checked.forbidden ? 'FORBIDDEN' : 'UNPROCESSABLE',
        `${checked.errors.length} problem(s) in ${fileName}, nothing was imported; first: row ${first.row}` +
          `${first.field ? `, ${first.field}` : ''}: ${first.message}`,
        { errors: checked.errors },
      );
    }
    const audit: AuditEntry[] = [];
    const now = ctx.now.toISOString();
    const sha256 = createHash('sha256').update(text).digest('hex');
    // The upload is an import batch too (file name, hash, counts): its programmes show no open-data source.
    await runImportIn(
      trx,
      { kind: `programmes-upload:${sha256.slice(0, 16)}`, fileName, sha256, strict: true },
      async (trx, batchId) => {
        for (const planned of checked.plan.programmes) {
          const organisationId = await organisationFor(planned);
          const previous = checked.existing.get(planned.code);
          const fields = { ...planned.programme, organisation_id: organisationId, batch_id: batchId };
          const before = previous
            ? { ...programmeRecord(previous), sites: await siteRecords(trx, previous.id) }
            : null;
          const row = previous
            ? await updateProgrammeRow(trx, previous.id, fields)
            : await insertProgramme(trx, { ...fields, code: planned.code });
          const removed = checked.programmes.find((p) => p.code === planned.code)!.removed;
          await softDeleteSites(trx, row.id, now, ctx.actor.userId, {
            keys: removed.map((k) => {
              const [unit_pcode, period_start] = k.split('@') as [string, string];
              return { unit_pcode, period_start };
            }),
          });
          await upsertSites(
            trx,
            row.id,
            planned.sites.map((r) => ({
              unit_pcode: r.pcode,
              period_start: r.dateStart,
              period_end: r.dateEnd,
              reached: r.reached,
            })),
            batchId,
          );
          audit.push({
            action: 'import',
            entityType: 'programme',
            entityId: planned.code,
            organisationId,
            before,
            after: { ...programmeRecord(row), sites: await siteRecords(trx, row.id) },
          });
        }
        return {
          rowsRead: checked.plan.rowsRead,
          rowsAccepted: checked.plan.programmes.reduce((n, p) => n + p.sites.length, 0),
          rejected: [],
        };
      },
    );
    return { value: result(parsed, checked, 'commit'), audit };

    // Only an admin's sheet gets here with an organisation that does not exist yet (check() refuses others).
    async function organisationFor(planned: PlannedProgramme): Promise<number> {
      const known = checked.organisations.get(planned.organisation);
      if (known) return known.id;
      const row = await insertOrganisation(
        trx,
        { name: planned.organisation, name_uk: null, acronym: null, url: null },
        now,
      );
      checked.organisations.set(row.name, row);
      audit.push({
        action: 'create',
        entityType: 'organisation',
        entityId: row.id,
        organisationId: row.id,
        before: null,
        after: organisationRecord(row),
      });
      return row.id;
    }
  });
}
