// How the safety strategies colour the shared hromada fill (issue #13, section 6): each community by its
// strategy's furthest stage, in an ordered palette since the stages are a sequence; every other community in
// the neutral grey of "not recorded" (absence in the atlas is unknown, not "no strategy").

import type { StrategyStage } from '../../api/strategies.ts';
import { STRATEGY_STAGES } from '../../domain/strategy-stages.ts';
import { STRATEGY_MESSAGES } from '../../i18n/messages-strategies.ts';
import type { Choropleth } from '../../map/choropleth.ts';
import type { ClassBin } from '../../map/classify.ts';
import { NONE_COLOUR } from '../coverage/coverage-map.ts';

/**
 * One colour per stage, light to dark as the strategy advances: ColorBrewer's YlGnBu (Brewer 2003, colour-blind
 * safe and printable), without its lightest step, which is too close to the grey of "not recorded".
 */
export const STAGE_COLOURS: Record<StrategyStage, string> = {
  risk_analysis: '#a1dab4',
  drafted: '#41b6c4',
  adopted: '#2c7fb8',
  monitoring: '#253494',
};

/**
 * The fill: "not recorded" first, then the stages in order (all four, so that a stage's colour never moves),
 * or, with a stage filter, only that stage and everything else as "another stage or not recorded".
 */
export function strategiesChoropleth(
  pcodes: Iterable<string>,
  stages: Readonly<Record<string, StrategyStage>>,
  filter: StrategyStage | null,
): Choropleth {
  const shown = filter ? [filter] : STRATEGY_STAGES;
  const index = new Map(shown.map((s, i) => [s, i + 1]));
  const counts = new Array<number>(shown.length + 1).fill(0);
  const classOf = new Map<string, number>();
  for (const pcode of pcodes) {
    const stage = stages[pcode];
    const c = (stage && index.get(stage)) || 0;
    classOf.set(pcode, c);
    counts[c]!++;
  }
  const label = (f: (m: (typeof STRATEGY_MESSAGES)['uk']) => string) => ({
    uk: f(STRATEGY_MESSAGES.uk),
    en: f(STRATEGY_MESSAGES.en),
  });
  const bins: ClassBin[] = [
    { lower: 0, upper: 0, count: counts[0]!, label: label((m) => (filter ? m.otherStage : m.none)) },
    ...shown.map((s, i) => ({
      lower: i + 1,
      upper: i + 1,
      count: counts[i + 1]!,
      label: label((m) => m.stage[s]),
    })),
  ];
  return {
    classification: { kind: 'categories', thresholds: [], bins, n: classOf.size },
    colours: [NONE_COLOUR, ...shown.map((s) => STAGE_COLOURS[s])],
    classOf,
  };
}
