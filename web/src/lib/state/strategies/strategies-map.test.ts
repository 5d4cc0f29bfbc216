import { describe, expect, it } from 'vitest';
import { NONE_COLOUR } from '../coverage/coverage-map.ts';
import { STAGE_COLOURS, strategiesChoropleth } from './strategies-map.ts';

const PCODES = ['UA6312027', 'UA6312001', 'UA0502001', 'UA0102003'];
const STAGES = { UA6312027: 'monitoring', UA0502001: 'risk_analysis', UA9999999: 'drafted' } as const;

describe('strategiesChoropleth', () => {
  it('colours each community by its stage, in the cycle’s order, and every other one as not recorded', () => {
    const c = strategiesChoropleth(PCODES, STAGES, null);
    expect(c.colours).toEqual([
      NONE_COLOUR,
      STAGE_COLOURS.risk_analysis,
      STAGE_COLOURS.drafted,
      STAGE_COLOURS.adopted,
      STAGE_COLOURS.monitoring,
    ]);
    expect(Object.fromEntries(c.classOf)).toEqual({ UA6312027: 4, UA6312001: 0, UA0502001: 1, UA0102003: 0 });
    // Counts over the map's communities only: a stage of a pcode without a boundary is not drawn.
    expect(c.classification.bins.map((b) => [b.label?.en, b.count])).toEqual([
      ['Not recorded', 2],
      ['Security risks and potential analysed', 1],
      ['Safety strategy drafted', 0],
      ['Adopted by the council as a local programme', 0],
      ['In monitoring', 1],
    ]);
  });

  it('with a stage filter, keeps that stage’s colour and puts every other community in one grey class', () => {
    const c = strategiesChoropleth(PCODES, STAGES, 'monitoring');
    expect(c.colours).toEqual([NONE_COLOUR, STAGE_COLOURS.monitoring]);
    expect(Object.fromEntries(c.classOf)).toEqual({ UA6312027: 1, UA6312001: 0, UA0502001: 0, UA0102003: 0 });
    expect(c.classification.bins.map((b) => [b.label?.uk, b.count])).toEqual([
      ['Інший етап або не записано', 3],
      ['Моніторинг виконання', 1],
    ]);
  });
});

describe('strategiesExportHref', () => {
  it('asks the export for the filters in force, and for nothing else', async () => {
    const { strategiesExportHref } = await import('../../domain/strategy-stages.ts');
    expect(strategiesExportHref('csv', { stage: null, oblast: null })).toBe(
      '/api/strategies/export?format=csv',
    );
    expect(strategiesExportHref('xlsx', { stage: 'adopted', oblast: 'UA63' })).toBe(
      '/api/strategies/export?format=xlsx&stage=adopted&oblast=UA63',
    );
  });
});
