// The pure parts of time in Explore (issue #14 item 5): where the play button starts and steps, and the change
// of an index between two dates.

import type { IndexDates, Scores } from '../../api/index.ts';

/** The occupied-area snapshot dates among an index's dates, oldest first. */
export function snapshotDates(dates: IndexDates['dates']): string[] {
  return dates.filter((d) => d.kinds.includes('occupied_area')).map((d) => d.date);
}

/**
 * Where play starts: from the shown date when it is a snapshot before the last (the user paused there),
 * otherwise from the first snapshot. Null when there is none.
 */
export function playStart(snapshots: readonly string[], current: string | null): string | null {
  const i = current ? snapshots.indexOf(current) : -1;
  return i >= 0 && i < snapshots.length - 1 ? snapshots[i]! : (snapshots[0] ?? null);
}

/** The snapshot after `current`; null at the end (play stops there). */
export function playNext(snapshots: readonly string[], current: string | null): string | null {
  const i = current ? snapshots.indexOf(current) : -1;
  return i >= 0 && i < snapshots.length - 1 ? snapshots[i + 1]! : null;
}

/** One hromada's index between two dates: score change and rank change, with the confidence of each end. */
export interface DateChange {
  pcode: string;
  /** to − from on 0–10. */
  difference: number;
  from: { score: number; rank: number | null; confidence: number; ranked: boolean };
  to: { score: number; rank: number | null; confidence: number; ranked: boolean };
  /** from.rank − to.rank: positive when the unit moved towards rank 1 (worse on a risk index); null if unranked at either. */
  rankChange: number | null;
  /** Not comparable at one of the dates (low confidence, no data since 2014): drawn faded. */
  faded: boolean;
}

/** Every unit scored at both dates, with its change (same order as the later run). */
export function dateChanges(a: Scores, b: Scores): DateChange[] {
  const before = new Map(a.units.map((u) => [u.pcode, u]));
  const out: DateChange[] = [];
  for (const u of b.units) {
    const p = before.get(u.pcode);
    if (!p || p.score === null || u.score === null) continue;
    const end = (x: typeof u) => ({
      score: x.score!,
      rank: x.rank,
      confidence: x.confidence,
      ranked: x.ranked,
    });
    out.push({
      pcode: u.pcode,
      difference: u.score - p.score,
      from: end(p),
      to: end(u),
      rankChange: p.rank !== null && u.rank !== null ? p.rank - u.rank : null,
      faded: !p.ranked || !u.ranked,
    });
  }
  return out;
}
