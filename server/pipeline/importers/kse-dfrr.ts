import { RowRejection, type CsvIndicatorSpec } from './csv-indicators.ts';
import { presentValues } from './civic-values.ts';
import { hromadaCode } from './kse.ts';
import { per10k, populationContext, populationNote, type PopulationContext } from './population-context.ts';

// State Regional Development Fund (ДФРР) projects per hromada and year, 2015–2021 (KSE dfrr_hromadas.csv):
// a trace of a hromada's capacity to attract investment. The file lists the hromada-years that had projects;
// a hromada-year without a row gets no value (we cannot tell "no project" from "not recorded").

type DfrrField = 'year' | 'planned' | 'executed' | 'executed2015';
const dfrrColumns = {
  year: 'year',
  planned: 'budget_planned',
  executed: 'budget_executed',
  executed2015: 'budget_executed_2015',
} as const;

export const kseDfrr: CsvIndicatorSpec<DfrrField, PopulationContext> = {
  kind: 'kse-dfrr',
  indicatorIds: [
    'dfrr_planned_thousand_uah',
    'dfrr_executed_thousand_uah',
    'dfrr_executed_2015_prices_thousand_uah',
    'dfrr_executed_2015_prices_per_10k',
  ],
  codeColumn: hromadaCode,
  columns: {
    year: [dfrrColumns.year],
    planned: [dfrrColumns.planned],
    executed: [dfrrColumns.executed],
    executed2015: [dfrrColumns.executed2015],
  },
  prepare: populationContext,
  rowKey: (row, pcode) => `${pcode} ${row.text('year').trim()}`,
  toValues(row, pcode, ctx) {
    const year = row.text('year').trim();
    if (!/^20\d\d$/.test(year)) throw new RowRejection('year', `"${year}" is not a year`);
    const amount = (f: Exclude<DfrrField, 'year'>) => {
      const v = row.number(f);
      if (v !== null && v < 0) throw new RowRejection(dfrrColumns[f], `amount ${v} is negative`);
      return v;
    };
    // The per-capita rate uses the 2015-price amount, so that the years of the series compare.
    const executed2015 = amount('executed2015');
    return presentValues(year, {
      dfrr_planned_thousand_uah: amount('planned'),
      dfrr_executed_thousand_uah: amount('executed'),
      dfrr_executed_2015_prices_thousand_uah: executed2015,
      dfrr_executed_2015_prices_per_10k: per10k(ctx, pcode, executed2015),
    });
  },
  notes: populationNote,
};
