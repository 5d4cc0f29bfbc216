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
