// Ranks with ties (issue #3): rank 1 = the highest score = the worst off. Standard competition ranking
// ("1224"): tied units share the best rank of their group and the next rank skips, so a unit's rank is
// 1 + the number of units scored strictly higher. Unscored units have no rank.

/** Scratch buffers of rankInto for up to `n` units: pass one to rank again and again without allocating. */
export interface RankScratch {
  readonly n: number;
  /** Per unit: its bucket. */
  readonly bucket: Int32Array;
  /** Per bucket: where it starts in `order` (n + 1 entries). */
  readonly start: Int32Array;
  /** The scored units, highest score first once ranked, and their scores beside them. */
  readonly order: Int32Array;
  readonly value: Float64Array;
}

export function createRankScratch(n: number): RankScratch {
  return {
    n,
    bucket: new Int32Array(n),
    start: new Int32Array(n + 1),
    order: new Int32Array(n),
    value: new Float64Array(n),
  };
}

/**
 * Competition ranks of `scores` (NaN = unscored → 0 in `out`). The browser ranks on every slider move and
 * the Monte Carlo analysis 1,000 times (issue #5, B6), so this avoids a comparison sort: a bucket sort over
 * the scores' range (one bucket per scored unit; the bucket of a score is monotone in it, so a higher bucket
 * holds only higher scores), an insertion sort inside each bucket, then one pass from the top that gives each
 * unit 1 + the number of units before its group of equal scores. Data that crowds into few buckets falls back
 * to sorting a copy and a binary search per unit, with the same result. Allocates nothing when `scratch` (for
 * at least scores.length units) is given.
 */
export function rankInto(
  scores: Float64Array,
  out: Int32Array,
  scratch: RankScratch = createRankScratch(scores.length),
): void {
  const n = scores.length;
  let m = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let u = 0; u < n; u++) {
    const s = scores[u] as number;
    if (s !== s) continue;
    m++;
    if (s < lo) lo = s;
    if (s > hi) hi = s;
  }
  const buckets = m;
  const top = buckets - 1;
  const scale = hi > lo ? top / (hi - lo) : 0;
  if (m === 0 || !Number.isFinite(scale) || !Number.isFinite(hi - lo)) {
    sortAndSearch(scores, out, scratch.value);
    return;
  }
  const { bucket, start, order, value } = scratch;
  start.fill(0, 0, buckets + 1);
  for (let u = 0; u < n; u++) {
    const s = scores[u] as number;
    if (s !== s) {
      out[u] = 0;
      continue;
    }
    // Bucket 0 holds the highest scores. floor, × and − are monotone, so b is too (and −0 lands with 0).
    const up = Math.floor((s - lo) * scale);
    const b = top - (up < top ? up : top);
    bucket[u] = b;
    start[b + 1] = (start[b + 1] as number) + 1;
  }
  for (let b = 0; b < buckets; b++) start[b + 1] = (start[b + 1] as number) + (start[b] as number);
  // Counting sort by bucket; afterwards start[b] is where bucket b ends (and b + 1 begins).
  for (let u = 0; u < n; u++) {
    const s = scores[u] as number;
    if (s !== s) continue;
    const b = bucket[u] as number;
    const at = start[b] as number;
    start[b] = at + 1;
    order[at] = u;
    value[at] = s;
  }
  // Insertion sort within each bucket, highest first; equal scores do not move. The budget bounds the work
  // when many distinct scores share a bucket (clustered data): then sorting a copy is cheaper.
  let budget = 8 * m + 64;
  let from = 0;
  for (let b = 0; b < buckets; b++) {
    const to = start[b] as number;
    for (let p = from + 1; p < to; p++) {
      const x = value[p] as number;
      const u = order[p] as number;
      let q = p - 1;
      while (q >= from && (value[q] as number) < x) {
        if (--budget < 0) {
          sortAndSearch(scores, out, value);
          return;
        }
        value[q + 1] = value[q] as number;
        order[q + 1] = order[q] as number;
        q--;
      }
      value[q + 1] = x;
      order[q + 1] = u;
    }
    from = to;
  }
  let rank = 0;
  for (let p = 0; p < m; p++) {
    if (p === 0 || (value[p] as number) !== (value[p - 1] as number)) rank = p + 1;
    out[order[p] as number] = rank;
  }
}

/** rankInto by sorting a copy of the scores and a binary search per unit (`sorted`: n entries of scratch). */
function sortAndSearch(scores: Float64Array, out: Int32Array, sorted: Float64Array): void {
  let m = 0;
  for (let u = 0; u < scores.length; u++) {
    const s = scores[u] as number;
    if (s === s) sorted[m++] = s;
  }
  const view = sorted.subarray(0, m);
  view.sort();
  for (let u = 0; u < scores.length; u++) {
    const s = scores[u] as number;
    if (s !== s) {
      out[u] = 0;
      continue;
    }
    // First index whose value is strictly greater than s: everything from there on outranks u.
    let lo = 0;
    let hi = m;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((view[mid] as number) <= s) lo = mid + 1;
      else hi = mid;
    }
    out[u] = 1 + (m - lo);
  }
}

/** Competition ranks (1 = highest score); null scores get a null rank. */
export function competitionRanks(scores: ArrayLike<number | null>): (number | null)[] {
  const n = scores.length;
  const buf = new Float64Array(n);
  for (let u = 0; u < n; u++) buf[u] = scores[u] ?? NaN;
  const ranks = new Int32Array(n);
  rankInto(buf, ranks);
  return Array.from(ranks, (r) => (r === 0 ? null : r));
}

/** One unit's rank in two results. */
export interface RankChange {
  pcode: string;
  before: number | null;
  after: number | null;
  /**
   * before − after: positive when the unit moved towards rank 1 (now ranked as worse off, higher priority),
   * negative when it moved down; null when it is unranked in either result.
   */
  change: number | null;
}

/**
 * Rank change per unit between two results (e.g. two scenarios), matched by pcode: the units of `after` in
 * their order, then any unit only in `before`.
 */
export function compareRanks(
  before: readonly { pcode: string; rank: number | null }[],
  after: readonly { pcode: string; rank: number | null }[],
): RankChange[] {
  const beforeRank = new Map<string, number | null>();
  for (const u of before) beforeRank.set(u.pcode, u.rank);
  const out: RankChange[] = [];
  const seen = new Set<string>();
  for (const u of after) {
    seen.add(u.pcode);
    const b = beforeRank.get(u.pcode) ?? null;
    out.push({
      pcode: u.pcode,
      before: b,
      after: u.rank,
      change: b === null || u.rank === null ? null : b - u.rank,
    });
  }
  for (const u of before) {
    if (!seen.has(u.pcode)) out.push({ pcode: u.pcode, before: u.rank, after: null, change: null });
  }
  return out;
}
