// Hand-made fixtures for the unit tests of server/model. Invented numbers, never shipped as data.

import type { ModelDefinition, ModelDefinitionInput } from './model-definition.ts';
import { parseModelDefinition } from './model-definition.ts';

const text = (en: string) => ({ uk: `${en} (uk)`, en });

/** A small model: pressure (one component, three indicators) and capacity (two components). */
export function fixtureModelInput(): ModelDefinitionInput {
  return {
    id: 'fixture',
    version: '1.0.0',
    name: text('Fixture index'),
    description: text('A hand-made model for unit tests'),
    references: ['JRC, INFORM Risk methodology'],
    aggregation: { index: 'geometric', dimension: 'arithmetic', component: 'arithmetic' },
    classes: {
      thresholds: [2, 3.5, 5, 6.5],
      labels: [text('Very low'), text('Low'), text('Medium'), text('High'), text('Very high')],
    },
    confidence: { referenceDate: '2025-01-01', fullConfidenceAgeYears: 1, zeroConfidenceAgeYears: 5 },
    dimensions: [
      {
        id: 'pressure',
        name: text('Pressure'),
        weight: 1,
        components: [
          {
            id: 'exposure',
            name: text('Exposure'),
            weight: 1,
            indicators: [
              {
                id: 'a',
                indicatorId: 'ind_a',
                period: 'latest',
                weight: 1,
                direction: 'higher_is_worse',
                transform: { type: 'none' },
                goalposts: { min: 0, max: 100 },
              },
              {
                id: 'b',
                indicatorId: 'ind_b',
                period: 'latest',
                weight: 1,
                direction: 'higher_is_better',
                transform: { type: 'none' },
                goalposts: { min: 0, max: 10 },
              },
              {
                id: 'c',
                indicatorId: 'ind_c',
                period: '2022',
                weight: 2,
                direction: 'higher_is_worse',
                transform: { type: 'log' },
                goalposts: { min: 0, max: 999 },
              },
            ],
          },
        ],
      },
      {
        id: 'capacity',
        name: text('Lack of coping capacity'),
        weight: 1,
        components: [
          {
            id: 'revenue',
            name: text('Revenue'),
            weight: 2,
            indicators: [
              {
                id: 'd',
                indicatorId: 'ind_d',
                period: 'latest',
                weight: 1,
                direction: 'higher_is_better',
                transform: { type: 'winsorise', lower: 10, upper: 90 },
                goalposts: { min: 0, max: 100 },
              },
              {
                id: 'e',
                indicatorId: 'ind_e',
                period: 'latest',
                weight: 1,
                direction: 'higher_is_worse',
                transform: { type: 'none' },
                goalposts: { min: 0, max: 1 },
              },
            ],
          },
          {
            id: 'transfers',
            name: text('Transfers'),
            weight: 1,
            indicators: [
              {
                id: 'f',
                indicatorId: 'ind_f',
                period: 'latest',
                weight: 1,
                direction: 'higher_is_worse',
                transform: { type: 'none' },
                goalposts: { min: 0, max: 10 },
              },
            ],
          },
        ],
      },
    ],
  };
}

export function fixtureModel(): ModelDefinition {
  return parseModelDefinition(fixtureModelInput(), 'fixture');
}

/**
 * A model of one dimension and one component whose k indicators all run 0–10 with no transform, so that
 * normalised values equal raw values.
 */
export function flatModel(
  k: number,
  aggregation: ModelDefinition['aggregation'] = {
    index: 'arithmetic',
    dimension: 'arithmetic',
    component: 'arithmetic',
  },
): ModelDefinition {
  const input = fixtureModelInput();
  input.aggregation = aggregation;
  input.dimensions = [
    {
      id: 'dim',
      name: text('Dimension'),
      weight: 1,
      components: [
        {
          id: 'comp',
          name: text('Component'),
          weight: 1,
          indicators: Array.from({ length: k }, (_, i) => ({
            id: `i${i}`,
            indicatorId: `ind_${i}`,
            period: 'latest',
            weight: 1,
            direction: 'higher_is_worse' as const,
            transform: { type: 'none' as const },
            goalposts: { min: 0, max: 10 },
          })),
        },
      ],
    },
  ];
  return parseModelDefinition(input, 'flat');
}
