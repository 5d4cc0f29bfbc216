import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type { DB } from '../../db/schema.ts';
import { loadUnitPcodes } from '../../db/unit-pcodes.ts';
import { ASSESSMENT_COMPONENTS, type AssessmentComponent } from '../../model/assessment-components.ts';
import type { RespondentGroup } from '../../model/instrument.ts';
import { scoreRound, type ComponentRoundScore } from '../../model/round-scores.ts';
import { runImportIn, type ImportReport } from '../../pipeline/import-batch.ts';
import { ParseError } from '../../pipeline/parse/csv.ts';
import { decodeText } from '../../pipeline/parse/decode.ts';
import { AppError } from '../../shared/errors.ts';
import { decodeCursor, pageOf } from '../../shared/pagination.ts';
import { toHromadaPcode } from '../../shared/pcode.ts';
import { requireEditor, requireWriteFor, type Actor, type WriteContext } from '../auth/actor.ts';
import { audited, type AuditEntry } from '../audit/audit.service.ts';
import { assessmentRecord } from '../assessments/assessments.service.ts';
import { insertAssessment, updateAssessmentRow } from '../assessments/assessments.repository.ts';
import { findOrganisation } from '../organisations/organisations.repository.ts';
import {
  findBatchRejections,
  findHromadaNames,
  findImportedIds,
  findOrganisationRounds,
  findOrganisationUploads,
  findUploadOrganisation,
  uploadKindPrefix,
  findLiveAssessmentAt,
  findRoundSubmissions,
  insertSubmissions,
  replaceComponentStats,
} from './assessment-submissions.repository.ts';
import type {
  FieldRoundList,
  StoredRejectionList,
  SubmissionImportResult,
  SubmissionUploadList,
} from './assessment-submissions.schemas.ts';
import {
  normaliseLabel,
  parseSubmissionCsv,
  rejectionCode,
  SubmissionExportError,
  type NormalizedSubmission,
  type ParsedSubmissionExport,
} from './submission-export.ts';
import { parseSubmissionXlsx } from './submission-xlsx.ts';

// Field submissions in, scores with intervals out (issue #13, sections 3 and 4), following the 5W upload's
// recipe (programmes-import.service.ts): one parser for the API and the CLI, a preview that writes nothing, a
// commit that writes the submissions, the rounds' assessments, the rejected rows and the audit rows in one
// transaction. Unlike the 5W sheet, a bad row does not block the file: field exports always hold some refusals
// and test rows, so each is kept with its reason (in rejected_rows) and the rest is imported. Idempotent on the
// submission id: what is already stored is skipped, so the same export twice writes nothing new.

type Rejection = Omit<SubmissionImportResult['rejected'][number], 'code'>;
type Round = SubmissionImportResult['rounds'][number];

export interface SubmissionUploadOptions {
  mode: 'preview' | 'commit';
  organisationId: number;
  fileName?: string;
  minRespondents?: number;
  /** Target shares of respondent groups to post-stratify to (round-scores.ts). */
  targetMix?: Partial<Record<RespondentGroup, number>>;
}

/** The first note of a committed upload's import batch: who uploaded it (`uploaded by: <name>`). */
export const UPLOADED_BY = 'uploaded by: ';

const XLSX_MAGIC = [0x50, 0x4b, 0x03, 0x04]; // a ZIP container: .xlsx

async function parse(bytes: Uint8Array, fileName: string): Promise<ParsedSubmissionExport> {
  try {
    if (XLSX_MAGIC.every((b, i) => bytes[i] === b))
      return await parseSubmissionXlsx(Buffer.from(bytes), fileName);
    return parseSubmissionCsv(decodeText(bytes, { fileName }).text, fileName);
  } catch (err) {
    if (err instanceof ParseError || err instanceof SubmissionExportError)
      throw new AppError('UNPROCESSABLE', err.message);
    throw err;
  }
}

type UnitNames = NonNullable<NormalizedSubmission['unitNames']>;
const unitNamesKey = (n: UnitNames) =>
  [n.oblast, n.raion, n.hromada].map((name) => normaliseLabel(name)).join('|');

/** Pcodes by oblast, raion and hromada name, Ukrainian and English (hromada names repeat across raions). */
async function hromadasByName(db: Executor): Promise<Map<string, string>> {
  const byName = new Map<string, string>();
  for (const u of await findHromadaNames(db)) {
    byName.set(unitNamesKey({ oblast: u.oblast_uk, raion: u.raion_uk, hromada: u.name_uk }), u.pcode);
    byName.set(unitNamesKey({ oblast: u.oblast_en, raion: u.raion_en, hromada: u.name_en }), u.pcode);
  }
  return byName;
}

