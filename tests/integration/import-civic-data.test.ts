import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Indicator } from '../../server/features/indicators/indicators.schemas.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { testDataDir } from '../support/test-data.ts';

// The KSE civic-life tables (issue #13 §1), imported by the global setup from the real files of
// data/sources.json. Every expected value is read from those files here, never written into the test.

type Row = Record<string, string>;

async function readCsv(relative: string): Promise<Row[]> {
  const text = await readFile(path.join(testDataDir(), 'kse-loc-data-hub', relative), 'utf8');
  return Papa.parse<Row>(text, { header: true, skipEmptyLines: true }).data;
}
const pcodeOf = (r: Row) => r.hromada_code!.slice(0, 9);
const isMissing = (cell: string | undefined) => cell === undefined || cell === '' || cell === 'NA';

let t: TestApp;
let known: Set<string>;
let population: Map<string, number>;
beforeAll(async () => {
  t = await createTestApp();
  const units = await t.database.db
    .selectFrom('admin_units')
    .select('pcode')
    .where('level', '=', 'hromada')
    .execute();
  known = new Set(units.map((u) => u.pcode));
  population = new Map(
    (await readCsv('ua-pop-2022.csv'))
      .filter((r) => !isMissing(r.hromada_code) && !isMissing(r.total_population_2022))
      .map((r) => [pcodeOf(r), Number(r.total_population_2022)]),
  );
});
afterAll(async () => {
  await t?.close();
});

/** Every value of an indicator, keyed "pcode period". */
async function valuesOf(indicatorId: string): Promise<Map<string, number>> {
  const rows = await t.database.db
    .selectFrom('indicator_values')
    .select(['unit_pcode', 'period', 'value'])
    .where('indicator_id', '=', indicatorId)
    .execute();
  return new Map(rows.map((r) => [`${r.unit_pcode} ${r.period}`, r.value]));
}

/**
 * Checks that `indicatorId` holds exactly the file's figures: each row of a known hromada with a value in
 * `column` has that value for `period`, and nothing else is stored (absent hromadas and NA cells have none).
 */
async function expectExactly(
  indicatorId: string,
  rows: Row[],
  column: string,
  period: (r: Row) => string,
  transform: (value: number, r: Row) => number = (v) => v,
) {
  const stored = await valuesOf(indicatorId);
  const expected = rows.filter((r) => known.has(pcodeOf(r)) && !isMissing(r[column]));
  expect(expected.length, indicatorId).toBeGreaterThan(0);
  for (const r of expected) {
    const key = `${pcodeOf(r)} ${period(r)}`;
    expect(stored.get(key), `${indicatorId} ${key}`).toBeCloseTo(transform(Number(r[column]), r), 6);
  }
  expect(stored.size, indicatorId).toBe(expected.length);
}

const per10k = (value: number, r: Row) => (value / population.get(pcodeOf(r))!) * 10_000;

describe('inter-municipal cooperation agreements (partnerships-hromadas.csv)', () => {
  it('stores every hromada’s counts, zeros included, as of 24 February 2022', async () => {
    const rows = await readCsv('partnerships-hromadas.csv');
    const p = () => '2022-02-24';
    await expectExactly('cooperation_agreements', rows, 'n_agreements', p);
    await expectExactly('cooperation_agreements_active', rows, 'n_agreements_active', p);
    await expectExactly('cooperation_partner_hromadas', rows, 'n_agreements_hromadas', p);
    await expectExactly('cooperation_partner_hromadas_active', rows, 'n_agreements_hromadas_active', p);
    // Zero is a real zero in this file: the hromadas without an agreement have the value 0, not none.
    const zero = rows.find((r) => known.has(pcodeOf(r)) && r.n_agreements === '0')!;
    expect((await valuesOf('cooperation_agreements')).get(`${pcodeOf(zero)} 2022-02-24`)).toBe(0);
  });

  it('derives agreements per 10,000 residents of 2022', async () => {
    const rows = (await readCsv('partnerships-hromadas.csv')).filter((r) => population.has(pcodeOf(r)));
    await expectExactly('cooperation_agreements_per_10k', rows, 'n_agreements', () => '2022-02-24', per10k);
  });
});

describe('condominium associations (osbb-hromada.csv)', () => {
  const years = ['2015', '2016', '2017', '2018', '2019', '2020'];

  it('keeps every year 2015–2020 as its own period, and absent hromadas have no value', async () => {
    const rows = await readCsv('osbb-hromada.csv');
    const long = rows.flatMap((r) => years.map((year) => ({ ...r, year, osbb: r[`sum_osbb_${year}`]! })));
    await expectExactly('osbb_count', long, 'osbb', (r) => r.year!);
    const withPopulation = long.filter((r) => population.has(pcodeOf(r)));
    await expectExactly('osbb_per_10k', withPopulation, 'osbb', (r) => r.year!, per10k);

    const inFile = new Set(rows.map(pcodeOf));
    const absent = [...known].filter((p) => !inFile.has(p));
    expect(absent.length).toBeGreaterThan(0);
    const stored = await valuesOf('osbb_count');
    for (const p of absent) for (const y of years) expect(stored.has(`${p} ${y}`)).toBe(false);
  });
});

