import { RowRejection, type CsvIndicatorSpec } from './csv-indicators.ts';
import { POPULATION_PERIOD } from '../../shared/population.ts';
import { populationContext, populationNote, type PopulationContext } from './population-context.ts';

// Importers for the KSE Institute hromada dataset (shared/data/SOURCES.md §3). Every file is keyed by the
// 19-character KATOTTG hromada code; "NA" is missing, never zero. Column names keep KSE's own typos.

export const hromadaCode = ['hromada_code', 'katottg', 'hromada code'];

export const ksePopulation: CsvIndicatorSpec<'total' | 'urban', void> = {
  kind: 'kse-population',
  indicatorIds: ['population_2022', 'urban_population_share_2022'],
  codeColumn: hromadaCode,
  columns: {
    total: ['total_population_2022', 'total_popultaion_2022', 'population'],
    urban: ['urban_population_2022'],
  },
  toValues(row) {
    const total = row.number('total');
    const urban = row.number('urban');
    if (total !== null && total <= 0)
      throw new RowRejection('total_population_2022', `population ${total} is not positive`);
    if (total !== null && urban !== null && urban > total) {
      throw new RowRejection('urban_population_2022', `urban population ${urban} exceeds the total ${total}`);
    }
    return [
      ...(total !== null
        ? [{ indicatorId: 'population_2022', period: POPULATION_PERIOD, value: total }]
        : []),
      ...(total !== null && urban !== null
        ? [{ indicatorId: 'urban_population_share_2022', period: POPULATION_PERIOD, value: urban / total }]
        : []),
    ];
  },
};

type GeographyField = 'square' | 'population' | 'russiaBelarus' | 'eu' | 'travel' | 'occupiedBefore';
export const kseGeography: CsvIndicatorSpec<GeographyField, void> = {
  kind: 'kse-geography',
  indicatorIds: [
    'area_km2',
    'population_density_2022',
    'distance_to_russia_belarus_km',
    'distance_to_eu_km',
    'travel_time_to_oblast_centre_min',
    'occupied_before_2022',
  ],
  codeColumn: hromadaCode,
  columns: {
    square: ['square', 'area_km2'],
    population: ['total_popultaion_2022', 'total_population_2022'],
    russiaBelarus: ['distance_to_russia_belarus'],
    eu: ['distance_to_eu'],
    travel: ['travel_time'],
    occupiedBefore: ['occipied_before_2022', 'occupied_before_2022'],
  },
  toValues(row) {
    const square = row.number('square');
    const population = row.number('population');
    if (square !== null && square <= 0) throw new RowRejection('square', `area ${square} is not positive`);
    const out = [
      { indicatorId: 'area_km2', value: square },
      {
        indicatorId: 'population_density_2022',
        value: square && population !== null ? population / square : null,
      },
      { indicatorId: 'distance_to_russia_belarus_km', value: row.number('russiaBelarus') },
      { indicatorId: 'distance_to_eu_km', value: row.number('eu') },
      { indicatorId: 'travel_time_to_oblast_centre_min', value: row.number('travel') },
      { indicatorId: 'occupied_before_2022', value: row.flag('occupiedBefore') },
    ];
    return out
      .filter((v): v is { indicatorId: string; value: number } => v.value !== null)
      .map((v) => ({ ...v, period: v.indicatorId === 'occupied_before_2022' ? '2022-02-24' : '2022' }));
  },
};

// The four Ministry of Reintegration list dates in 2022, as KSE names the columns.
const warZoneLists = {
  wz0427: ['war_zone_27_04_2022', '2022-04-27'],
  wz0620: ['war_zone_20_06_2022', '2022-06-20'],
  wz0823: ['war_zone_23_08_2022', '2022-08-23'],
  wz1010: ['war_zone_10_10_2022', '2022-10-10'],
} as const;
type WarField = keyof typeof warZoneLists | 'status';

