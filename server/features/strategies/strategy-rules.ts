import type { StrategyValues } from './strategies.repository.ts';
import { STRATEGY_STAGES, type StrategyStage } from './strategies.schemas.ts';

// The rules of a safety strategy's record (issue #13, section 6), pure so that they are tested on their own.

/** Where a stage is in the cycle: risk analysis 0 … monitoring 3. */
export const stageIndex = (s: StrategyStage): number => STRATEGY_STAGES.indexOf(s);

/**
 * Why a strategy's values, taken as a whole, cannot be: each problem names its field. The cycle's dates are
 * in its order (analysis ≤ draft ≤ adoption ≤ next review), what happened is not in the future, and the
 * stage has what it stands for: an adopted strategy is a council decision with a date and a number, and one
 * in monitoring has its next review date.
 */
export function strategyProblems(v: StrategyValues, today: string): string[] {
  const problems: string[] = [];
  const at = stageIndex(v.stage);
  if (at >= stageIndex('adopted')) {
    if (!v.adopted_on)
      problems.push(`adoptedOn: a strategy at stage ${v.stage} needs the date the council adopted it`);
    if (!v.decision_number) {
      problems.push(
        `decisionNumber: a strategy at stage ${v.stage} needs the number of the council's decision`,
      );
    }
  }
  if (v.stage === 'monitoring' && !v.next_review_on) {
    problems.push('nextReviewOn: a strategy in monitoring needs the date of its next review');
  }
  const done: [string, string | null][] = [
    ['riskAnalysisOn', v.risk_analysis_on],
    ['draftedOn', v.drafted_on],
    ['adoptedOn', v.adopted_on],
  ];
  for (const [field, date] of done) {
    if (date && date > today) problems.push(`${field}: ${date} is in the future (today is ${today})`);
  }
  const ordered = [...done, ['nextReviewOn', v.next_review_on] as [string, string | null]].filter(
    (d): d is [string, string] => d[1] !== null,
  );
  for (let i = 1; i < ordered.length; i++) {
    const [prevField, prev] = ordered[i - 1]!;
    const [field, date] = ordered[i]!;
    if (date < prev) problems.push(`${field}: ${date} is before ${prevField} ${prev}`);
  }
  return problems;
}
