import { RowRejection, type CsvIndicatorSpec } from './csv-indicators.ts';
import { presentValues } from './civic-values.ts';
import { hromadaCode } from './kse.ts';

// The civic columns of KSE's full_dataset.csv that no dedicated file carries. Its copies of the OSBB, EDEM,
// youth and business-support columns (and dfrr_executed, the 2015–2021 sum of dfrr_hromadas.csv) are NOT
// read here: the dedicated files hold the same measures, and full_dataset writes 0 where they say nothing
// (e.g. edem_* is 0 for the 1,138 hromadas absent from edem-data.csv), turning "unknown" into "none".

/** Local elections of 25 October 2020 (turnout_2020). */
export const LOCAL_ELECTIONS_2020 = '2020-10-25';
type CivicField = 'turnout' | 'voluntary' | 'declarations';

export const kseFullDatasetCivic: CsvIndicatorSpec<CivicField, void> = {
  kind: 'kse-full-dataset-civic',
  indicatorIds: ['turnout_local_elections_2020', 'voluntary_amalgamation', 'nhsu_declarations_per_resident'],
  codeColumn: hromadaCode,
  columns: {
    turnout: ['turnout_2020'],
    voluntary: ['voluntary'],
    declarations: ['declarations_pct'],
  },
  toValues(row) {
    const turnout = row.number('turnout');
    if (turnout !== null && (turnout <= 0 || turnout > 1)) {
      throw new RowRejection('turnout_2020', `turnout ${turnout} is not a share in (0, 1]`);
    }
    const declarations = row.number('declarations');
    if (declarations !== null && declarations <= 0) {
      throw new RowRejection('declarations_pct', `declarations per resident ${declarations} is not positive`);
    }
    return [
      ...presentValues(LOCAL_ELECTIONS_2020, { turnout_local_elections_2020: turnout }),
      // Formed by voluntary amalgamation (2015–2020) rather than by the 2020 government-drawn map.
      ...presentValues('2020', { voluntary_amalgamation: row.flag('voluntary') }),
      // NHSU declarations (reference date not stated, 2022–23) over the population of 1 Jan 2022, as KSE gives it.
      ...presentValues('2022', { nhsu_declarations_per_resident: declarations }),
    ];
  },
};
