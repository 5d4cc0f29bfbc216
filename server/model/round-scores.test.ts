import { describe, expect, it } from 'vitest';
import { itemsOfComponent } from './instrument-score.ts';
import type { RespondentGroup } from './instrument.ts';
import { mulberry32, randomInt } from './random.ts';
import { respondentComponentMean, scoreRound, type RespondentAnswers } from './round-scores.ts';

const cohesion = itemsOfComponent('cohesion_trust');
const reversed = cohesion.find((i) => i.direction === -1)!;
const forward = cohesion.filter((i) => i.direction === 1);

/** A respondent who answers `point` to every forward item of cohesion and `reversePoint` to its reversed one. */
function respondent(point: number | null, reversePoint: number | null, group: RespondentGroup = 'resident') {
  const answers: Record<string, number | null> = {};
  for (const item of forward) answers[item.id] = point;
  answers[reversed.id] = reversePoint;
  return { group, answers } satisfies RespondentAnswers;
}

const cohesionOf = (scores: ReturnType<typeof scoreRound>) =>
  scores.find((s) => s.component === 'cohesion_trust')!;

describe('respondentComponentMean', () => {
  it('turns reverse-coded items round: agreeing with all statements is not a high score', () => {
    expect(respondentComponentMean(respondent(5, 1).answers, 'cohesion_trust')).toBe(10);
    expect(respondentComponentMean(respondent(5, 5).answers, 'cohesion_trust')).toBeCloseTo(20 / 3);
    expect(respondentComponentMean(respondent(1, 5).answers, 'cohesion_trust')).toBe(0);
  });

  it('averages only the answered items, and is null when none was answered', () => {
    expect(respondentComponentMean(respondent(null, 1).answers, 'cohesion_trust')).toBe(10);
    expect(respondentComponentMean(respondent(null, null).answers, 'cohesion_trust')).toBeNull();
  });

  it('refuses an answer off the scale', () => {
    expect(() => respondentComponentMean(respondent(6, 1).answers, 'cohesion_trust')).toThrow(RangeError);
  });
});

describe('scoreRound', () => {
  it('is "insufficient" below the minimum number of respondents, with n and no number', () => {
    const scores = scoreRound(Array.from({ length: 9 }, () => respondent(4, 2)));
    expect(cohesionOf(scores)).toEqual({ component: 'cohesion_trust', status: 'insufficient', n: 9 });
    // Nobody answered the other components at all.
    expect(scores.find((s) => s.component === 'idp_legal')).toMatchObject({ status: 'insufficient', n: 0 });
    expect(
      cohesionOf(
        scoreRound(
          Array.from({ length: 5 }, () => respondent(4, 2)),
          { minRespondents: 5 },
        ),
      ),
    ).toMatchObject({ status: 'scored', n: 5 });
  });

  it('scores the mean of respondent means, with a zero-width interval when everyone agrees', () => {
    const scores = scoreRound(Array.from({ length: 12 }, () => respondent(4, 2)));
    expect(cohesionOf(scores)).toMatchObject({ status: 'scored', n: 12, score: 7.5, low: 7.5, high: 7.5 });
  });

  it('gives a 95 % interval that holds the score, stays on the scale and narrows with more respondents', () => {
    const random = mulberry32(7);
    const sample = (n: number) =>
      Array.from({ length: n }, () => respondent(1 + randomInt(random, 5), 1 + randomInt(random, 5)));
    const small = cohesionOf(scoreRound(sample(12)));
    const large = cohesionOf(scoreRound(sample(400)));
    for (const s of [small, large]) {
      if (s.status !== 'scored') throw new Error('expected a score');
      expect(s.low).toBeLessThanOrEqual(s.score);
      expect(s.high).toBeGreaterThanOrEqual(s.score);
      expect(s.low).toBeGreaterThanOrEqual(0);
      expect(s.high).toBeLessThanOrEqual(10);
    }
    if (small.status !== 'scored' || large.status !== 'scored') return;
    expect(large.high - large.low).toBeLessThan((small.high - small.low) / 3);
  });

  it('covers the true mean about 95 % of the time (simulation)', () => {
    const random = mulberry32(11);
    // Uniform answers 1…5 on every item: the true component mean is 5.
    let covered = 0;
    const runs = 200;
    for (let run = 0; run < runs; run++) {
      const respondents = Array.from({ length: 30 }, () =>
        respondent(1 + randomInt(random, 5), 1 + randomInt(random, 5)),
      );
      const s = cohesionOf(scoreRound(respondents, { resamples: 400, seed: run }));
      if (s.status === 'scored' && s.low <= 5 && 5 <= s.high) covered++;
    }
    expect(covered / runs).toBeGreaterThan(0.88);
    expect(covered / runs).toBeLessThan(0.99);
  });

  it('is reproducible: the same respondents give the same interval', () => {
    const random = mulberry32(3);
    const respondents = Array.from({ length: 20 }, () => respondent(1 + randomInt(random, 5), 3));
    expect(scoreRound(respondents)).toEqual(scoreRound(respondents));
  });

  it('post-stratifies to a target mix of respondent groups when every target group answered', () => {
    const respondents = [
      ...Array.from({ length: 15 }, () => respondent(5, 1, 'resident')), // 10
      ...Array.from({ length: 5 }, () => respondent(1, 5, 'idp')), // 0
    ];
    expect(cohesionOf(scoreRound(respondents))).toMatchObject({ score: 7.5, weighting: 'unweighted' });
    expect(cohesionOf(scoreRound(respondents, { targetMix: { resident: 0.5, idp: 0.5 } }))).toMatchObject({
      score: 5,
      weighting: 'post-stratified',
    });
    // A target group nobody from answered: the plain mean, said so.
    expect(cohesionOf(scoreRound(respondents, { targetMix: { resident: 0.5, police: 0.5 } }))).toMatchObject({
      score: 7.5,
      weighting: 'unweighted',
    });
  });

  it('refuses answers to items the instrument does not have', () => {
    expect(() => scoreRound([{ group: 'resident', answers: { nope_1: 3 } }])).toThrow(RangeError);
  });
});
