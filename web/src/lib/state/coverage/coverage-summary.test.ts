import { describe, expect, it } from 'vitest';
import { PROGRAMMES, programme, site, unit } from '../../testing/coverage-fixtures.ts';
import { highNeedUncovered, programmesByHromada, summarise } from './coverage-summary.ts';

describe('programmesByHromada', () => {
  it('lists each hromada once with its programmes and their sectors', () => {
    const by = programmesByHromada(PROGRAMMES);
    expect([...by.keys()].sort()).toEqual(['UA0502001', 'UA6312027']);
    const both = by.get('UA6312027')!;
    expect(both.count).toBe(2);
    // The first in the list's order is the one the map's tooltip names.
    expect(both.first.code).toBe('vets');
    expect(both.sectors).toEqual(['Health', 'Veteran reintegration']);
    expect(by.get('UA0502001')!.sectors).toEqual(['Veteran reintegration']);
  });

  it('counts a programme once in a hromada it lists twice', () => {
    const p = programme('x', {
      sites: [site('UA6312027'), site('UA6312027', { periodStart: '2018-01-01' })],
    });
    expect(programmesByHromada([p]).get('UA6312027')!.count).toBe(1);
  });
});

describe('summarise', () => {
  it('counts programmes, organisations, donors, distinct hromadas and oblasts', () => {
    const s = summarise(PROGRAMMES);
    expect(s).toMatchObject({
      programmes: 2,
      organisations: 2,
      donors: 1,
      noDonor: 1,
      hromadas: 2,
      oblasts: 2,
    });
  });

  it('adds up people reached only where sites report it, and says from how many', () => {
    expect(summarise(PROGRAMMES).reached).toEqual({ people: 150, sitesKnown: 2, sites: 3 });
    expect(summarise([programme('a', { sites: [site('UA6312027')] })]).reached).toEqual({
      people: 0,
      sitesKnown: 0,
      sites: 1,
    });
  });

  it('breaks down by sector and by oblast, most hromadas first', () => {
    const s = summarise(PROGRAMMES);
    expect(s.bySector).toEqual([
      { key: 'Veteran reintegration', programmes: 1, hromadas: 2 },
      { key: 'Health', programmes: 1, hromadas: 1 },
    ]);
    expect(s.byOblast).toEqual([
      { key: 'UA63', programmes: 2, hromadas: 1 },
      { key: 'UA05', programmes: 1, hromadas: 1 },
    ]);
  });

  it('keeps a programme without sites in its sector, reaching no hromada', () => {
    const s = summarise([programme('empty', { sector: 'Education' })]);
    expect(s.bySector).toEqual([{ key: 'Education', programmes: 1, hromadas: 0 }]);
    expect(s.hromadas).toBe(0);
    expect(s.byOblast).toEqual([]);
  });

  it('is all zeros for no programmes', () => {
    expect(summarise([])).toMatchObject({ programmes: 0, organisations: 0, hromadas: 0, bySector: [] });
  });
});

describe('highNeedUncovered', () => {
  const units = [
    unit('UA0000005', 9),
    unit('UA0000001', 9.5, 1),
    unit('UA0000003', 7),
    unit('UA0000002', 7),
    unit('UA0000004', null),
    unit('UA0000006', 2),
  ];

  it('takes the highest needs without a programme, ties by pcode, unscored left out', () => {
    expect(highNeedUncovered(units, 3).map((u) => u.pcode)).toEqual(['UA0000005', 'UA0000002', 'UA0000003']);
    expect(highNeedUncovered(units, 10)).toHaveLength(4);
  });

  it('leaves out what it is told to', () => {
    const out = highNeedUncovered(units, 2, (p) => p === 'UA0000005');
    expect(out.map((u) => u.pcode)).toEqual(['UA0000002', 'UA0000003']);
  });
});
