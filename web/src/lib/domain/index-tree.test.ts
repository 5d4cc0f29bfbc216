import { describe, expect, it } from 'vitest';
import type { ComponentTrend } from '../api/index.ts';
import { buildIndexTree, latestAssessed, type TreeModel } from './index-tree.ts';

// FIXTURE: a two-dimension model shaped like data/models/cpi.json, made by hand.
const n = (en: string) => ({ uk: `${en} (uk)`, en });
const model: TreeModel = {
  name: n('Index'),
  dimensions: [
    {
      id: 'pressure',
      name: n('Pressure'),
      components: [
        { id: 'war', name: n('War'), indicators: [{ indicatorId: 'a' }, { indicatorId: 'b' }] },
        { id: 'idp', name: n('IDPs'), indicators: [{ indicatorId: 'c' }] },
      ],
    },
    {
      id: 'social',
      name: n('Social'),
      components: [
        {
          id: 'cohesion_trust',
          name: n('Cohesion'),
          indicators: [
            { indicatorId: 'assessment_cohesion_trust' },
            { indicatorId: 'p1', proxy: true },
            { indicatorId: 'p2', proxy: true },
          ],
        },
        { id: 'police_community', name: n('Police'), indicators: [{ indicatorId: 'assessment_police' }] },
      ],
    },
  ],
};

const trend = (
  component: string,
  points: { date: string; score: number | null; ci?: [number, number] }[],
): ComponentTrend =>
  ({
    component,
    points: points.map((p, i) => ({
      assessmentId: i + 1,
      date: p.date,
      score: p.score,
      respondents: 30,
      ciLow: p.ci?.[0] ?? null,
      ciHigh: p.ci?.[1] ?? null,
      organisation: null,
      insufficient: p.score === null,
    })),
  }) as ComponentTrend;

describe('latestAssessed', () => {
  it('takes the newest round with a score, skipping an insufficient one', () => {
    const t = trend('police_community', [
      { date: '2030-01-01', score: 4, ci: [3, 5] },
      { date: '2030-06-01', score: null },
    ]);
    expect(latestAssessed(t)).toEqual({ date: '2030-01-01', score: 4, ciLow: 3, ciHigh: 5 });
    expect(latestAssessed(undefined)).toBeNull();
  });
});

describe('buildIndexTree', () => {
  it('counts the missing inputs per node, proxies only where they score the component', () => {
    const tree = buildIndexTree(
      model,
      {
        score: 5,
        dimensions: { pressure: 6, social: 4 },
        components: { war: 6, idp: null, cohesion_trust: 3, police_community: 5 },
        proxyComponents: ['cohesion_trust'],
      },
      {
        hasValue: (id) => ['a', 'p1', 'p2'].includes(id),
        trends: [trend('police_community', [{ date: '2030-01-01', score: 5, ci: [4.2, 5.8] }])],
      },
    );
    const [pressure, social] = tree.children;
    const [war, idp] = pressure!.children;
    const [cohesion, police] = social!.children;
    // war: b has no value → 1 of 2; idp has no value at all → 1 of 1.
    expect([war!.missingInputs, war!.inputs, war!.missing]).toEqual([1, 2, 0.5]);
    expect([idp!.value, idp!.missing]).toEqual([null, 1]);
    expect([pressure!.missingInputs, pressure!.inputs]).toEqual([2, 3]);
    // Scored from proxies: the assessment is missing, both proxies count and are there → 1 of 3.
    expect([cohesion!.proxy, cohesion!.assessed, cohesion!.missingInputs, cohesion!.inputs]).toEqual([
      true,
      null,
      1,
      3,
    ]);
    // Assessed: complete, with the interval of its newest round.
    expect(police!.proxy).toBe(false);
    expect(police!.assessed).toEqual({ date: '2030-01-01', score: 5, ciLow: 4.2, ciHigh: 5.8 });
    expect(police!.missing).toBe(0);
    expect([tree.missingInputs, tree.inputs]).toEqual([3, 7]);
    expect(tree.missing).toBeCloseTo(3 / 7);
  });

  it('marks a whole dimension without data as fully missing, and leaves proxies out when not used', () => {
    const tree = buildIndexTree(
      model,
      {
        score: null,
        dimensions: { pressure: 6, social: null },
        components: { war: 6, idp: 7, cohesion_trust: null, police_community: null },
        proxyComponents: [],
      },
      { hasValue: () => true, trends: [] },
    );
    const social = tree.children[1]!;
    expect(social.value).toBeNull();
    expect(social.missing).toBe(1);
    // Not proxy-scored: only the assessment indicator counts for cohesion.
    expect(social.children.map((c) => [c.proxy, c.inputs, c.missingInputs])).toEqual([
      [false, 1, 1],
      [false, 1, 1],
    ]);
    expect(tree.missing).toBe(1);
    expect(tree.children[0]!.missing).toBe(0);
  });
});
