import { ASSESSMENT_COMPONENTS, type AssessmentComponent } from './assessment-components.ts';

// Rounds and monitoring (issue #13, section 5): a community's score of one component across its assessment
// rounds, each with the 95 % interval and respondents of round-scores.ts when the round was scored from field
// submissions, and the change between two rounds with its own interval.

/** One assessment (a round) as the trend needs it: its date, who made it and its 0–10 scores. */
export interface RoundRow {
  id: number;
  assessedOn: string;
  organisation: string | null;
  scores: Readonly<Record<AssessmentComponent, number | null>>;
}

/** The stats row of one assessment and component (assessment_component_stats). */
export interface RoundStatRow {
  assessmentId: number;
  component: AssessmentComponent;
  respondents: number;
  ciLow: number | null;
  ciHigh: number | null;
}

export interface TrendPoint {
  assessmentId: number;
  date: string;
  /** 0–10; null when the round had too few respondents for this component. */
  score: number | null;
  /** Respondents who answered the component; null for an assessment entered by hand (no submissions). */
  respondents: number | null;
  /** The 95 % interval; null when insufficient or entered by hand. */
  ciLow: number | null;
  ciHigh: number | null;
  organisation: string | null;
  /** Scored from submissions but below the minimum number of respondents: no number, not a zero. */
  insufficient: boolean;
}

export interface ComponentTrend {
  component: AssessmentComponent;
  /** Oldest round first. */
  points: TrendPoint[];
}

/**
 * Each component's series across the rounds, for the components with at least one round that scored it or
 * found it insufficient; in the order of ASSESSMENT_COMPONENTS, points oldest first.
 */
export function componentTrends(
  rounds: readonly RoundRow[],
  stats: readonly RoundStatRow[],
): ComponentTrend[] {
  const statOf = new Map(stats.map((s) => [`${s.assessmentId} ${s.component}`, s]));
  const ordered = [...rounds].sort((a, b) => a.assessedOn.localeCompare(b.assessedOn) || a.id - b.id);
  const trends: ComponentTrend[] = [];
  for (const component of ASSESSMENT_COMPONENTS) {
    const points: TrendPoint[] = [];
    for (const round of ordered) {
      const score = round.scores[component];
      const stat = statOf.get(`${round.id} ${component}`);
      const insufficient = score === null && stat !== undefined && stat.ciLow === null;
      // A stats row with no respondents at all means the round did not ask about the component.
      if (score === null && (!insufficient || stat!.respondents === 0)) continue;
      const hasInterval = score !== null && stat !== undefined && stat.ciLow !== null && stat.ciHigh !== null;
      points.push({
        assessmentId: round.id,
        date: round.assessedOn,
        score,
        respondents: stat?.respondents ?? null,
        ciLow: hasInterval ? stat.ciLow : null,
        ciHigh: hasInterval ? stat.ciHigh : null,
        organisation: round.organisation,
        insufficient,
      });
    }
    if (points.length > 0) trends.push({ component, points });
  }
  return trends;
}

/** One round's score of a component, with its 95 % interval when it has one. */
export interface RoundEstimate {
  score: number;
  ciLow: number | null;
  ciHigh: number | null;
}

export interface RoundChange {
  /** Later minus earlier, on the 0–10 scale. */
  difference: number;
  /** The 95 % interval of the difference; null when either round has no interval. */
  ciLow: number | null;
  ciHigh: number | null;
  /** The interval lies wholly above or below zero. Never true without an interval. */
  excludesZero: boolean;
}

const Z95 = 1.959963984540054;

/**
 * The change of a component between two rounds of a community, with a 95 % interval.
 *
 * The two rounds are independent samples of respondents, so the standard error of the difference is
 * SE_d = sqrt(SE_a² + SE_b²), each SE read off its 95 % interval as (high − low) / (2 × 1.96), and the
 * difference's interval is d ± 1.96 × SE_d: Altman & Bland (2003), "Interval estimation of the difference
 * between two estimates", BMJ 326:219. Our round intervals are percentile-bootstrap intervals
 * (round-scores.ts), which can be a little asymmetric near the ends of the scale; reading a SE off their width
 * is the approximation Altman & Bland's method makes for any interval. A round without an interval (too few
 * respondents, or entered by hand) gives a change without one, never marked.
 */
export function roundChange(earlier: RoundEstimate, later: RoundEstimate): RoundChange {
  const difference = later.score - earlier.score;
  const se = (e: RoundEstimate) =>
    e.ciLow === null || e.ciHigh === null ? null : (e.ciHigh - e.ciLow) / (2 * Z95);
  const seA = se(earlier);
  const seB = se(later);
  if (seA === null || seB === null) return { difference, ciLow: null, ciHigh: null, excludesZero: false };
  const half = Z95 * Math.sqrt(seA * seA + seB * seB);
  const ciLow = difference - half;
  const ciHigh = difference + half;
  return { difference, ciLow, ciHigh, excludesZero: ciLow > 0 || ciHigh < 0 };
}
