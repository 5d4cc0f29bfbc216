import { RowRejection, type CsvIndicatorSpec } from './csv-indicators.ts';
import { countOf, presentValues } from './civic-values.ts';
import { hromadaCode } from './kse.ts';
import { per10k, populationContext, populationNote, type PopulationContext } from './population-context.ts';

// Importers for the KSE civic-life tables (shared/data/SOURCES.md §3, "Added 2026-12-03"). They are open
// traces of social capital and of cooperation between stakeholders, proxies rather than measures of trust.
// Except for partnerships (which KSE built over every hromada), a hromada absent from a file is UNKNOWN:
// it gets no value, never a zero. Per-capita rates use the population of 1 Jan 2022, like every other one.

/** Agreements started before the full-scale invasion; "active" = still running on that day (KSE's cut-off). */
export const PARTNERSHIPS_PERIOD = '2022-02-24';
type PartnershipField = 'agreements' | 'agreementsActive' | 'partners' | 'partnersActive';
const partnershipColumns = {
  agreements: 'n_agreements',
  agreementsActive: 'n_agreements_active',
  partners: 'n_agreements_hromadas',
  partnersActive: 'n_agreements_hromadas_active',
} as const;

export const ksePartnerships: CsvIndicatorSpec<PartnershipField, PopulationContext> = {
  kind: 'kse-partnerships',
  indicatorIds: [
    'cooperation_agreements',
    'cooperation_agreements_active',
    'cooperation_partner_hromadas',
    'cooperation_partner_hromadas_active',
    'cooperation_agreements_per_10k',
  ],
  codeColumn: hromadaCode,
  columns: {
    agreements: [partnershipColumns.agreements],
    agreementsActive: [partnershipColumns.agreementsActive],
    partners: [partnershipColumns.partners],
    partnersActive: [partnershipColumns.partnersActive],
  },
  prepare: populationContext,
  toValues(row, pcode, ctx) {
    const count = (f: PartnershipField) => countOf(row, f, partnershipColumns[f]);
    const agreements = count('agreements');
    // KSE filled hromadas without any agreement with 0 (ellis-partnerships.R): here zero is a real zero.
    return presentValues(PARTNERSHIPS_PERIOD, {
      cooperation_agreements: agreements,
      cooperation_agreements_active: count('agreementsActive'),
      cooperation_partner_hromadas: count('partners'),
      cooperation_partner_hromadas_active: count('partnersActive'),
      cooperation_agreements_per_10k: per10k(ctx, pcode, agreements),
    });
  },
  notes: populationNote,
};

/** The OSBB file's yearly columns, sum_osbb_2015 … sum_osbb_2020: every year is its own period. */
export const OSBB_YEARS = ['2015', '2016', '2017', '2018', '2019', '2020'] as const;
type OsbbYear = (typeof OSBB_YEARS)[number];

export const kseOsbb: CsvIndicatorSpec<OsbbYear, PopulationContext> = {
  kind: 'kse-osbb',
  indicatorIds: ['osbb_count', 'osbb_per_10k'],
  codeColumn: hromadaCode,
  columns: {
    '2015': ['sum_osbb_2015'],
    '2016': ['sum_osbb_2016'],
    '2017': ['sum_osbb_2017'],
    '2018': ['sum_osbb_2018'],
    '2019': ['sum_osbb_2019'],
    '2020': ['sum_osbb_2020'],
  },
  prepare: populationContext,
  toValues(row, pcode, ctx) {
    return OSBB_YEARS.flatMap((year) => {
      const n = countOf(row, year, `sum_osbb_${year}`);
      return presentValues(year, { osbb_count: n, osbb_per_10k: per10k(ctx, pcode, n) });
    });
  },
  notes: populationNote,
};

/** EDEM modules as KSE compiled them in November 2022 (ellis-edem.R); the file states no reference date. */
export const CIVIC_2022_PERIOD = '2022';
type EdemField = 'petitions' | 'consultations' | 'participatoryBudget' | 'openHromada' | 'total';

export const kseEdem: CsvIndicatorSpec<EdemField, void> = {
  kind: 'kse-edem',
  indicatorIds: [
    'edem_petitions',
    'edem_consultations',
    'edem_participatory_budget',
    'edem_open_hromada',
    'edem_modules',
  ],
  codeColumn: hromadaCode,
  columns: {
    petitions: ['edem_petitions'],
    consultations: ['edem_consultations'],
    participatoryBudget: ['edem_participatory_budget'],
    openHromada: ['edem_open_hromada'],
    total: ['edem_total'],
  },
  toValues(row) {
    const modules = {
      edem_petitions: row.flag('petitions'),
      edem_consultations: row.flag('consultations'),
      edem_participatory_budget: row.flag('participatoryBudget'),
      edem_open_hromada: row.flag('openHromada'),
    };
    const total = row.number('total');
    // edem_total is KSE's sum of the four flags: a row where it is not is inconsistent, so neither is trusted.
    const flags = Object.values(modules);
    if (total !== null && flags.every((f) => f !== null)) {
      const sum = flags.reduce<number>((a, f) => a + (f ?? 0), 0);
      if (sum !== total) {
        throw new RowRejection('edem_total', `edem_total ${total} is not the sum ${sum} of the four modules`);
      }
    }
    return presentValues(CIVIC_2022_PERIOD, { ...modules, edem_modules: total });
  },
};

type CompetenceField = 'youthCouncils' | 'youthCentres' | 'businessSupport';
const competenceColumns = {
  youthCouncils: 'Youth_councils',
  youthCentres: 'Youth_centers',
  businessSupport: 'Business_support_centers',
} as const;

export const kseCommunityCompetence: CsvIndicatorSpec<CompetenceField, void> = {
  kind: 'kse-community-competence',
  indicatorIds: ['youth_councils', 'youth_centres', 'business_support_centres'],
  codeColumn: hromadaCode,
  columns: {
    youthCouncils: [competenceColumns.youthCouncils, 'youth_councils'],
    youthCentres: [competenceColumns.youthCentres, 'youth_centers'],
    businessSupport: [competenceColumns.businessSupport, 'business_support_centers'],
  },
  toValues(row) {
    const count = (f: CompetenceField) => countOf(row, f, competenceColumns[f]);
    return presentValues(CIVIC_2022_PERIOD, {
      youth_councils: count('youthCouncils'),
      youth_centres: count('youthCentres'),
      business_support_centres: count('businessSupport'),
    });
  },
};