describe('e-democracy modules (edem-data.csv)', () => {
  it('stores the four modules and their total for the hromadas in the file only', async () => {
    const rows = await readCsv('edem-data.csv');
    const p = () => '2022';
    await expectExactly('edem_petitions', rows, 'edem_petitions', p);
    await expectExactly('edem_consultations', rows, 'edem_consultations', p);
    await expectExactly('edem_participatory_budget', rows, 'edem_participatory_budget', p);
    await expectExactly('edem_open_hromada', rows, 'edem_open_hromada', p);
    await expectExactly('edem_modules', rows, 'edem_total', p);
    // full_dataset.csv writes 0 for the hromadas this file does not name: those stay unknown here.
    const inFile = new Set(rows.map((r) => r.hromada_code));
    const zeroInFull = (await readCsv('full_dataset.csv')).find(
      (r) => !inFile.has(r.hromada_code) && r.edem_total === '0' && known.has(pcodeOf(r)),
    )!;
    expect((await valuesOf('edem_modules')).has(`${pcodeOf(zeroInFull)} 2022`)).toBe(false);
  });
});

describe('youth councils, youth centres, business-support centres (community-competence-hromada.csv)', () => {
  it('stores the counts for the hromadas in the file only', async () => {
    const rows = await readCsv('community-competence-hromada.csv');
    const p = () => '2022';
    await expectExactly('youth_councils', rows, 'Youth_councils', p);
    await expectExactly('youth_centres', rows, 'Youth_centers', p);
    await expectExactly('business_support_centres', rows, 'Business_support_centers', p);
  });
});

describe('State Regional Development Fund (dfrr_hromadas.csv)', () => {
  it('keeps each year 2015–2021 as a period; hromada-years without a row have no value', async () => {
    const rows = await readCsv('dfrr_hromadas.csv');
    const p = (r: Row) => r.year!;
    await expectExactly('dfrr_planned_thousand_uah', rows, 'budget_planned', p);
    await expectExactly('dfrr_executed_thousand_uah', rows, 'budget_executed', p);
    await expectExactly('dfrr_executed_2015_prices_thousand_uah', rows, 'budget_executed_2015', p);
    const withPopulation = rows.filter((r) => population.has(pcodeOf(r)));
    await expectExactly(
      'dfrr_executed_2015_prices_per_10k',
      withPopulation,
      'budget_executed_2015',
      p,
      per10k,
    );
  });
});

describe('civic columns of full_dataset.csv', () => {
  it('imports turnout, voluntary amalgamation and declarations per resident; NA stays missing', async () => {
    const rows = await readCsv('full_dataset.csv');
    expect(rows.some((r) => r.turnout_2020 === 'NA')).toBe(true);
    await expectExactly('turnout_local_elections_2020', rows, 'turnout_2020', () => '2020-10-25');
    await expectExactly('voluntary_amalgamation', rows, 'voluntary', () => '2020');
    await expectExactly('nhsu_declarations_per_resident', rows, 'declarations_pct', () => '2022');
  });
});

describe('GET /api/indicators lists the civic-life indicators', () => {
  const expectedPeriods: Record<string, string[]> = {
    cooperation_agreements: ['2022-02-24'],
    cooperation_agreements_per_10k: ['2022-02-24'],
    osbb_count: ['2015', '2016', '2017', '2018', '2019', '2020'],
    osbb_per_10k: ['2015', '2016', '2017', '2018', '2019', '2020'],
    edem_modules: ['2022'],
    youth_councils: ['2022'],
    dfrr_executed_2015_prices_per_10k: ['2015', '2016', '2017', '2018', '2019', '2020', '2021'],
    turnout_local_elections_2020: ['2020-10-25'],
  };

  it('with their periods, the KSE source and its licence', async () => {
    const res = await t.getJson<Indicator[]>('/api/indicators');
    expect(res.status).toBe(200);
    for (const [id, periods] of Object.entries(expectedPeriods)) {
      const indicator = res.body.find((i) => i.id === id);
      expect(indicator, id).toBeDefined();
      expect(indicator!.periods).toEqual(periods);
      expect(indicator!.source.id).toBe('kse');
      expect(indicator!.source.licence).toBe('MIT');
      expect(indicator!.nameUk.length).toBeGreaterThan(0);
    }
  });
});
