import type { AssessmentComponent } from './assessment-components.ts';
import { ASSESSMENT_COMPONENTS } from './assessment-components.ts';
import type { RespondentGroup } from './instrument.ts';
import { instrumentItem, itemScore, itemsOfComponent } from './instrument-score.ts';
import { mulberry32, randomInt, type Random } from './random.ts';
import { quantileSorted } from './statistics.ts';

// The scores of one assessment round (issue #13, section 4): per hromada and component, the 0–10 score is the
// mean over respondents of each respondent's mean item score (reverse-coded items turned round by
// instrument-score.ts), so that a respondent who skipped an item ("hard to say") still counts once, not less.
//
// The 95 % interval is a percentile bootstrap over respondents (Efron & Tibshirani 1993, "An Introduction to the
// Bootstrap", ch. 13; stratified by respondent group when post-stratified, Davison & Hinkley 1997, "Bootstrap
// Methods and their Application", §3.7). Why not a t-interval: respondent means are bounded on 0–10, discrete
// (three items of five points) and skewed when a community answers near an end of the scale, where a symmetric
// t-interval runs past the scale; the percentile interval stays inside it and needs no normality. Its known
// weakness, undercoverage in very small samples (Davison & Hinkley §5.3), is why a component needs a minimum
// number of respondents (default 10) before it gets a number at all. The bootstrap uses the project's seeded
// PRNG, so the same submissions always give the same interval.

/** One consenting respondent's answers: item id → Likert point 1…5, null for "hard to say". */
export interface RespondentAnswers {
  group: RespondentGroup;
  answers: Readonly<Record<string, number | null>>;
}

export interface RoundScoreOptions {
  /** Below this many respondents with an answer, a component is "insufficient" (no number). */
  minRespondents?: number;
  /**
   * Target shares of respondent groups (summing to 1) to post-stratify to. Groups not named get weight 0.
   * Applied to a component only when every named group has at least one respondent; otherwise the plain mean.
   */
  targetMix?: Partial<Record<RespondentGroup, number>>;
  /** Bootstrap resamples (default 2000) and seed (default fixed, so results are reproducible). */
  resamples?: number;
  seed?: number;
}

export type ComponentRoundScore =
  | {
      component: AssessmentComponent;
      status: 'scored';
      /** Respondents who answered at least one of the component's items. */
      n: number;
      score: number;
      low: number;
      high: number;
      weighting: 'unweighted' | 'post-stratified';
    }
  | { component: AssessmentComponent; status: 'insufficient'; n: number };

export const DEFAULT_MIN_RESPONDENTS = 10;
const DEFAULT_RESAMPLES = 2000;
const DEFAULT_SEED = 20261204;

/** The respondent's mean item score of a component on 0–10, or null when they answered none of its items. */
export function respondentComponentMean(
  answers: Readonly<Record<string, number | null>>,
  component: AssessmentComponent,
): number | null {
  const scores: number[] = [];
  for (const item of itemsOfComponent(component)) {
    const answer = answers[item.id];
    const score = itemScore(item, answer === null || answer === undefined ? null : String(answer));
    if (score === undefined) throw new RangeError(`answer ${answer} of ${item.id} is off the scale`);
    if (score !== null) scores.push(score);
  }
  return scores.length === 0 ? null : scores.reduce((a, b) => a + b, 0) / scores.length;
}

interface Stratum {
  weight: number;
  values: number[];
}

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const estimate = (strata: readonly Stratum[]) =>
  strata.reduce((sum, s) => sum + s.weight * mean(s.values), 0);

/** The strata a component's estimate is a weighted sum over: one of weight 1, or one per targeted group. */
function strataOf(
  means: { group: RespondentGroup; value: number }[],
  targetMix: RoundScoreOptions['targetMix'],
): { strata: Stratum[]; weighting: 'unweighted' | 'post-stratified' } {
  const targets = Object.entries(targetMix ?? {}).filter(([, share]) => (share ?? 0) > 0) as [
    RespondentGroup,
    number,
  ][];
  const total = targets.reduce((sum, [, share]) => sum + share, 0);
  const byGroup = targets.map(([group, share]) => ({
    weight: share / total,
    values: means.filter((m) => m.group === group).map((m) => m.value),
  }));
  if (targets.length > 0 && byGroup.every((s) => s.values.length > 0))
    return { strata: byGroup, weighting: 'post-stratified' };
  return { strata: [{ weight: 1, values: means.map((m) => m.value) }], weighting: 'unweighted' };
}

/** Percentile-bootstrap 95 % interval of the estimate, resampling respondents within each stratum. */
function bootstrapInterval(strata: readonly Stratum[], resamples: number, random: Random): [number, number] {
  const draws = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    let value = 0;
    for (const { weight, values } of strata) {
      let sum = 0;
      for (let i = 0; i < values.length; i++) sum += values[randomInt(random, values.length)]!;
      value += (weight * sum) / values.length;
    }
    draws[b] = value;
  }
  draws.sort();
  return [quantileSorted(draws, 0.025), quantileSorted(draws, 0.975)];
}

/** Scores every component of the instrument for one hromada's respondents in one round. */
export function scoreRound(
  respondents: readonly RespondentAnswers[],
  options: RoundScoreOptions = {},
): ComponentRoundScore[] {
  const minRespondents = options.minRespondents ?? DEFAULT_MIN_RESPONDENTS;
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  for (const r of respondents)
    for (const id of Object.keys(r.answers))
      if (!instrumentItem(id)) throw new RangeError(`${id} is not an item of the instrument`);
  return ASSESSMENT_COMPONENTS.map((component) => {
    const means = respondents.flatMap((r) => {
      const value = respondentComponentMean(r.answers, component);
      return value === null ? [] : [{ group: r.group, value }];
    });
    const n = means.length;
    if (n < Math.max(1, minRespondents)) return { component, status: 'insufficient', n };
    const { strata, weighting } = strataOf(means, options.targetMix);
    // One seed per component, so adding a component or a respondent elsewhere does not move this interval.
    const random = mulberry32((options.seed ?? DEFAULT_SEED) + ASSESSMENT_COMPONENTS.indexOf(component));
    const [low, high] = bootstrapInterval(strata, resamples, random);
    return { component, status: 'scored', n, score: estimate(strata), low, high, weighting };
  });
}
