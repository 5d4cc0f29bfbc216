import { describe, expect, it } from 'vitest';
import type { StrategyValues } from './strategies.repository.ts';
import { stageIndex, strategyProblems } from './strategy-rules.ts';

const base: StrategyValues = {
  stage: 'risk_analysis',
  risk_analysis_on: null,
  drafted_on: null,
  adopted_on: null,
  decision_number: null,
  decision_url: null,
  next_review_on: null,
  notes: null,
};
const TODAY = '2026-11-21';

describe('strategyProblems', () => {
  it('accepts a bare risk analysis and a complete record in monitoring', () => {
    expect(strategyProblems(base, TODAY)).toEqual([]);
    expect(
      strategyProblems(
        {
          ...base,
          stage: 'monitoring',
          risk_analysis_on: '2024-01-10',
          drafted_on: '2024-05-01',
          adopted_on: '2024-09-20',
          decision_number: '12/3',
          next_review_on: '2027-09-20',
        },
        TODAY,
      ),
    ).toEqual([]);
  });

  it('asks an adopted strategy for the council decision’s date and number, and monitoring for its review', () => {
    expect(strategyProblems({ ...base, stage: 'adopted' }, TODAY)).toEqual([
      'adoptedOn: a strategy at stage adopted needs the date the council adopted it',
      "decisionNumber: a strategy at stage adopted needs the number of the council's decision",
    ]);
    expect(
      strategyProblems(
        { ...base, stage: 'monitoring', adopted_on: '2025-01-01', decision_number: '1' },
        TODAY,
      ),
    ).toEqual(['nextReviewOn: a strategy in monitoring needs the date of its next review']);
  });

  it('keeps the dates in the order of the cycle, skipping the ones not given, and nothing done in the future', () => {
    expect(
      strategyProblems(
        { ...base, stage: 'drafted', risk_analysis_on: '2025-05-01', drafted_on: '2025-04-01' },
        TODAY,
      ),
    ).toEqual(['draftedOn: 2025-04-01 is before riskAnalysisOn 2025-05-01']);
    expect(
      strategyProblems(
        {
          ...base,
          stage: 'monitoring',
          risk_analysis_on: '2025-05-01',
          adopted_on: '2025-03-01',
          decision_number: '1',
          next_review_on: '2025-02-01',
        },
        TODAY,
      ),
    ).toEqual([
      'adoptedOn: 2025-03-01 is before riskAnalysisOn 2025-05-01',
      'nextReviewOn: 2025-02-01 is before adoptedOn 2025-03-01',
    ]);
    expect(strategyProblems({ ...base, drafted_on: '2026-11-22' }, TODAY)).toEqual([
      'draftedOn: 2026-11-22 is in the future (today is 2026-11-21)',
    ]);
    // A review is planned ahead: only the events that happened are held to today.
    expect(strategyProblems({ ...base, next_review_on: '2030-01-01' }, TODAY)).toEqual([]);
  });

  it('orders the stages as the cycle goes', () => {
    expect(
      ['monitoring', 'risk_analysis', 'adopted', 'drafted'].sort(
        (a, b) => stageIndex(a as never) - stageIndex(b as never),
      ),
    ).toEqual(['risk_analysis', 'drafted', 'adopted', 'monitoring']);
  });
});