const roundKey = (s: { pcode: string; roundDate: string }) => `${s.pcode}@${s.roundDate}`;

interface PlannedRound extends Round {
  existingAssessmentId: number | null;
  scores: ComponentRoundScore[];
}

interface Plan {
  accepted: NormalizedSubmission[];
  duplicates: string[];
  rejected: Rejection[];
  rounds: PlannedRound[];
}

/** Everything the upload would do: the database's checks on top of the parser's, and each round's scores. */
async function plan(
  db: Executor,
  organisationId: number,
  parsed: ParsedSubmissionExport,
  scoring: Pick<SubmissionUploadOptions, 'minRespondents' | 'targetMix'>,
): Promise<Plan> {
  const rejected: Rejection[] = parsed.rejections.map((r) => ({
    row: r.row,
    id: r.id,
    field: r.field,
    message: r.reason,
  }));
  const hromadas = await loadUnitPcodes(db, 'hromada');
  const imported = await findImportedIds(
    db,
    parsed.submissions.map((s) => s.id),
  );
  const byName = parsed.headers === 'names' ? null : await hromadasByName(db);
  const duplicates: string[] = [];
  let accepted: NormalizedSubmission[] = [];
  for (const s of parsed.submissions) {
    // The form offers the database's own pcodes; a KATOTTG typed in by hand is read as its hromada too. A labels
    // export names the hromada, its raion and its oblast as the form showed them.
    const pcode = s.unitNames
      ? (byName?.get(unitNamesKey(s.unitNames)) ?? null)
      : toHromadaPcode(s.pcode, () => null);
    if (imported.has(s.id)) duplicates.push(s.id);
    else if (pcode === null || !hromadas.has(pcode))
      rejected.push({
        row: s.row,
        id: s.id,
        field: 'hromada',
        message: s.unitNames
          ? `unknown hromada "${s.unitNames.hromada}" (raion "${s.unitNames.raion}", oblast "${s.unitNames.oblast}")`
          : `unknown hromada "${s.pcode}"`,
      });
    else accepted.push({ ...s, pcode });
  }

  const rounds: PlannedRound[] = [];
  const byRound = new Map<string, NormalizedSubmission[]>();
  for (const s of accepted) byRound.set(roundKey(s), [...(byRound.get(roundKey(s)) ?? []), s]);
  for (const [, submissions] of byRound) {
    const { pcode, roundDate } = submissions[0]!;
    const existing = await findLiveAssessmentAt(db, pcode, roundDate);
    if (existing && existing.organisation_id !== organisationId) {
      // One assessment per hromada and date (assessments_unit_date_live): another organisation's stays.
      for (const s of submissions)
        rejected.push({
          row: s.row,
          id: s.id,
          field: 'round_date',
          message: `round of another organisation: ${pcode} already has an assessment on ${roundDate} by organisation ${existing.organisation_id ?? 'none (imported)'}`,
        });
      accepted = accepted.filter((a) => !submissions.includes(a));
      continue;
    }
    const stored = await findRoundSubmissions(db, { organisationId, pcode, roundDate });
    const respondents = [
      ...stored.map((r) => ({ group: r.respondent_group as RespondentGroup, answers: r.answers })),
      ...submissions.map((s) => ({ group: s.group, answers: s.answers })),
    ];
    const scores = scoreRound(respondents, scoring);
    const anyScored = scores.some((s) => s.status === 'scored');
    rounds.push({
      pcode,
      roundDate,
      respondents: respondents.length,
      newSubmissions: submissions.length,
      action: !anyScored ? 'none' : existing ? 'update' : 'create',
      existingAssessmentId: existing?.id ?? null,
      scores,
      components: scores.map((s) =>
        s.status === 'scored'
          ? {
              component: s.component,
              status: s.status,
              n: s.n,
              score: s.score,
              low: s.low,
              high: s.high,
              weighting: s.weighting,
            }
          : {
              component: s.component,
              status: s.status,
              n: s.n,
              score: null,
              low: null,
              high: null,
              weighting: null,
            },
      ),
    });
  }
  rejected.sort((a, b) => a.row - b.row);
  rounds.sort((a, b) => roundKey(a).localeCompare(roundKey(b)));
  return { accepted, duplicates, rejected, rounds };
}

