import type { StrategyStage } from '../api/strategies.ts';

// The API's vocabulary at run time, kept out of api/ so that components can iterate it (eslint.config.js):
// the stages of a community's safety strategy (issue #13, section 6), in the order a strategy goes through
// them, as server/features/strategies/strategies.schemas.ts lists them.

export const STRATEGY_STAGES = [
  'risk_analysis',
  'drafted',
  'adopted',
  'monitoring',
] as const satisfies readonly StrategyStage[];
// A compile-time check that the list names every stage the API knows (an object of the missing ones).
const _complete: Record<Exclude<StrategyStage, (typeof STRATEGY_STAGES)[number]>, never> = {};

/**
 * The export of the strategies with these filters: a plain link (the browser saves the file under the name the
 * server gives it), as the instrument's downloads are.
 */
export function strategiesExportHref(
  format: 'csv' | 'xlsx',
  filter: { stage?: StrategyStage | null; oblast?: string | null },
  base = '',
): string {
  const q = new URLSearchParams({ format });
  if (filter.stage) q.set('stage', filter.stage);
  if (filter.oblast) q.set('oblast', filter.oblast);
  return `${base}/api/strategies/export?${q}`;
}
