import { describe, expect, it } from 'vitest';
import { ASSESSMENT_COMPONENTS, type AssessmentComponent } from './assessment-components.ts';
import { componentTrends, roundChange, type RoundRow } from './round-trends.ts';

const none = Object.fromEntries(ASSESSMENT_COMPONENTS.map((c) => [c, null])) as Record<
  AssessmentComponent,
  number | null
>;
const round = (id: number, assessedOn: string, scores: Partial<typeof none>, organisation = 'FIXTURE org') =>
  ({ id, assessedOn, organisation, scores: { ...none, ...scores } }) satisfies RoundRow;

describe('componentTrends', () => {
  it('lists each component oldest round first, with the interval and n of rounds scored from submissions', () => {
    const trends = componentTrends(
      [round(2, '2026-09-01', { cohesion_trust: 6 }), round(1, '2026-03-01', { cohesion_trust: 4.5 }, null!)],
      [
        { assessmentId: 2, component: 'cohesion_trust', respondents: 24, ciLow: 5.2, ciHigh: 6.8 },
        { assessmentId: 1, component: 'cohesion_trust', respondents: 12, ciLow: 3.1, ciHigh: 5.9 },
      ],
    );
    expect(trends).toEqual([
      {
        component: 'cohesion_trust',
        points: [
          {
            assessmentId: 1,
            date: '2026-03-01',
            score: 4.5,
            respondents: 12,
            ciLow: 3.1,
            ciHigh: 5.9,
            organisation: null,
            insufficient: false,
          },
          {
            assessmentId: 2,
            date: '2026-09-01',
            score: 6,
            respondents: 24,
            ciLow: 5.2,
            ciHigh: 6.8,
            organisation: 'FIXTURE org',
            insufficient: false,
          },
        ],
      },
    ]);
  });

  it('keeps an insufficient round as a point without a number, and a hand-entered one without an interval', () => {
    const [trend] = componentTrends(
      [round(1, '2026-03-01', { police_community: 7 }), round(2, '2026-09-01', {})],
      [{ assessmentId: 2, component: 'police_community', respondents: 6, ciLow: null, ciHigh: null }],
    );
    expect(trend!.points.map((p) => [p.score, p.respondents, p.ciLow, p.insufficient])).toEqual([
      [7, null, null, false],
      [null, 6, null, true],
    ]);
  });

  it('leaves out components no round asked about, even with a stats row of 0 respondents', () => {
    const trends = componentTrends(
      [round(1, '2026-03-01', { idp_legal: 3 })],
      [{ assessmentId: 1, component: 'idp_youth', respondents: 0, ciLow: null, ciHigh: null }],
    );
    expect(trends.map((t) => t.component)).toEqual(['idp_legal']);
  });
});

describe('roundChange (Altman & Bland 2003)', () => {
  it('combines the two standard errors read off the intervals', () => {
    // SE_a = SE_b = 1 (intervals of width 2 × 1.96): the difference's SE is √2, its half-width 1.96 × √2.
    const z = 1.959963984540054;
    const c = roundChange(
      { score: 4, ciLow: 4 - z, ciHigh: 4 + z },
      { score: 7, ciLow: 7 - z, ciHigh: 7 + z },
    );
    expect(c.difference).toBe(3);
    expect(c.ciLow).toBeCloseTo(3 - z * Math.SQRT2, 10);
    expect(c.ciHigh).toBeCloseTo(3 + z * Math.SQRT2, 10);
    expect(c.excludesZero).toBe(true);
  });

  it('marks a change by its own interval, not by whether the two rounds’ intervals overlap', () => {
    // Overlapping round intervals, yet a change: 5.0 (4.0–6.0) → 6.5 (5.5–7.5): d = 1.5, half-width 1.414 → 0.09–2.91.
    expect(
      roundChange({ score: 5, ciLow: 4, ciHigh: 6 }, { score: 6.5, ciLow: 5.5, ciHigh: 7.5 }).excludesZero,
    ).toBe(true);
    // 5.0 (4.0–6.0) → 6.2 (5.2–7.2): d = 1.2 < 1.414, the interval includes zero.
    const c = roundChange({ score: 5, ciLow: 4, ciHigh: 6 }, { score: 6.2, ciLow: 5.2, ciHigh: 7.2 });
    expect(c.ciLow!).toBeLessThan(0);
    expect(c.excludesZero).toBe(false);
  });

  it('marks a fall as well as a rise', () => {
    expect(
      roundChange({ score: 8, ciLow: 7.5, ciHigh: 8.5 }, { score: 3, ciLow: 2.5, ciHigh: 3.5 }),
    ).toMatchObject({
      difference: -5,
      excludesZero: true,
    });
  });

  it('shows the change of a round without an interval but never marks it', () => {
    expect(
      roundChange({ score: 1, ciLow: null, ciHigh: null }, { score: 9, ciLow: 8.5, ciHigh: 9.5 }),
    ).toEqual({
      difference: 8,
      ciLow: null,
      ciHigh: null,
      excludesZero: false,
    });
  });
});
