import type { ModelDefinition } from '../../model/model-definition.ts';

/** What changes an index on a date: an occupied-area snapshot, a budget year, another indicator period, an assessment. */
export type IndexDateKind = 'occupied_area' | 'budget_year' | 'indicator_period' | 'assessment';

export interface IndexDate {
  /** YYYY-MM-DD: from this day on (asOf ≥ date) the index takes the new values. */
  date: string;
  kinds: IndexDateKind[];
  /** The model's indicators that get a new period on this day (none for an assessment day alone). */
  indicatorIds: string[];
}

/** Indicators derived from the occupied-area snapshots (import: share and distance per snapshot). */
const OCCUPIED_INDICATORS = new Set(['occupied_share', 'distance_to_occupied_km']);
/** Indicators read from the yearly local budgets (OpenBudget via KSE). */
const BUDGET_INDICATORS = new Set(['own_revenue_per_capita', 'transfer_share']);

const ASSESSMENT_PREFIX = 'assessment_';

/**
 * The day a period takes effect for asOf: model-matrix.ts takes a period when `period <= asOf` as text, so
 * "2024" counts from 2024-01-01 and "2024-07" from 2024-07-01.
 */
export function periodStart(period: string): string {
  if (/^\d{4}$/.test(period)) return `${period}-01-01`;
  if (/^\d{4}-\d{2}$/.test(period)) return `${period}-01`;
  return period.slice(0, 10);
}

/**
 * The dates at which a model's scores can change (issue #14 item 5), oldest first: each period of its
 * indicators and each assessment day when the model reads assessments.
 */
export function indexDates(
  model: ModelDefinition,
  periods: readonly { indicator_id: string; period: string }[],
  assessmentDays: readonly string[],
): IndexDate[] {
  const nodes = model.dimensions.flatMap((d) => d.components.flatMap((c) => c.indicators));
  const used = new Set(nodes.map((n) => n.indicatorId));
  const byDate = new Map<string, { kinds: Set<IndexDateKind>; ids: Set<string> }>();
  const at = (date: string) => {
    let e = byDate.get(date);
    if (!e) byDate.set(date, (e = { kinds: new Set(), ids: new Set() }));
    return e;
  };
  for (const p of periods) {
    if (!used.has(p.indicator_id)) continue;
    const e = at(periodStart(p.period));
    e.ids.add(p.indicator_id);
    e.kinds.add(
      OCCUPIED_INDICATORS.has(p.indicator_id)
        ? 'occupied_area'
        : BUDGET_INDICATORS.has(p.indicator_id)
          ? 'budget_year'
          : 'indicator_period',
    );
  }
  if (nodes.some((n) => n.indicatorId.startsWith(ASSESSMENT_PREFIX)))
    for (const day of assessmentDays) at(day).kinds.add('assessment');
  return [...byDate]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([date, e]) => ({ date, kinds: [...e.kinds].sort(), indicatorIds: [...e.ids].sort() }));
}
