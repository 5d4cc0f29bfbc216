// Which hromadas the filters keep and how they rank, in the browser, by the same rules POST /api/targeting
// applies (server/features/targeting/targeting.service.ts): the table the user reads while moving sliders
// is the list the optimiser will choose from.

import { isPreReformCrimea } from '../../../../../server/model/comparability.ts';
import { rankInto } from '../../../../../server/model/ranking.ts';
import type { CostType, TargetFilterParams } from './target-params.ts';

/** A community counts as occupied when at least half of its area is (targeting.service.ts, latest DeepState). */
export const OCCUPIED_SHARE_THRESHOLD = 0.5;

/** What the filters read about one hromada (GET /api/coverage and the latest occupied share). */
export interface UnitFacts {
  pcode: string;
  nameUk: string;
  nameEn: string;
  oblastPcode: string;
  population: number | null;
  isCrimea: boolean;
  /** Latest share of the area under occupation, 0–1; null when unknown. */
  occupiedShare: number | null;
  /** 0–1 (today: 1 where a programme is active). */
  coverage: number;
  /** Sectors of the programmes active there. */
  sectors: readonly string[];
}

/** Why a hromada is left out, in the server's order of checks. */
export type Exclusion =
  | 'unscored'
  | 'notCompared'
  | 'oblast'
  | 'occupied'
  | 'populationUnknown'
  | 'populationLow'
  | 'populationHigh'
  | 'confidence'
  | 'covered';

/**
 * The first filter that leaves the hromada out, or null when it is eligible. `minComparable` is the map's
 * confidence threshold (issue #14): a hromada the map does not compare (pre-reform Crimea, confidence below
 * it; server/model/comparability.ts) is not ranked or shortlisted either.
 */
export function exclusionOf(
  f: UnitFacts,
  score: number,
  confidence: number,
  filters: TargetFilterParams,
  costType: CostType,
  minComparable = 0,
): Exclusion | null {
  if (Number.isNaN(score)) return 'unscored';
  if (filters.oblasts.length > 0 && !filters.oblasts.includes(f.oblastPcode)) return 'oblast';
  if (filters.excludeOccupied && (f.isCrimea || (f.occupiedShare ?? 0) >= OCCUPIED_SHARE_THRESHOLD))
    return 'occupied';
  if (isPreReformCrimea(f.pcode) || confidence < minComparable) return 'notCompared';
  const needsPopulation =
    filters.populationMin !== null || filters.populationMax !== null || costType === 'per_capita';
  if (needsPopulation && f.population === null) return 'populationUnknown';
  if (filters.populationMin !== null && f.population! < filters.populationMin) return 'populationLow';
  if (filters.populationMax !== null && f.population! > filters.populationMax) return 'populationHigh';
  if (filters.minConfidence !== null && confidence < filters.minConfidence) return 'confidence';
  if (filters.sector !== null && f.sectors.includes(filters.sector)) return 'covered';
  return null;
}

export interface Ranking {
  /** Universe indices of the eligible hromadas, best (rank 1) first; ties in pcode order. */
  order: Int32Array;
  /** Competition rank among the eligible (1 = highest priority) per universe index; 0 = not ranked. */
  ranks: Int32Array;
  /** How many were left out, by reason. */
  excluded: Partial<Record<Exclusion, number>>;
}

/** Ranks the eligible hromadas by `score` (higher first), ties sharing a rank (1, 2, 2, 4), as the server does. */
export function rankEligible(
  facts: readonly UnitFacts[],
  score: Float64Array,
  confidence: Float64Array,
  filters: TargetFilterParams,
  costType: CostType,
  minComparable = 0,
): Ranking {
  const n = facts.length;
  const masked = new Float64Array(n);
  const excluded: Partial<Record<Exclusion, number>> = {};
  const eligible: number[] = [];
  for (let u = 0; u < n; u++) {
    const why = exclusionOf(facts[u]!, score[u]!, confidence[u]!, filters, costType, minComparable);
    if (why) {
      excluded[why] = (excluded[why] ?? 0) + 1;
      masked[u] = NaN;
    } else {
      masked[u] = score[u]!;
      eligible.push(u);
    }
  }
  const ranks = new Int32Array(n);
  rankInto(masked, ranks);
  eligible.sort((a, b) => ranks[a]! - ranks[b]! || (facts[a]!.pcode < facts[b]!.pcode ? -1 : 1));
  return { order: Int32Array.from(eligible), ranks, excluded };
}

/**
 * How far each hromada moved against the default weights: positive = up towards rank 1 (higher priority now),
 * negative = down; null where it is unranked in either.
 */
export function rankChange(before: Int32Array, after: Int32Array, u: number): number | null {
  const b = before[u]!;
  const a = after[u]!;
  return b > 0 && a > 0 ? b - a : null;
}
