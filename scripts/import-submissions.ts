// Usage: npm run import:submissions -- --file EXPORT.csv|.xlsx --organisation ID [--preview] [--min-respondents N]
//   [--target-mix resident:0.6,idp:0.4]
// Imports a KoboToolbox (CSV or XLSX) or ODK Central (CSV) submission export of the instrument for the assessing
// organisation (issue #13, section 3): the same path as POST /api/assessment-submissions, as the command-line
// operator (an admin: shell access), audited. --preview prints what would be written and writes nothing.
// On the embedded database, stop the server first: the data directory is locked while it runs.
import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.ts';
import { DatabaseDirectoryError, DatabaseLockedError, openDatabase } from '../server/db/client.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { runSubmissionImport } from '../server/features/assessment-submissions/assessment-submissions.service.ts';
import { SubmissionUploadQuery } from '../server/features/assessment-submissions/assessment-submissions.schemas.ts';
import { commandLineActor } from '../server/features/auth/actor.ts';
import { AppError } from '../server/shared/errors.ts';

class UsageError extends Error {}

function options() {
  const { values } = parseArgs({
    options: {
      file: { type: 'string' },
      organisation: { type: 'string' },
      preview: { type: 'boolean', default: false },
      'min-respondents': { type: 'string' },
      'target-mix': { type: 'string' },
    },
  });
  const organisationId = Number(values.organisation);
  if (!values.file || !Number.isInteger(organisationId) || organisationId <= 0) {
    throw new UsageError(
      'usage: --file EXPORT.csv|.xlsx --organisation ID [--preview] [--min-respondents N]',
    );
  }
  const min = values['min-respondents'];
  return {
    file: values.file,
    organisationId,
    preview: values.preview,
    minRespondents: min === undefined ? undefined : Number(min),
    targetMix: targetMix(values['target-mix']),
  };
}

/** The same group:share pairs as the upload's targetMix parameter, checked by its schema. */
function targetMix(value: string | undefined) {
  const parsed = SubmissionUploadQuery.shape.targetMix.safeParse(value);
  if (!parsed.success) throw new UsageError(`--target-mix: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

function operator(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'unknown'; // no passwd entry (some containers)
  }
}

async function main(): Promise<void> {
  const opts = options();
  const bytes = new Uint8Array(await readFile(opts.file));
  const database = await openDatabase(loadConfig().database);
  try {
    await migrateToLatest(database.db);
    const { result } = await runSubmissionImport(
      database.db,
      {
        actor: { ...commandLineActor, label: `${commandLineActor.label} (${operator()})` },
        now: new Date(),
        requestId: null,
      },
      bytes,
      {
        mode: opts.preview ? 'preview' : 'commit',
        organisationId: opts.organisationId,
        fileName: path.basename(opts.file),
        minRespondents: opts.minRespondents,
        targetMix: opts.targetMix,
      },
    );
    for (const r of result.rejected) {
      console.log(`row ${r.row}${r.id ? ` (${r.id})` : ''}${r.field ? `, ${r.field}` : ''}: ${r.message}`);
    }
    for (const round of result.rounds) {
      const scored = round.components.filter((c) => c.status === 'scored');
      console.log(
        `${round.pcode} round ${round.roundDate}: ${round.respondents} respondents, ` +
          `${scored.length} component(s) scored, assessment ${round.action}`,
      );
    }
    console.log(
      `${result.committed ? 'Imported' : 'Would import'} ${result.accepted} submission(s) from ${result.format} ` +
        `export; ${result.duplicates.length} already imported, ${result.rejected.length} rejected` +
        (result.batchId ? ` (import batch ${result.batchId})` : ''),
    );
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  const expected =
    err instanceof UsageError ||
    err instanceof AppError ||
    err instanceof DatabaseLockedError ||
    err instanceof DatabaseDirectoryError ||
    (err as NodeJS.ErrnoException).code === 'ENOENT';
  console.error(expected ? `import:submissions: ${(err as Error).message}` : err);
  process.exitCode = 1;
});
