import { describe, expect, it } from 'vitest';
import type { Scores } from '../../api/index.ts';
import { INDEX_DATES, SCORES } from '../../testing/fake-api.ts';
import { dateChanges, playNext, playStart, snapshotDates } from './time-steps.ts';

const SNAPS = ['2024-07-08', '2025-01-02', '2026-01-01'];

describe('play over the occupied-area snapshots', () => {
  it('takes the snapshot dates only', () => {
    expect(snapshotDates(INDEX_DATES)).toEqual(['2025-01-02', '2026-08-22']);
  });

  it('starts at the first snapshot, or where it was paused', () => {
    expect(playStart(SNAPS, null)).toBe('2024-07-08');
    expect(playStart(SNAPS, '2023-01-01')).toBe('2024-07-08');
    expect(playStart(SNAPS, '2025-01-02')).toBe('2025-01-02');
    // At the end it starts again from the first.
    expect(playStart(SNAPS, '2026-01-01')).toBe('2024-07-08');
    expect(playStart([], null)).toBeNull();
  });

  it('steps to the next snapshot and stops at the end', () => {
    expect(playNext(SNAPS, '2024-07-08')).toBe('2025-01-02');
    expect(playNext(SNAPS, '2025-01-02')).toBe('2026-01-01');
    expect(playNext(SNAPS, '2026-01-01')).toBeNull();
    expect(playNext(SNAPS, null)).toBeNull();
  });
});

describe('dateChanges', () => {
  const unit = (
    pcode: string,
    score: number | null,
    rank: number | null,
    ranked = true,
    confidence = 0.9,
  ) => ({
    ...SCORES.units[0]!,
    pcode,
    score,
    rank,
    ranked,
    confidence,
  });
  const run = (units: ReturnType<typeof unit>[]): Scores => ({ ...SCORES, units });

  it('gives score and rank change, with both ends’ confidence; faded when not comparable at either date', () => {
    const a = run([
      unit('UA1', 5, 3),
      unit('UA2', 4, 4),
      unit('UA3', null, null, false),
      unit('UA4', 2, null, false, 0.1),
    ]);
    const b = run([unit('UA1', 7, 1), unit('UA2', 4, 4), unit('UA3', 6, 2), unit('UA4', 3, 5)]);
    const c = dateChanges(a, b);
    expect(c.map((x) => x.pcode)).toEqual(['UA1', 'UA2', 'UA4']);
    expect(c[0]).toMatchObject({ difference: 2, rankChange: 2, faded: false });
    expect(c[1]).toMatchObject({ difference: 0, rankChange: 0, faded: false });
    expect(c[2]).toMatchObject({ difference: 1, rankChange: null, faded: true });
    expect(c[2]!.from.confidence).toBe(0.1);
    expect(c[2]!.to.confidence).toBe(0.9);
  });
});