function result(
  parsed: ParsedSubmissionExport,
  p: Plan,
  mode: 'preview' | 'commit',
  batchId: number | null,
): SubmissionImportResult {
  return {
    mode,
    committed: mode === 'commit',
    format: parsed.format,
    rowsRead: parsed.submissions.length + parsed.rejections.length,
    accepted: p.accepted.length,
    duplicates: p.duplicates,
    rejected: p.rejected.map((r) => ({ ...r, code: rejectionCode(r.message) })),
    rounds: p.rounds.map(({ existingAssessmentId: _id, scores: _scores, ...round }) => round),
    batchId,
  };
}

/** Writes a round's assessment (scores of the components with enough respondents) and its intervals. */
async function writeRound(
  trx: Transaction<DB>,
  organisationId: number,
  round: PlannedRound,
  batchId: number,
): Promise<AuditEntry | null> {
  if (round.action === 'none') return null;
  const scores = Object.fromEntries(
    ASSESSMENT_COMPONENTS.map((c) => {
      const s = round.scores.find((x) => x.component === c);
      return [c, s?.status === 'scored' ? s.score : null];
    }),
  ) as Record<AssessmentComponent, number | null>;
  const before = round.existingAssessmentId
    ? await findLiveAssessmentAt(trx, round.pcode, round.roundDate)
    : undefined;
  const notes = `From ${round.respondents} field submissions (import batch ${batchId})`;
  const row = before
    ? await updateAssessmentRow(trx, before.id, { scores, notes })
    : await insertAssessment(trx, round.pcode, {
        assessed_on: round.roundDate,
        organisation_id: organisationId,
        assessor: null,
        strategy_adopted: null,
        notes,
        scores,
      });
  await replaceComponentStats(
    trx,
    row.id,
    round.scores.map((s) => ({
      component: s.component,
      respondents: s.n,
      ci_low: s.status === 'scored' ? s.low : null,
      ci_high: s.status === 'scored' ? s.high : null,
      weighting: s.status === 'scored' ? s.weighting : null,
    })),
  );
  return {
    action: 'import',
    entityType: 'assessment',
    entityId: row.id,
    organisationId,
    before: before ? assessmentRecord(before) : null,
    after: { ...assessmentRecord(row), intervals: round.components },
  };
}

/**
 * The one way a submission export is read and written, for `POST /api/assessment-submissions[/preview]` and
 * `npm run import:submissions`. Editors of the assessing organisation (or an admin) only, preview included:
 * the preview shows scores of that organisation's rounds.
 */
export async function runSubmissionImport(
  db: Kysely<DB>,
  ctx: WriteContext,
  bytes: Uint8Array,
  options: SubmissionUploadOptions,
): Promise<{ result: SubmissionImportResult; report: ImportReport | null }> {
  requireEditor(ctx.actor, 'import assessment submissions');
  const { organisationId } = options;
  const fileName = options.fileName ?? 'submissions.csv';
  const checkOrganisation = async (trx: Executor) => {
    if (!(await findOrganisation(trx, organisationId)))
      throw new AppError(
        'UNPROCESSABLE',
        `query parameter organisationId: no organisation ${organisationId}`,
      );
    requireWriteFor(ctx.actor, organisationId, `the assessments of organisation ${organisationId}`);
  };
  if (options.mode === 'preview') {
    await checkOrganisation(db);
    const parsed = await parse(bytes, fileName);
    const p = await plan(db, organisationId, parsed, options);
    return { result: result(parsed, p, 'preview', null), report: null };
  }
  const parsed = await parse(bytes, fileName);
  return audited(db, ctx, async (trx) => {
    await checkOrganisation(trx);
    const p = await plan(trx, organisationId, parsed, options);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const audit: AuditEntry[] = [];
    const report = await runImportIn(
      trx,
      { kind: `${uploadKindPrefix(organisationId)}${sha256.slice(0, 16)}`, fileName, sha256 },
      async (trx, batchId) => {
        await insertSubmissions(
          trx,
          p.accepted.map((s) => ({
            submission_id: s.id,
            organisation_id: organisationId,
            form_version: s.formVersion,
            round_date: s.roundDate,
            unit_pcode: s.pcode,
            respondent_group: s.group,
            answers: s.answers,
            submitted_at: s.submittedAt,
            batch_id: batchId,
          })),
        );
        for (const round of p.rounds) {
          const entry = await writeRound(trx, organisationId, round, batchId);
          if (entry) audit.push(entry);
        }
        return {
          rowsRead: parsed.submissions.length + parsed.rejections.length,
          rowsAccepted: p.accepted.length,
          // The reason only: a declined consent's answers are not kept anywhere (issue #13, "Data honesty").
          rejected: p.rejected.map((r) => ({
            rowNumber: r.row,
            field: r.field,
            reason: r.id ? `${r.message} (submission ${r.id})` : r.message,
          })),
          // Who uploaded it: the uploads list shows it (import_batches has no column of its own for it).
          notes: [
            `${UPLOADED_BY}${ctx.actor.label}`,
            ...(p.duplicates.length
              ? [`${p.duplicates.length} submission(s) already imported, skipped`]
              : []),
          ],
        };
      },
    );
    return { value: { result: result(parsed, p, 'commit', report.batchId), report }, audit };
  });
}

