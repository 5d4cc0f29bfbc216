import { createRankScratch, rankInto, type RankScratch } from './ranking.ts';

// Which units are compared with one another (issue #14, item 1: honest ranks). One rule, used by the server's
// scores, exports, rank bands and hot spots and by the browser's re-scoring and map:
//
//   a unit is ranked (it has a rank, counts in quantile classes, "top N" and the "of N" of every rank) only
//   when it is a hromada of the current administrative system AND its score's confidence is at least the
//   threshold (the model definition's confidence.minForRanking, 0.5 by default; adjustable per request).
//
// The pre-reform units of the Autonomous Republic of Crimea (pcodes UA01…) and Sevastopol (UA85…) are not
// hromadas of the 2020 system: no Ukrainian statistics cover them since the occupation of 2014, so their
// "scores" rest on a few old or imputed values (confidence ≈ 11 %) and, ranked, they tied at "1 of 1,767" and
// pushed every real hromada down. A unit below the confidence threshold rests on too little data to be
// ordered against the others (INFORM Risk: "reliability" is reported beside, not folded into, the rank).
// Units outside are still scored and shown, apart, with their reason.

/** Why a unit has no rank. */
export type UnrankedReason = 'unscored' | 'no_data_since_2014' | 'low_confidence';

export const UNRANKED_REASONS: readonly UnrankedReason[] = [
  'unscored',
  'no_data_since_2014',
  'low_confidence',
];

/** The threshold when the model definition names none (the model schema's default). */
export const DEFAULT_MIN_CONFIDENCE = 0.5;

/**
 * A pre-reform unit of occupied Crimea or Sevastopol, by pcode (the boundary importer marks the same units
 * `is_crimea`): not a hromada of the current system.
 */
export function isPreReformCrimea(pcode: string): boolean {
  return pcode.startsWith('UA01') || pcode.startsWith('UA85');
}

/** Per unit: 1 when it is a hromada of the current system (could be ranked given enough confidence). */
export function currentSystemMask(pcodes: readonly string[]): Uint8Array {
  return Uint8Array.from(pcodes, (p) => (isPreReformCrimea(p) ? 0 : 1));
}

/** Why one unit is not ranked, or null when it is. NaN or null score = unscored. */
export function unrankedReasonOf(
  pcode: string,
  score: number | null,
  confidence: number,
  minConfidence: number,
): UnrankedReason | null {
  if (score === null || score !== score) return 'unscored';
  if (isPreReformCrimea(pcode)) return 'no_data_since_2014';
  if (!(confidence >= minConfidence)) return 'low_confidence';
  return null;
}

/** Scratch of rankComparableInto for up to `n` units. */
export interface ComparableScratch {
  readonly rank: RankScratch;
  readonly masked: Float64Array;
}

export function createComparableScratch(n: number): ComparableScratch {
  return { rank: createRankScratch(n), masked: new Float64Array(n) };
}

/**
 * Competition ranks (1 = highest score) over the comparable units only: a unit with `current[u] === 0`, a NaN
 * score or a confidence below `minConfidence` gets 0 (no rank) and does not count for anyone else's rank.
 * `confidence` null ranks on the current-system rule alone (Monte Carlo runs reuse the nominal mask that way).
 * Returns how many units are ranked: the one denominator ("rank 3 of 1,402 comparable hromadas").
 */
export function rankComparableInto(
  index: Float64Array,
  confidence: Float64Array | null,
  current: Uint8Array,
  minConfidence: number,
  out: Int32Array,
  scratch: ComparableScratch = createComparableScratch(index.length),
): number {
  const n = index.length;
  const masked = scratch.masked.length === n ? scratch.masked : scratch.masked.subarray(0, n);
  let count = 0;
  for (let u = 0; u < n; u++) {
    const s = index[u] as number;
    const ok =
      s === s && current[u] === 1 && (confidence === null || (confidence[u] as number) >= minConfidence);
    masked[u] = ok ? s : NaN;
    if (ok) count++;
  }
  rankInto(masked, out, scratch.rank);
  return count;
}
