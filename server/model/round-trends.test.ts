import { describe, expect, it } from 'vitest';
import { ASSESSMENT_COMPONENTS, type AssessmentComponent } from './assessment-components.ts';
import { componentTrends, type RoundRow } from './round-trends.ts';

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
