import { describe, expect, it } from 'vitest';
import {
  COVERAGE_KEYS,
  DEFAULT_COVERAGE,
  formatCoverageParams,
  gapAsOf,
  hasFilters,
  parseCoverageParams,
  parsePeriodBound,
  periodWindow,
  type CoverageParams,
} from './coverage-params.ts';
import { formatViewParams, parseViewParams } from '../view-params.ts';

const FULL: CoverageParams = {
  mode: 'gap',
  colourBy: 'count',
  organisation: 12,
  donor: 'European Union',
  sector: 'Veteran reintegration',
  status: 'completed',
  from: '2016',
  to: '2019-06-30',
  includeOccupied: true,
  stage: 'adopted',
};

const search = (p: CoverageParams) => `?${new URLSearchParams(formatCoverageParams(p)).toString()}`;

describe('coverage URL keys', () => {
  it("are 'c' and at least one more letter, and none of the keys view-params.ts owns", () => {
    const reserved = ['v', 'm', 'p', 'c', 'pal', 'sel', 'ob', 'lang', 'at'];
    const keys = Object.values(COVERAGE_KEYS);
    for (const k of keys) {
      expect(k).toMatch(/^c[a-z]+$/);
      expect(reserved).not.toContain(k);
    }
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('leave the shared keys to view-params.ts and are ignored by it', () => {
    const shared = '?v=coverage&sel=UA6312027&lang=en';
    const both = `${shared}&${search(FULL).slice(1)}`;
    expect(formatViewParams(parseViewParams(both))).toBe(formatViewParams(parseViewParams(shared)));
    expect(parseCoverageParams(both)).toEqual(FULL);
  });
});

describe('parseCoverageParams / formatCoverageParams', () => {
  it('gives the defaults for an empty query, and writes no key for them', () => {
    expect(parseCoverageParams('')).toEqual(DEFAULT_COVERAGE);
    expect(formatCoverageParams(DEFAULT_COVERAGE)).toEqual({});
  });

  it('round-trips every parameter', () => {
    expect(formatCoverageParams(FULL)).toEqual({
      cm: 'gap',
      cby: 'count',
      corg: '12',
      cdon: 'European Union',
      csec: 'Veteran reintegration',
      cst: 'completed',
      cfrom: '2016',
      cto: '2019-06-30',
      cocc: '1',
      cstg: 'adopted',
    });
    expect(parseCoverageParams(search(FULL))).toEqual(FULL);
  });

  it('falls back to the default for each malformed value, keeping the others', () => {
    const p = parseCoverageParams(
      '?cm=heat&cby=budget&corg=-3&cdon=%20%20&csec=Health&cst=paused&cfrom=16&cto=2023-02-30&cocc=yes&cstg=approved',
    );
    expect(p).toEqual({ ...DEFAULT_COVERAGE, sector: 'Health' });
    expect(parseCoverageParams('?corg=1.5').organisation).toBeNull();
    expect(parseCoverageParams(`?cdon=${'x'.repeat(201)}`).donor).toBeNull();
  });

  it('trims names and keeps an organisation id as a number', () => {
    const p = parseCoverageParams('?cdon=%20USAID%20&corg=7');
    expect(p.donor).toBe('USAID');
    expect(p.organisation).toBe(7);
  });

  it('drops the end of a period that ends before it starts', () => {
    expect(parseCoverageParams('?cfrom=2020&cto=2019')).toMatchObject({ from: '2020', to: null });
    expect(parseCoverageParams('?cfrom=2020-03-01&cto=2020')).toMatchObject({
      from: '2020-03-01',
      to: '2020',
    });
    expect(parseCoverageParams('?cfrom=2020&cto=2020')).toMatchObject({ from: '2020', to: '2020' });
  });
});

describe('parsePeriodBound', () => {
  it('accepts a year or a real calendar date only', () => {
    expect(parsePeriodBound('2024')).toBe('2024');
    expect(parsePeriodBound('2024-02-29')).toBe('2024-02-29');
    expect(parsePeriodBound('2023-02-29')).toBeNull();
    expect(parsePeriodBound('2024-13-01')).toBeNull();
    expect(parsePeriodBound('2024-1-1')).toBeNull();
    expect(parsePeriodBound(null)).toBeNull();
  });
});

describe('periodWindow', () => {
  it('runs a year from 1 January to 31 December and keeps dates as they are', () => {
    expect(periodWindow({ from: '2016', to: '2019' })).toEqual({
      activeFrom: '2016-01-01',
      activeTo: '2019-12-31',
    });
    expect(periodWindow({ from: '2022-02-24', to: null })).toEqual({ activeFrom: '2022-02-24' });
    expect(periodWindow({ from: null, to: null })).toEqual({});
  });
});

describe('gapAsOf', () => {
  const today = '2026-11-21';
  it('is the end of the period, else today', () => {
    expect(gapAsOf({ from: null, to: '2018' }, today)).toBe('2018-12-31');
    expect(gapAsOf({ from: '2016', to: '2019-06-30' }, today)).toBe('2019-06-30');
    expect(gapAsOf({ from: null, to: null }, today)).toBe(today);
    expect(gapAsOf({ from: '2020', to: null }, today)).toBe(today);
  });

  it('is the first day of a period that starts after today', () => {
    expect(gapAsOf({ from: '2028', to: null }, today)).toBe('2028-01-01');
  });
});

describe('hasFilters', () => {
  it('counts the programme filters, not the map mode, colouring or the occupied switch', () => {
    expect(hasFilters({ ...DEFAULT_COVERAGE, mode: 'gap', colourBy: 'count', includeOccupied: true })).toBe(
      false,
    );
    expect(hasFilters({ ...DEFAULT_COVERAGE, to: '2019' })).toBe(true);
    expect(hasFilters({ ...DEFAULT_COVERAGE, organisation: 1 })).toBe(true);
  });
});
