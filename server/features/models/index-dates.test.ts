import { describe, expect, it } from 'vitest';
import type { ModelDefinition } from '../../model/model-definition.ts';
import { indexDates, periodStart } from './index-dates.ts';

const model = {
  dimensions: [
    {
      components: [
        {
          indicators: [
            { indicatorId: 'occupied_share' },
            { indicatorId: 'own_revenue_per_capita' },
            { indicatorId: 'idps_per_1000' },
            { indicatorId: 'assessment_cohesion_trust' },
          ],
        },
      ],
    },
  ],
} as unknown as ModelDefinition;

describe('periodStart', () => {
  it('gives the first day a period counts from (periods compare with asOf as text)', () => {
    expect(periodStart('2024')).toBe('2024-01-01');
    expect(periodStart('2024-07')).toBe('2024-07-01');
    expect(periodStart('2024-07-08')).toBe('2024-07-08');
  });
});

describe('indexDates', () => {
  it('merges the periods of the indicators used and the assessment days, oldest first, with kinds', () => {
    const dates = indexDates(
      model,
      [
        { indicator_id: 'occupied_share', period: '2025-01-02' },
        { indicator_id: 'own_revenue_per_capita', period: '2024' },
        { indicator_id: 'idps_per_1000', period: '2024-01-01' },
        { indicator_id: 'not_in_model', period: '2020' },
      ],
      ['2024-03-05'],
    );
    expect(dates).toEqual([
      {
        date: '2024-01-01',
        kinds: ['budget_year', 'indicator_period'],
        indicatorIds: ['idps_per_1000', 'own_revenue_per_capita'],
      },
      { date: '2024-03-05', kinds: ['assessment'], indicatorIds: [] },
      { date: '2025-01-02', kinds: ['occupied_area'], indicatorIds: ['occupied_share'] },
    ]);
  });

  it('leaves assessment days out of a model that reads no assessment', () => {
    const plain = {
      dimensions: [{ components: [{ indicators: [{ indicatorId: 'x' }] }] }],
    } as unknown as ModelDefinition;
    expect(indexDates(plain, [], ['2024-03-05'])).toEqual([]);
  });
});
