import { describe, expect, it } from 'vitest';
import { RowRejection, type RowReader } from './csv-indicators.ts';
import { kseEdem, kseOsbb, ksePartnerships } from './kse-civic.ts';
import type { PopulationContext } from './population-context.ts';

/** A row as the CSV importer reads it: "NA" or empty is missing, never zero. */
function rowOf<K extends string>(cells: Record<K, string>): RowReader<K> {
  const reader: RowReader<K> = {
    text: (f) => cells[f],
    number: (f) => (cells[f] === 'NA' || cells[f] === '' ? null : Number(cells[f])),
    flag: (f) => reader.number(f) as 0 | 1 | null,
  };
  return reader;
}
const context = (population: Record<string, number>): PopulationContext => ({
  population: new Map(Object.entries(population)),
  withoutPopulation: new Set(),
});

describe('civic-life importers', () => {
  it('keeps a zero agreement count and derives the rate per 10,000 residents', () => {
    const ctx = context({ UA0502001: 20_000 });
    const row = rowOf({ agreements: '0', agreementsActive: '0', partners: '0', partnersActive: '0' });
    expect(ksePartnerships.toValues(row, 'UA0502001', ctx)).toContainEqual({
      indicatorId: 'cooperation_agreements_per_10k',
      period: '2022-02-24',
      value: 0,
    });
    const three = rowOf({ agreements: '3', agreementsActive: '2', partners: '2', partnersActive: '1' });
    const rate = ksePartnerships.toValues(three, 'UA0502001', ctx).find((v) => v.indicatorId.endsWith('10k'));
    expect(rate?.value).toBeCloseTo(1.5, 10);
  });

  it('leaves the rate out, and notes the hromada, where there is no 2022 population', () => {
    const ctx = context({});
    const row = rowOf({ agreements: '3', agreementsActive: '2', partners: '2', partnersActive: '1' });
    const ids = ksePartnerships.toValues(row, 'UA0102003', ctx).map((v) => v.indicatorId);
    expect(ids).toContain('cooperation_agreements');
    expect(ids).not.toContain('cooperation_agreements_per_10k');
    expect(ksePartnerships.notes!(ctx)).toEqual([
      '1 hromada(s) without a 2022 population: per-capita values left out',
    ]);
  });

  it('gives each OSBB year its own period and skips NA years', () => {
    const row = rowOf({ '2015': 'NA', '2016': '1', '2017': '2', '2018': '2', '2019': '3', '2020': '4' });
    const counts = kseOsbb
      .toValues(row, 'UA0502001', context({ UA0502001: 10_000 }))
      .filter((v) => v.indicatorId === 'osbb_count');
    expect(counts.map((v) => [v.period, v.value])).toEqual([
      ['2016', 1],
      ['2017', 2],
      ['2018', 2],
      ['2019', 3],
      ['2020', 4],
    ]);
  });

  it('rejects a count that is negative or not whole', () => {
    const row = rowOf({ '2015': '-1', '2016': '1', '2017': '2', '2018': '2', '2019': '3', '2020': '4.5' });
    expect(() => kseOsbb.toValues(row, 'UA0502001', context({}))).toThrow(RowRejection);
  });

  it('rejects an EDEM row whose total is not the sum of its four modules', () => {
    const cells = { petitions: '1', consultations: '1', participatoryBudget: '0', openHromada: '0' };
    expect(kseEdem.toValues(rowOf({ ...cells, total: '2' }), 'UA0502001')).toHaveLength(5);
    expect(() => kseEdem.toValues(rowOf({ ...cells, total: '3' }), 'UA0502001')).toThrow(
      'edem_total 3 is not the sum 2 of the four modules',
    );
  });
});