export const kseWarStatus: CsvIndicatorSpec<WarField, void> = {
  kind: 'kse-war-status',
  indicatorIds: ['war_zone_2022', 'occupied_2022_09', 'deoccupied_2022'],
  codeColumn: hromadaCode,
  columns: {
    wz0427: [warZoneLists.wz0427[0]],
    wz0620: [warZoneLists.wz0620[0]],
    wz0823: [warZoneLists.wz0823[0]],
    wz1010: [warZoneLists.wz1010[0]],
    status: ['Status_war_sept'],
  },
  toValues(row) {
    const values: { indicatorId: string; period: string; value: number }[] = [];
    for (const [field, [, date]] of Object.entries(warZoneLists) as [
      keyof typeof warZoneLists,
      readonly [string, string],
    ][]) {
      const flag = row.flag(field);
      if (flag !== null) values.push({ indicatorId: 'war_zone_2022', period: date, value: flag });
    }
    const status = row.text('status').trim();
    const known = ['not occupied', 'not occupied, in the war zone', 'occupied', 'deoccupied'];
    if (!known.includes(status)) {
      throw new RowRejection(
        'Status_war_sept',
        `unknown status "${status}" (expected one of: ${known.join('; ')})`,
      );
    }
    values.push({ indicatorId: 'occupied_2022_09', period: '2022-09', value: status === 'occupied' ? 1 : 0 });
    values.push({ indicatorId: 'deoccupied_2022', period: '2022', value: status === 'deoccupied' ? 1 : 0 });
    return values;
  },
};

type BudgetField = 'year' | 'total' | 'own' | 'transfers' | 'military';
export const kseBudgets: CsvIndicatorSpec<BudgetField, PopulationContext> = {
  kind: 'kse-budgets',
  indicatorIds: [
    'own_revenue_per_capita',
    'total_revenue_per_capita',
    'transfer_share',
    'military_pit_share',
  ],
  codeColumn: hromadaCode,
  columns: {
    year: ['year'],
    total: ['income_total'],
    own: ['income_own'],
    transfers: ['income_transfert', 'income_transfer'],
    military: ['income_military'],
  },
  prepare: populationContext,
  rowKey: (row, pcode) => `${pcode} ${row.text('year').trim()}`,
  toValues(row, pcode, ctx) {
    const year = row.text('year').trim();
    if (!/^20\d\d$/.test(year)) throw new RowRejection('year', `"${year}" is not a budget year`);
    const total = row.number('total');
    const own = row.number('own');
    const transfers = row.number('transfers');
    const military = row.number('military');
    const population = ctx.population.get(pcode);
    if (population === undefined) ctx.withoutPopulation.add(pcode);
    const values: { indicatorId: string; period: string; value: number }[] = [];
    const add = (indicatorId: string, value: number | null) => {
      if (value !== null && Number.isFinite(value)) values.push({ indicatorId, period: year, value });
    };
    add('own_revenue_per_capita', own !== null && population ? own / population : null);
    add('total_revenue_per_capita', total !== null && population ? total / population : null);
    add('transfer_share', transfers !== null && total ? transfers / total : null);
    add('military_pit_share', military !== null && total ? military / total : null);
    return values;
  },
  notes: populationNote,
};

export const IDP_PERIOD = '2023-07-25';
export const kseIdps: CsvIndicatorSpec<'vpo', PopulationContext> = {
  kind: 'kse-idps',
  indicatorIds: ['idps_registered', 'idps_per_1000'],
  codeColumn: hromadaCode,
  columns: { vpo: ['vpo_thsd'] },
  prepare: populationContext,
  toValues(row, pcode, ctx) {
    const thousands = row.number('vpo');
    if (thousands === null) return [];
    // Net registered IDPs: negative where more residents left than IDPs arrived (MinFin equalisation data).
    const persons = Math.round(thousands * 1000);
    const population = ctx.population.get(pcode);
    if (population === undefined) ctx.withoutPopulation.add(pcode);
    return [
      { indicatorId: 'idps_registered', period: IDP_PERIOD, value: persons },
      ...(population
        ? [{ indicatorId: 'idps_per_1000', period: IDP_PERIOD, value: (persons / population) * 1000 }]
        : []),
    ];
  },
  notes: populationNote,
};
