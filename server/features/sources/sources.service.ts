import type { Executor } from '../../db/executor.ts';
import type { ExportStamp } from '../../shared/table-export/export-stamp.ts';
import { findSourceFiles, findSources } from './sources.repository.ts';
import type { Source } from './sources.schemas.ts';

/** Every source dataset with its licence, attribution and the exact files imported from it. */
export async function listSources(db: Executor): Promise<Source[]> {
  const [sources, files] = await Promise.all([findSources(db), findSourceFiles(db)]);
  return sources.map((s) => ({
    id: s.id,
    name: s.name,
    publisher: s.publisher,
    homepage: s.homepage,
    licence: s.licence,
    licenceUrl: s.licence_url,
    attribution: s.attribution,
    caveats: s.caveats,
    files: files
      .filter((f) => f.source_id === s.id)
      .map((f) => ({
        id: f.id,
        title: f.title,
        url: f.url,
        sha256: f.sha256,
        period: f.period,
        retrievedAt: f.retrieved_at,
      })),
  }));
}

/** Every source as an export stamps it: enough to credit it and to find it again in /api/sources. */
export async function listSourceCredits(db: Executor): Promise<ExportStamp['sources']> {
  return (await findSources(db)).map((s) => ({
    id: s.id,
    name: s.name,
    licence: s.licence,
    attribution: s.attribution,
  }));
}
