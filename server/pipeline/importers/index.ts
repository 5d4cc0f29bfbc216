import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { DB, UnitLevel } from '../../db/schema.ts';
import { ImportError } from '../../shared/errors.ts';
import type { ImportReport, ImportTarget } from '../import-batch.ts';
import type { SourcesManifest } from '../sources-manifest.ts';
import { assessmentsKind, importAssessments } from './assessments.ts';
import { importBoundaries } from './boundaries.ts';
import { combineSpecs, importIndicatorCsv, type CsvIndicatorSpec } from './csv-indicators.ts';
import { importKatottg } from './katottg.ts';
import { kseBudgets, kseGeography, kseIdps, ksePopulation, kseWarStatus } from './kse.ts';
import { kseCommunityCompetence, kseEdem, kseOsbb, ksePartnerships } from './kse-civic.ts';
import { kseDfrr } from './kse-dfrr.ts';
import { kseFullDatasetCivic } from './kse-full-dataset-civic.ts';
import { computeNeighbours } from './neighbours.ts';
import { importOccupiedArea } from './occupied-areas.ts';
import { commandLineActor, type Actor } from '../../features/auth/actor.ts';
import { importProgrammeFile } from '../../features/programmes/programmes-import.service.ts';
import { ParseError } from '../parse/csv.ts';
import { decodeText } from '../parse/decode.ts';

export { computeNeighbours };

type CsvImporter = (
  db: Kysely<DB>,
  manifest: SourcesManifest,
  target: (kind: string) => ImportTarget,
  text: string,
) => Promise<ImportReport>;

/** A CSV importer bound to its spec where the spec's own column names are known (a union of specs has none). */
const csvImporter =
  <K extends string, C>(spec: CsvIndicatorSpec<K, C>): CsvImporter =>
  (db, manifest, target, text) =>
    importIndicatorCsv(db, manifest, target(spec.kind), text, spec);

const csvImporters = {
  'kse-population': csvImporter(ksePopulation),
  // full_dataset.csv: geography and its civic columns, one import of the one pinned file.
  'kse-geography': csvImporter(combineSpecs('kse-geography', kseGeography, kseFullDatasetCivic)),
  'kse-war-status': csvImporter(kseWarStatus),
  'kse-budgets': csvImporter(kseBudgets),
  'kse-idps': csvImporter(kseIdps),
  'kse-partnerships': csvImporter(ksePartnerships),
  'kse-osbb': csvImporter(kseOsbb),
  'kse-edem': csvImporter(kseEdem),
  'kse-community-competence': csvImporter(kseCommunityCompetence),
  'kse-dfrr': csvImporter(kseDfrr),
};

/** Every importer a file can be given to, by name (as in data/sources.json and `npm run import -- <kind>`). */
export const importerKinds = [
  'boundaries',
  'katottg',
  ...Object.keys(csvImporters),
  'occupied-areas',
  'programmes',
  'assessments',
] as const;
export type ImporterKind = (typeof importerKinds)[number];

export interface ImportFileRequest {
  importer: string;
  filePath: string;
  options?: { level?: string; snapshotDate?: string };
  strict?: boolean;
  /** A file committed to the repository (no download URL): the source and file entry it is credited to. */
  seed?: { sourceId: string; fileId: string; title: string; period: string };
  /** Who the audit trail names for a 5W sheet's writes. Default: the command line and the OS user. */
  actor?: Actor;
}

/** The operator at the command line, named by their OS account in the audit trail (issue #11 item 10). */
export function cliActor(): Actor {
  let user = process.env.USER ?? 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // No passwd entry (some containers): keep $USER.
  }
  return { ...commandLineActor, label: `${commandLineActor.label} (${user})` };
}

/**
 * Imports one file with the named importer. A file whose sha256 matches an entry of data/sources.json is
 * linked to that entry for provenance; any other file is imported as a local upload.
 */