// An organisation's field work (issue #13, section 7): read by its editors and by admins, as the uploads are.

async function requireOrganisationWork(db: Executor, actor: Actor, organisationId: number): Promise<void> {
  requireEditor(actor, `read the field rounds of organisation ${organisationId}`);
  if (!(await findOrganisation(db, organisationId)))
    throw new AppError('NOT_FOUND', `query parameter organisationId: no organisation ${organisationId}`);
  requireWriteFor(actor, organisationId, `the field rounds of organisation ${organisationId}`);
}

/** An organisation's rounds: each hromada and round date with its respondents, form versions and uploads. */
export async function listOrganisationRounds(
  db: Executor,
  actor: Actor,
  query: { organisationId: number; limit: number; cursor?: string },
): Promise<FieldRoundList> {
  await requireOrganisationWork(db, actor, query.organisationId);
  const after = query.cursor ? decodeCursor(query.cursor, ['string', 'string'] as const) : undefined;
  const rows = await findOrganisationRounds(db, query.organisationId, {
    limit: query.limit,
    after: after && { roundDate: after[0], pcode: after[1] },
  });
  const { items, nextCursor } = pageOf(rows, query.limit, (r) => [r.round_date, r.pcode]);
  return {
    items: items.map((r) => ({
      pcode: r.pcode,
      nameUk: r.name_uk,
      nameEn: r.name_en,
      roundDate: r.round_date,
      respondents: r.respondents,
      formVersions: r.form_versions,
      assessmentId: r.assessment_id,
      batchIds: r.batch_ids.map(Number),
    })),
    nextCursor,
  };
}

/** An organisation's committed uploads, newest first, with their counts and who uploaded each. */
export async function listOrganisationUploads(
  db: Executor,
  actor: Actor,
  query: { organisationId: number; limit: number; cursor?: string },
): Promise<SubmissionUploadList> {
  await requireOrganisationWork(db, actor, query.organisationId);
  const before = query.cursor ? decodeCursor(query.cursor, ['number'] as const)[0] : undefined;
  const rows = await findOrganisationUploads(db, query.organisationId, { limit: query.limit, before });
  const { items, nextCursor } = pageOf(rows, query.limit, (r) => [r.id]);
  return {
    items: items.map((r) => {
      const first = r.notes?.split('\n')[0] ?? '';
      return {
        batchId: r.id,
        fileName: r.file_name,
        at: new Date(r.started_at).toISOString(),
        uploadedBy: first.startsWith(UPLOADED_BY) ? first.slice(UPLOADED_BY.length) : null,
        rowsRead: r.rows_read,
        accepted: r.rows_accepted,
        rejected: r.rows_rejected,
        status: r.status,
      };
    }),
    nextCursor,
  };
}

/** The rejected rows of an upload, in file order; its organisation's editors and admins. */
export async function listUploadRejections(
  db: Executor,
  actor: Actor,
  query: { batchId: number; limit: number; cursor?: string },
): Promise<StoredRejectionList> {
  requireEditor(actor, `read the rejected rows of upload ${query.batchId}`);
  const organisationId = await findUploadOrganisation(db, query.batchId);
  if (organisationId === undefined)
    throw new AppError('NOT_FOUND', `no upload ${query.batchId} of field submissions`);
  requireWriteFor(actor, organisationId, `the field rounds of organisation ${organisationId}`);
  const after = query.cursor ? decodeCursor(query.cursor, ['number', 'number'] as const) : undefined;
  const rows = await findBatchRejections(db, query.batchId, { limit: query.limit, after });
  const { items, nextCursor } = pageOf(rows, query.limit, (r) => [r.row_number, r.id]);
  return {
    items: items.map((r) => ({
      row: r.row_number,
      field: r.field,
      code: rejectionCode(r.reason),
      message: r.reason,
    })),
    nextCursor,
  };
}
