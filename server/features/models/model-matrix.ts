import type { IndicatorColumn, IndicatorMatrix } from '../../model/indicator-matrix.ts';
import type { ModelDefinition } from '../../model/model-definition.ts';
import type { Executor } from '../../db/executor.ts';
import { findIndicatorValues, findLatestAssessments, findScoredUnits } from './models.repository.ts';

/** Indicator nodes that read a community-security assessment component instead of an imported indicator. */
const ASSESSMENT_PREFIX = 'assessment_';

export type ScoredUnitMeta = Awaited<ReturnType<typeof findScoredUnits>>[number];

export interface ModelInput {
  units: ScoredUnitMeta[];
  matrix: IndicatorMatrix;
  /** For each indicator node: the indicator and the period its values were taken from. */
  periods: Record<string, { indicatorId: string; period: string | null }>;
}

/** The units and every period's values of a model's indicators: what each date's input is picked from. */
export interface ModelReads {
  units: ScoredUnitMeta[];
  values: Awaited<ReturnType<typeof findIndicatorValues>>;
}

/** Reads the units and the values of all periods once, so that a trend over many dates reads them once. */
export async function readModelValues(db: Executor, definition: ModelDefinition): Promise<ModelReads> {
  const nodes = definition.dimensions.flatMap((d) => d.components.flatMap((c) => c.indicators));
  const indicatorIds = [
    ...new Set(nodes.map((n) => n.indicatorId).filter((id) => !id.startsWith(ASSESSMENT_PREFIX))),
  ];
  const [units, values] = await Promise.all([findScoredUnits(db), findIndicatorValues(db, indicatorIds)]);
  return { units, values };
}

/**
 * Resolves every indicator node of a model to one period and reads its values for all hromada-level units.
 * 'latest' means the newest period at or before `asOf` (all periods when none is given); period strings
 * ('YYYY', 'YYYY-MM', 'YYYY-MM-DD') compare correctly as text.
 */
export async function buildModelInput(
  db: Executor,
  definition: ModelDefinition,
  asOf?: string,
  read?: ModelReads,
): Promise<ModelInput> {
  const { units, values } = read ?? (await readModelValues(db, definition));
  const index = new Map(units.map((u, i) => [u.pcode, i]));
  const nodes = definition.dimensions.flatMap((d) => d.components.flatMap((c) => c.indicators));
  const assessments = nodes.some((n) => n.indicatorId.startsWith(ASSESSMENT_PREFIX))
    ? await findLatestAssessments(db, asOf)
    : [];

  const columns: Record<string, IndicatorColumn> = {};
  const periods: ModelInput['periods'] = {};
  for (const node of nodes) {
    const column: (number | null)[] = new Array(units.length).fill(null);
    let widths: (number | null)[] | undefined;
    let period: string | null = null;
    if (node.indicatorId.startsWith(ASSESSMENT_PREFIX)) {
      const component = node.indicatorId.slice(ASSESSMENT_PREFIX.length);
      for (const a of assessments) {
        if (a.component !== component) continue;
        const u = index.get(a.unit_pcode);
        if (u === undefined) continue;
        column[u] = a.value;
        // Confidence counts an assessed value by its interval's width (score-core.ts, issue #13 §4).
        if (a.interval_width !== null) {
          widths ??= new Array<number | null>(units.length).fill(null);
          widths[u] = a.interval_width;
        }
        // The column's age is that of its oldest assessment: confidence errs on the side of caution.
        if (period === null || a.assessed_on < period) period = a.assessed_on;
      }
    } else {
      const own = values.filter((v) => v.indicator_id === node.indicatorId);
      const available = [...new Set(own.map((v) => v.period))].filter((p) => !asOf || p <= asOf).sort();
      period =
        node.period === 'latest'
          ? (available.at(-1) ?? null)
          : available.includes(node.period)
            ? node.period
            : null;
      for (const v of own) {
        if (v.period !== period) continue;
        const u = index.get(v.unit_pcode);
        if (u !== undefined) column[u] = v.value;
      }
    }
    columns[node.id] =
      widths === undefined ? { values: column, period } : { values: column, period, intervalWidths: widths };
    periods[node.id] = { indicatorId: node.indicatorId, period };
  }
  return { units, matrix: { units: units.map((u) => u.pcode), columns }, periods };
}