export async function importFile(
  db: Kysely<DB>,
  manifest: SourcesManifest,
  req: ImportFileRequest,
): Promise<ImportReport> {
  if (!(importerKinds as readonly string[]).includes(req.importer)) {
    throw new ImportError(
      `unknown import kind "${req.importer}" (expected one of: ${importerKinds.join(', ')})`,
    );
  }
  const bytes = await readFile(req.filePath).catch((err: NodeJS.ErrnoException) => {
    throw new ImportError(`${req.filePath}: cannot read the file (${err.code ?? err.message})`, {
      file: req.filePath,
    });
  });
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const manifestFile = manifest.files.find((f) => f.sha256 === sha256 && f.importer === req.importer);
  const dataset = manifestFile && manifest.sources.find((s) => s.id === manifestFile.source);
  const fileName = manifestFile ? manifestFile.path : path.basename(req.filePath);
  const source =
    manifestFile && dataset
      ? { dataset, file: manifestFile }
      : seedSource(manifest, req, sha256, bytes.length);
  const target = (kind: string): ImportTarget => ({ kind, fileName, sha256, strict: req.strict, source });
  if (req.importer === 'programmes') {
    // The upload API's write path, which decodes the bytes itself (the same decodeText) and reports the
    // encoding with the sheet's other warnings.
    return importProgrammeFile(
      db,
      { actor: req.actor ?? cliActor(), now: new Date(), requestId: null },
      new Uint8Array(bytes),
      target(`programmes:${path.basename(req.filePath)}`),
    );
  }
  // One decoding step for the CLI and the upload API (issue #11 item 5): UTF-8 with or without BOM, UTF-16
  // with BOM, Windows-1251 converted with a warning; anything else refused with what was found.
  let decoded: ReturnType<typeof decodeText>;
  try {
    decoded = decodeText(bytes, { fileName: req.filePath });
  } catch (err) {
    if (err instanceof ParseError) throw new ImportError(err.message, { file: req.filePath });
    throw err;
  }
  const report = await importDecoded(db, manifest, req, target, decoded.text);
  if (decoded.warning) report.notes.unshift(decoded.warning);
  return report;
}

async function importDecoded(
  db: Kysely<DB>,
  manifest: SourcesManifest,
  req: ImportFileRequest,
  target: (kind: string) => ImportTarget,
  text: string,
): Promise<ImportReport> {
  switch (req.importer as ImporterKind) {
    case 'boundaries': {
      const level = req.options?.level;
      if (level !== 'oblast' && level !== 'raion' && level !== 'hromada') {
        throw new ImportError(`boundaries: --level must be oblast, raion or hromada (got "${level ?? ''}")`);
      }
      return importBoundaries(db, target(`boundaries:${level}`), text, level as UnitLevel);
    }
    case 'katottg':
      return importKatottg(db, target('katottg'), text);
    case 'occupied-areas': {
      const date =
        req.options?.snapshotDate ??
        /(\d{4})(\d{2})(\d{2})/.exec(path.basename(req.filePath))?.slice(1).join('-');
      if (!date)
        throw new ImportError(`occupied-areas: give --date YYYY-MM-DD (none found in the file name)`);
      return importOccupiedArea(db, manifest, target(`occupied-areas:${date}`), text, date);
    }
    case 'assessments':
      return importAssessments(db, target(assessmentsKind(req.filePath)), text);
    default: {
      return csvImporters[req.importer as keyof typeof csvImporters](db, manifest, target, text);
    }
  }
}

/** Provenance of a committed seed file: its dataset from data/sources.json, the file itself by its hash. */
function seedSource(manifest: SourcesManifest, req: ImportFileRequest, sha256: string, bytes: number) {
  if (!req.seed) return undefined;
  const { sourceId, fileId, title, period } = req.seed;
  const dataset = manifest.sources.find((s) => s.id === sourceId);
  if (!dataset)
    throw new ImportError(`${req.filePath}: seed source "${sourceId}" is not in data/sources.json`);
  return { dataset, file: { id: fileId, title, url: null, sha256, bytes, period } };
}
