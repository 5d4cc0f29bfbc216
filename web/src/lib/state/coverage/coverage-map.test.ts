import { describe, expect, it } from 'vitest';
import {
  COUNT_COLOURS,
  COVERED_COLOUR,
  NONE_COLOUR,
  SECTOR_COLOURS,
  SEVERAL_SECTORS_COLOUR,
  gapChoropleth,
  programmesChoropleth,
  sectorColours,
} from './coverage-map.ts';
import { NEEDS_MODEL, PROGRAMMES, programme, site, unit } from '../../testing/coverage-fixtures.ts';
import { programmesByHromada } from './coverage-summary.ts';

const PCODES = ['UA6312027', 'UA6312001', 'UA0502001'];
const SECTORS = ['Health', 'Veteran reintegration'];

describe('sectorColours', () => {
  it('gives each sector a fixed colour by its place among all sectors', () => {
    const c = sectorColours(SECTORS);
    expect(c.get('Health')).toBe(SECTOR_COLOURS[0]);
    expect(c.get('Veteran reintegration')).toBe(SECTOR_COLOURS[1]);
  });
});

describe('programmesChoropleth', () => {
  it('colours by sector, a hromada of two sectors as "several", the rest neutral', () => {
    const c = programmesChoropleth(PCODES, programmesByHromada(PROGRAMMES), SECTORS, 'sector');
    const colourOf = (p: string) => c.colours[c.classOf.get(p)!];
    expect(colourOf('UA6312001')).toBe(NONE_COLOUR);
    expect(colourOf('UA0502001')).toBe(SECTOR_COLOURS[1]);
    expect(colourOf('UA6312027')).toBe(SEVERAL_SECTORS_COLOUR);
    // Only classes in use (and "none"): Health has no hromada of its own.
    expect(c.classification.bins.map((b) => b.label?.en)).toEqual([
      'no programme recorded',
      'Veteran reintegration',
      'several sectors',
    ]);
    expect(c.classification.bins.map((b) => b.count)).toEqual([1, 1, 1]);
    expect(c.classification.bins[1]!.label?.uk).toBe('Реінтеграція ветеранів');
  });

  it('keeps a sector its colour when a filter leaves it alone on the map', () => {
    const health = PROGRAMMES.filter((p) => p.sector === 'Health');
    const c = programmesChoropleth(PCODES, programmesByHromada(health), SECTORS, 'sector');
    expect(c.colours[c.classOf.get('UA6312027')!]).toBe(SECTOR_COLOURS[0]);
    expect(c.classification.bins.map((b) => b.label?.en)).toEqual(['no programme recorded', 'Health']);
  });

  it('colours by the number of programmes: 1, 2, 3 or more', () => {
    const three = [...PROGRAMMES, programme('third', { sites: [site('UA6312027')] })];
    const c = programmesChoropleth(PCODES, programmesByHromada(three), SECTORS, 'count');
    expect(c.colours).toEqual([NONE_COLOUR, ...COUNT_COLOURS]);
    expect(c.classOf.get('UA6312027')).toBe(3);
    expect(c.classOf.get('UA0502001')).toBe(1);
    expect(c.classOf.get('UA6312001')).toBe(0);
    expect(c.classification.bins.map((b) => b.count)).toEqual([1, 1, 0, 1]);
  });

  it('draws every hromada neutral when nothing is recorded', () => {
    const c = programmesChoropleth(PCODES, new Map(), SECTORS, 'sector');
    expect(c.colours).toEqual([NONE_COLOUR]);
    expect([...c.classOf.values()]).toEqual([0, 0, 0]);
  });
});

describe('gapChoropleth', () => {
  it("classes the gap by the needs model's thresholds and marks covered hromadas apart", () => {
    const units = [unit('UA1', 1.9), unit('UA2', 2), unit('UA3', 6.6), unit('UA4', 8, 1), unit('UA5', null)];
    const c = gapChoropleth(units, NEEDS_MODEL.classes);
    expect(c.classOf.get('UA1')).toBe(0);
    expect(c.classOf.get('UA2')).toBe(1);
    expect(c.classOf.get('UA3')).toBe(4);
    expect(c.colours[c.classOf.get('UA4')!]).toBe(COVERED_COLOUR);
    expect(c.classOf.has('UA5')).toBe(false);
    expect(c.colours).toHaveLength(6);
    expect(c.classification.bins.map((b) => [b.lower, b.upper])).toEqual([
      [0, 2],
      [2, 3.5],
      [3.5, 5],
      [5, 6.5],
      [6.5, 10],
      [0, 0],
    ]);
    expect(c.classification.bins.map((b) => b.count)).toEqual([1, 1, 0, 0, 1, 1]);
  });

  it('marks a covered hromada even without a needs score', () => {
    const u = { ...unit('UA9', null), coverage: 1 };
    expect(gapChoropleth([u], NEEDS_MODEL.classes).classOf.get('UA9')).toBe(5);
  });

  it('fades a gap whose needs score is not compared (low confidence, pre-reform Crimea), never a covered one', () => {
    const units = [
      { ...unit('UA1', 5), needsConfidence: 0.1 },
      { ...unit('UA2', 5), needsConfidence: 0.6 },
      { ...unit('UA0102', 5), needsConfidence: 0.9, isCrimea: true },
      { ...unit('UA4', 5, 1), needsConfidence: 0.1 },
    ];
    const c = gapChoropleth(units, NEEDS_MODEL.classes, 0.15);
    expect(c.marks?.get('UA1')).toBe('faded');
    expect(c.marks?.has('UA2')).toBe(false);
    expect(c.marks?.get('UA0102')).toBe('faded');
    expect(c.marks?.has('UA4')).toBe(false);
    // Without a threshold (a model definition of old) nothing is marked, as before.
    expect(gapChoropleth(units, NEEDS_MODEL.classes).marks).toBeUndefined();
  });
});
