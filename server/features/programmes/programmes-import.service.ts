import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type { DB } from '../../db/schema.ts';
import {
  runImportIn,
  type ImportReport,
  type ImportTarget,
  type RejectedRow,
} from '../../pipeline/import-batch.ts';
import { loadUnitPcodes } from '../../db/unit-pcodes.ts';
import { planProgrammeImport, type PlannedProgramme } from './programme-plan.ts';
import { ParseError } from '../../pipeline/parse/csv.ts';
import { decodeText, type DecodedText } from '../../pipeline/parse/decode.ts';
import { parseProgrammeSites, type ParsedProgrammeSites } from '../../pipeline/parse/hxl.ts';
import { AppError, ImportError } from '../../shared/errors.ts';
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
  /** Programmes that cannot be written as the sheet has them (deleted, another organisation's, not yours). */
  blocked: Set<string>;
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
  const blocked = new Set<string>();

  const programmes = plan.programmes.map((planned) => {
    const org = organisations.get(planned.organisation);
    const everyRow = (message: string) => {
      blocked.add(planned.code);
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
      blocked.add(planned.code);
      errors.push({
        row: first,
        field: codeField,
        message: `programme ${planned.code} was deleted: give it another code`,
      });
    } else if (previous && previous.organisation_id !== org?.id) {
      blocked.add(planned.code);
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
  return { plan, errors, blocked, forbidden, organisations, existing, programmes };
}

function result(
  decoded: DecodedText,
  parsed: ParsedProgrammeSites,
  checked: Checked,
  mode: 'preview' | 'commit',
): ImportResult {
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
    encoding: decoded.encoding,
    rowsRead: checked.plan.rowsRead,
    rows,
    errors: checked.errors,
    warnings: [
      ...(decoded.warning ? [{ row: null, field: null, message: decoded.warning }] : []),
      ...parsed.warnings.map((w) => ({ row: w.rowNumber, field: w.field, message: w.reason })),
    ],
    programmes: checked.programmes,
  };
}

/** How a sheet is read and written besides its bytes. */
export interface SheetOptions {
  mode: 'preview' | 'commit';
  fileName?: string;
  /**
   * The import batch a commit records. Default (uploads): one kind per file hash, no source. The command line
   * names the batch after the file and credits a file of data/sources.json or a committed seed to its source.
   */
  batch?: { kind: string; source?: ImportTarget['source'] };
  /**
   * The command line without --strict: commit the programmes without problems, keep the rejected rows with the
   * batch (as every importer does). The API (and --strict) refuses the whole sheet while any row has a problem.
   */
  partial?: boolean;
  /**
   * Whether the writes leave audit rows. Off only for a file credited to an open-data source (the seed the
   * first start imports, a file of data/sources.json): like boundaries and indicators, those are traced by
   * their import batch and source, and the audit trail stays the record of what people changed.
   */
  audit?: boolean;
}

export interface SheetOutcome {
  result: ImportResult;
  /** The import batch of a commit (null for a preview). */
  report: ImportReport | null;
}

/**
 * The one way a 5W/HXL sheet is read and written (issue #11 items 4, 5 and 10), for the upload API and
 * `npm run import -- programmes FILE` alike: one decoding step (parse/decode.ts), one validation step (the
 * parser checks every field against the columns and the plausibility rules), one planner, then the caller's
 * rights over each row's organisation and each programme's owner. Preview writes nothing. Commit writes in
 * one transaction, with one audit row per programme (action "import") and per organisation an admin's sheet
 * creates. Idempotent: each programme in the sheet (by #meta+id, else by organisation, sector, activity and
 * start: derivedCode) gets exactly the sites it lists, keyed by hromada and start; a site already there is
 * updated in place, one the sheet drops is kept as a deleted row, so the same sheet twice writes the same rows.
 */
export async function runProgrammeSheet(
  db: Kysely<DB>,
  ctx: WriteContext,
  body: Uint8Array | string,
  options: SheetOptions,
): Promise<SheetOutcome> {
  requireEditor(ctx.actor, 'upload programmes');
  const fileName = options.fileName ?? 'upload.csv';
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  let decoded: DecodedText;
  let parsed: ParsedProgrammeSites;
  try {
    decoded = decodeText(bytes, { fileName });
    parsed = parseProgrammeSites(decoded.text, { fileName, now: ctx.now });
  } catch (err) {
    if (err instanceof ParseError) throw new AppError('UNPROCESSABLE', err.message);
    throw err;
  }
  if (options.mode === 'preview') {
    return { result: result(decoded, parsed, await check(db, ctx, parsed, false), 'preview'), report: null };
  }

  const work = async (trx: Transaction<DB>) => {
    const checked = await check(trx, ctx, parsed, true);
    if (checked.errors.length > 0 && (!options.partial || checked.forbidden)) {
      const first = checked.errors[0]!;
      throw new AppError(
        checked.forbidden ? 'FORBIDDEN' : 'UNPROCESSABLE',
        `${checked.errors.length} problem(s) in ${fileName}, nothing was imported; first: row ${first.row}` +
          `${first.field ? `, ${first.field}` : ''}: ${first.message}`,
        { errors: checked.errors },
      );
    }
    const writable = checked.plan.programmes.filter((p) => !checked.blocked.has(p.code));
    const rejected: RejectedRow[] = checked.errors.map((e) => ({
      rowNumber: e.row,
      field: e.field,
      reason: e.message,
    }));
    const audit: AuditEntry[] = [];
    const now = ctx.now.toISOString();
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    // The upload is an import batch too (file name, hash, counts): its programmes show no open-data source.
    const report = await runImportIn(
      trx,
      {
        kind: options.batch?.kind ?? `programmes-upload:${sha256.slice(0, 16)}`,
        source: options.batch?.source,
        fileName,
        sha256,
        strict: !options.partial,
      },
      async (trx, batchId) => {
        for (const planned of writable) {
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
          rowsAccepted: writable.reduce((n, p) => n + p.sites.length, 0),
          rejected,
          notes: result(decoded, parsed, checked, 'commit').warnings.map((w) =>
            w.row === null ? w.message : `row ${w.row}, ${w.field}: ${w.message}`,
          ),
        };
      },
    );
    const written = { ...checked, plan: { ...checked.plan, programmes: writable } };
    written.programmes = checked.programmes.filter((p) => !checked.blocked.has(p.code));
    return { value: { result: result(decoded, parsed, written, 'commit'), report }, audit };

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
  };
  if (options.audit === false) return db.transaction().execute(async (trx) => (await work(trx)).value);
  return audited(db, ctx, work);
}

/**
 * A 5W/HXL sheet uploaded through the API (issue #6): the body's bytes as sent (any encoding decodeText
 * reads). Commit is refused (422, 403 when rows name organisations that are not the caller's) while any row
 * has a problem.
 */
export async function importProgrammeSheet(
  db: Kysely<DB>,
  ctx: WriteContext,
  body: Uint8Array | string,
  options: { mode: 'preview' | 'commit'; fileName?: string },
): Promise<ImportResult> {
  return (await runProgrammeSheet(db, ctx, body, options)).result;
}

/**
 * `npm run import -- programmes FILE` (and the seed the first start imports): the same path as the upload,
 * as the command-line actor (an admin: shell access), keeping the importer's non-strict default.
 */
export async function importProgrammeFile(
  db: Kysely<DB>,
  ctx: WriteContext,
  bytes: Uint8Array,
  target: Pick<ImportTarget, 'kind' | 'fileName' | 'source' | 'strict'>,
): Promise<ImportReport> {
  try {
    const { report } = await runProgrammeSheet(db, ctx, bytes, {
      mode: 'commit',
      fileName: target.fileName,
      batch: { kind: target.kind, source: target.source },
      partial: !target.strict,
      audit: !target.source,
    });
    return report!;
  } catch (err) {
    // The command line reports an ImportError (file, row, field); an AppError is the API's wording.
    if (err instanceof AppError) {
      const first = (err.details as { errors?: RowError[] } | undefined)?.errors?.[0];
      throw new ImportError(err.message, {
        file: target.fileName,
        row: first?.row,
        field: first?.field ?? undefined,
      });
    }
    throw err;
  }
}
