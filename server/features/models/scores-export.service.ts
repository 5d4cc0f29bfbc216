import type { Executor } from '../../db/executor.ts';
import { exportTable, type ExportFile, type ExportFormat } from '../../shared/table-export/table-export.ts';
import { rounded, scenarioName } from '../../shared/table-export/export-stamp.ts';
import { listSourceCredits } from '../sources/sources.service.ts';
import { findOblastNames } from '../units/units.repository.ts';
import { hromadaFeatures } from '../units/units.service.ts';
import type { ScoredModel } from './models.service.ts';
import { scoreColumns, type scoresJson } from './score-view.ts';

type ScoresBody = ReturnType<typeof scoresJson>;
type ScoreRow = ScoresBody['units'][number];

/** A scoring run as CSV (HXL), XLSX (HXL) or GeoJSON, stamped with model, scenario, data version and sources. */
export async function exportScores(
  db: Executor,
  scored: ScoredModel,
  body: ScoresBody,
  format: ExportFormat,
): Promise<ExportFile> {
  const oblasts = new Map(
    (await findOblastNames(db)).map((o) => [o.pcode, { uk: o.name_uk, en: o.name_en }]),
  );
  const weights = Object.entries(body.weights)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k} = ${rounded(v, 3)}`)
    .join('; ');
  const stamp = {
    title: scored.model.name.en,
    model: body.model,
    scenario: body.scenario,
    scenarioName: scenarioName(body.scenario),
    // What chose the ranks, in words (issue #14, item 10).
    context: [
      { label: 'Weights', key: 'weights', value: weights },
      {
        label: 'Ranked',
        key: 'ranked',
        value: `${body.rankedCount} hromadas of the current system with confidence ≥ ${Math.round(body.minConfidence * 100)} %`,
      },
    ],
    asOf: body.asOf,
    // The file's own moment (the JSON's generatedAt is when its inputs were read).
    generatedAt: new Date().toISOString(),
    dataVersion: body.dataVersion,
    sources: await listSourceCredits(db),
    // The rank's denominator and threshold travel with the file (issue #14): "rank 3" means "of rankedCount".
    request: {
      minConfidence: body.minConfidence,
      rankedCount: body.rankedCount,
      rankedRule: 'hromadas of the current system with confidence >= minConfidence (docs/methodology.md)',
    },
  };
  return exportTable(
    {
      columns: scoreColumns(scored.model, oblasts),
      rows: body.units,
      stamp,
      features: () =>
        hromadaFeatures(db, (u: ScoreRow) => ({
          ...u,
          dimensions: undefined,
          components: undefined,
          band: undefined,
          ...flatten(u),
        })),
    },
    format,
  );
}

/** GIS tools want flat properties: dimension scores and the band as plain columns. */
function flatten(u: ScoreRow) {
  const out: Record<string, number | string | null> = {};
  for (const [k, v] of Object.entries(u.dimensions)) out[`dim_${k}`] = v;
  out.rank_p5 = u.band?.p5 ?? null;
  out.rank_median = u.band?.median ?? null;
  out.rank_p95 = u.band?.p95 ?? null;
  out.proxy_components = u.proxyComponents.length > 0 ? u.proxyComponents.join(' ') : null;
  return out;
}
