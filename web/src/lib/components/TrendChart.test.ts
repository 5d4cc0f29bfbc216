import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import type { ComponentTrend } from '../api/index.ts';
import TrendChart from './TrendChart.svelte';

// FIXTURE: two hand-made rounds and an insufficient one, not real assessments.
const trend: ComponentTrend = {
  component: 'cohesion_trust',
  points: [
    {
      assessmentId: 1,
      date: '2031-03-01',
      score: 4.5,
      respondents: 14,
      ciLow: 3.6,
      ciHigh: 5.4,
      organisation: 'FIXTURE org',
      insufficient: false,
    },
    {
      assessmentId: 2,
      date: '2031-06-01',
      score: null,
      respondents: 4,
      ciLow: null,
      ciHigh: null,
      organisation: 'FIXTURE org',
      insufficient: true,
    },
    {
      assessmentId: 3,
      date: '2031-09-01',
      score: 6.25,
      respondents: 22,
      ciLow: 5.5,
      ciHigh: 7,
      organisation: null,
      insufficient: false,
    },
  ],
};

describe('TrendChart', () => {
  it('draws a whisker per interval, a hollow mark for the insufficient round, and says it in words', () => {
    const { body } = render(TrendChart, { props: { trend, name: 'Social cohesion and trust', lang: 'en' } });
    expect(body.match(/class="whisker/g)).toHaveLength(2);
    expect(body.match(/class="point/g)).toHaveLength(2);
    expect(body.match(/class="insufficient/g)).toHaveLength(1);
    expect(body).toContain('Social cohesion and trust: 3 rounds, from 1 Mar 2031 to 1 Sept 2031');
    // The latest round in words: its score, interval and n.
    expect(body).toMatch(/<strong>6\.3<\/strong>.*\(95 %: 5\.5–7\.0\).*n\u00a0=\u00a022/s);
    // The table alternative has a row per round, the insufficient one without a number.
    expect(body.match(/<tr>/g)).toHaveLength(4);
    expect(body).toContain('too few');
  });

  it('writes Ukrainian', () => {
    const { body } = render(TrendChart, { props: { trend, name: 'Згуртованість', lang: 'uk' } });
    expect(body).toContain('Згуртованість: 3 раунди');
    expect(body).toContain('недост.');
  });
});
