// The Coverage view's text (issue #4), Ukrainian (the default) and English. Terms follow the project's
// background documents: громада, потреби, ВПО; "покриття" is the presence of a programme, never more.

import { formatPeriod } from './format.ts';
import type { Lang } from './messages.ts';
import { plural } from './plural.ts';

const NUMBER = { uk: new Intl.NumberFormat('uk-UA'), en: new Intl.NumberFormat('en-GB') };

const ukCount = {
  programmes: (n: number) => plural('uk', n, { one: 'програма', few: 'програми', many: 'програм' }),
  organisations: (n: number) =>
    plural('uk', n, { one: 'організація', few: 'організації', many: 'організацій' }),
  hromadas: (n: number) => plural('uk', n, { one: 'громада', few: 'громади', many: 'громад' }),
  oblasts: (n: number) => plural('uk', n, { one: 'область', few: 'області', many: 'областей' }),
  donors: (n: number) => plural('uk', n, { one: 'донор', few: 'донори', many: 'донорів' }),
};
const enCount: typeof ukCount = {
  programmes: (n) => plural('en', n, { one: 'programme', many: 'programmes' }),
  organisations: (n) => plural('en', n, { one: 'organisation', many: 'organisations' }),
  hromadas: (n) => plural('en', n, { one: 'hromada', many: 'hromadas' }),
  oblasts: (n) => plural('en', n, { one: 'oblast', many: 'oblasts' }),
  donors: (n) => plural('en', n, { one: 'donor', many: 'donors' }),
};

const uk = {
  count: ukCount,
  title: 'Покриття програмами',
  // No declension after «записано»: «Програм в атласі: 1» reads right for every number.
  recorded: (programmes: number, organisations: number) =>
    `Програм в атласі: ${NUMBER.uk.format(programmes)}, організацій: ${NUMBER.uk.format(organisations)}.`,
  recordedWhy:
    'Відкритих даних про те, хто де працює, майже немає: тут лише програми, записані в атлас. Організації зможуть додавати свої.',
  basis:
    'Покриття тут — присутність програми в громаді, а не частка охоплених людей у потребі: кількості людей у потребі немає у відкритих даних.',
  basisShort: 'Покриття — це присутність програми в громаді.',
  whyLittle: 'Чому так мало даних і що означає покриття?',
  mode: 'Карта показує',
  mode_programmes: 'Програми',
  mode_gap: 'Потреби й відповідь',
  colourBy: 'Колір громад',
  colourBy_sector: 'за сектором',
  colourBy_count: 'за кількістю програм',
  filters: 'Фільтри програм',
  organisation: 'Організація',
  donor: 'Донор',
  sector: 'Сектор',
  status: 'Статус (як записано)',
  periodFrom: 'Діє з року',
  periodTo: 'по рік',
  any: 'усі',
  anyTime: 'будь-коли',
  noneRecorded: 'не записано',
  unknownOrganisation: (id: number) => `організація №${id} (немає в даних)`,
  clearFilters: 'Скинути фільтри',
  summary: 'Підсумок',
  s_programmes: 'Програми',
  s_organisations: 'Організації',
  s_hromadas: 'Громади з програмами',
  s_people: 'Охоплено осіб',
  peopleUnknown: 'не повідомлено',
  peopleKnown: (k: number, n: number) => `за ${NUMBER.uk.format(k)} з ${NUMBER.uk.format(n)} місць роботи`,
  // Locative after a numeral: «в 1 області», «в 2 областях», «в 5 областях».
  inOblasts: (n: number) =>
    `в ${NUMBER.uk.format(n)} ${n % 10 === 1 && n % 100 !== 11 ? 'області' : 'областях'}`,
  noDonorCount: (n: number) => `без донора: ${ukCount.programmes(n)}`,
  bySector: 'За сектором',
  byOblast: 'За областю',
  col_hromadas: 'громад',
  col_programmes: 'програм',
  list: 'Програми',
  donorNone: 'не вказано',
  sites: 'Громади',
  sitesActive: 'Громади (у вибраний період)',
  showAllSites: (n: number) => `Показати всі ${NUMBER.uk.format(n)}`,
  showFewerSites: 'Згорнути',
  moreSites: (n: number) => `і ще ${NUMBER.uk.format(n)} — у профілі програми через API`,
  moreProgrammes: 'Показати ще',
  shownOf: (shown: number, total: number) => `${NUMBER.uk.format(shown)} з ${NUMBER.uk.format(total)}`,
  budget: 'Бюджет',
  description: 'Опис',
  source: 'Джерело',
  sourceNone: 'набір даних не вказано',
  since: (start: string) => `з ${start}`,
  selectSite: (name: string) => `Обрати громаду ${name}`,
  emptyFiltered: 'Жодна записана програма не відповідає цим фільтрам.',
  emptyAll: 'Програм ще не записано.',
  highNeed: 'Великі потреби, немає програми',
  highNeedNote: (date: string, sector: string | null) =>
    `Громади з найвищим індексом потреб, де на ${date} не діє жодна записана програма${sector ? ` сектору «${sector}»` : ''}.`,
  needs: 'потреби',
  confidence: 'довіра',
  highNeedNone: 'Немає громад з оцінкою потреб без програми.',
  includeOccupied: 'Разом з окупованими громадами',
  occupiedNote: (date: string) =>
    `Громади, окуповані більш ніж наполовину (DeepState, ${date}), не показано: працювати там неможливо.`,
  occupiedShare: (pct: string) => `окуповано ${pct}`,
  markers: (n: number) =>
    `Кружками позначено ${ukCount.hromadas(n)} з програмами, щоб їх було видно в масштабі країни.`,
  markersGap: (n: number) => `Кружками позначено ${ukCount.hromadas(n)}, де діє програма.`,
  programmesTitle: 'Громади з програмами',
  programmesSubtitle: 'за фільтрами; решта громад — сірі',
  noProgramme: 'програм не записано',
  severalSectors: 'кілька секторів',
  otherSectors: 'інші сектори',
  count_1: '1 програма',
  count_2: '2 програми',
  count_3: '3 і більше програм',
  gapTitle: 'Розрив: потреби × (1 − покриття)',
  gapSubtitle: (date: string) => `на ${date}; покриття — присутність програми; 0–10, вище = більша прогалина`,
  covered: 'діє програма (розрив 0)',
  noNeeds: 'немає оцінки потреб',
  gapFaded: (pct: string) => `блідо — оцінка потреб ненадійна (довіра < ${pct} або немає даних з 2014 р.)`,
  gapIgnores:
    'Організація, донор і статус розрив не змінюють: прогалина лишається прогалиною, хто б її не заповнив. Сектор і період — змінюють.',
  noneActive: (date: string) =>
    `На ${date} жодна записана програма не діє, тож розрив дорівнює потребам у кожній громаді.`,
  sources: 'Звідки дані',
  src_programmes: 'Програми',
  src_needs: (name: string, version: string) => `${name}, версія ${version}`,
  src_missing: (k: number, n: number) =>
    `${NUMBER.uk.format(k)} з ${NUMBER.uk.format(n)} вхідних показників (оцінювання в громадах) ще без даних, тож довіра до оцінок низька.`,
  src_method: 'Метод',
  src_gap: 'Розрив = потреби × (1 − покриття); покриття — присутність програми, що діє на дату.',
  src_boundaries: 'Межі громад',
  src_occupied: 'Окуповані території',
  tip_programmes: 'Програми',
  tip_gap: 'Розрив у покритті',
  tip_needs: 'Потреби',
  tip_covered: 'діє програма',
  tip_noneActive: 'жодна програма не діє',
  loading: 'Завантажую програми…',
  loadingGap: 'Завантажую потреби й покриття…',
  errorProgrammes: 'Програми не завантажилися',
  errorGap: 'Потреби й покриття не завантажилися',
};

export type CoverageMessages = typeof uk;

const en: CoverageMessages = {
  count: enCount,
  title: 'Programme coverage',
  recorded: (programmes, organisations) =>
    `The atlas records ${enCount.programmes(programmes)} by ${enCount.organisations(organisations)}.`,
  recordedWhy:
    'There is almost no open data on who works where: only programmes recorded in the atlas are shown. Organisations will be able to add theirs.',
  basis:
    "Coverage here is a programme's presence in a hromada, not the share of people in need it reaches: the number of people in need is not in the open data.",
  basisShort: "Coverage is a programme's presence in a hromada.",
  whyLittle: 'Why so little data, and what does coverage mean?',
  mode: 'The map shows',
  mode_programmes: 'Programmes',
  mode_gap: 'Need vs response',
  colourBy: 'Colour hromadas by',
  colourBy_sector: 'sector',
  colourBy_count: 'number of programmes',
  filters: 'Programme filters',
  organisation: 'Organisation',
  donor: 'Donor',
  sector: 'Sector',
  status: 'Status (as recorded)',
  periodFrom: 'Active from year',
  periodTo: 'to year',
  any: 'all',
  anyTime: 'any time',
  noneRecorded: 'none recorded',
  unknownOrganisation: (id) => `organisation #${id} (not in the data)`,
  clearFilters: 'Clear filters',
  summary: 'Summary',
  s_programmes: 'Programmes',
  s_organisations: 'Organisations',
  s_hromadas: 'Hromadas with programmes',
  s_people: 'People reached',
  peopleUnknown: 'not reported',
  peopleKnown: (k, n) => `from ${NUMBER.en.format(k)} of ${NUMBER.en.format(n)} sites`,
  inOblasts: (n) => `in ${enCount.oblasts(n)}`,
  noDonorCount: (n) => `no donor named: ${enCount.programmes(n)}`,
  bySector: 'By sector',
  byOblast: 'By oblast',
  col_hromadas: 'hromadas',
  col_programmes: 'programmes',
  list: 'Programmes',
  donorNone: 'not named',
  sites: 'Hromadas',
  sitesActive: 'Hromadas (in the chosen period)',
  showAllSites: (n) => `Show all ${NUMBER.en.format(n)}`,
  showFewerSites: 'Show fewer',
  moreSites: (n) => `and ${NUMBER.en.format(n)} more (GET /api/programmes/{code} lists them all)`,
  moreProgrammes: 'Show more',
  shownOf: (shown, total) => `${NUMBER.en.format(shown)} of ${NUMBER.en.format(total)}`,
  budget: 'Budget',
  description: 'Description',
  source: 'Source',
  sourceNone: 'no source dataset given',
  since: (start) => `since ${start}`,
  selectSite: (name) => `Select hromada ${name}`,
  emptyFiltered: 'No recorded programme matches these filters.',
  emptyAll: 'No programmes are recorded yet.',
  highNeed: 'High need, no programme',
  highNeedNote: (date, sector) =>
    `Hromadas with the highest needs index where no recorded${sector ? ` ${sector}` : ''} programme is active on ${date}.`,
  needs: 'needs',
  confidence: 'confidence',
  highNeedNone: 'No hromada with a needs score is without a programme.',
  includeOccupied: 'Include occupied hromadas',
  occupiedNote: (date) =>
    `Hromadas more than half under occupation (DeepState, ${date}) are left out: no programme can work there.`,
  occupiedShare: (pct) => `${pct} occupied`,
  markers: (n) =>
    `Dots mark ${n === 1 ? 'the one hromada' : `the ${enCount.hromadas(n)}`} with programmes, so that they show at country scale.`,
  markersGap: (n) => `Dots mark ${enCount.hromadas(n)} where a programme is active.`,
  programmesTitle: 'Hromadas with programmes',
  programmesSubtitle: 'matching the filters; other hromadas grey',
  noProgramme: 'no programme recorded',
  severalSectors: 'several sectors',
  otherSectors: 'other sectors',
  count_1: '1 programme',
  count_2: '2 programmes',
  count_3: '3 or more programmes',
  gapTitle: 'Gap: needs × (1 − coverage)',
  gapSubtitle: (date) => `on ${date}; coverage = a programme's presence; 0–10, higher = larger gap`,
  covered: 'programme active (gap 0)',
  noNeeds: 'no needs score',
  gapFaded: (pct) => `faded — needs score unreliable (confidence < ${pct} or no data since 2014)`,
  gapIgnores:
    'Organisation, donor and status do not change the gap: a gap is a gap whoever fills it. Sector and period do.',
  noneActive: (date) =>
    `No recorded programme is active on ${date}, so the gap equals the needs in every hromada.`,
  sources: 'Where the data comes from',
  src_programmes: 'Programmes',
  src_needs: (name, version) => `${name}, version ${version}`,
  src_missing: (k, n) =>
    `${NUMBER.en.format(k)} of ${NUMBER.en.format(n)} inputs (community assessments) have no data yet, so confidence in the scores is low.`,
  src_method: 'Method',
  src_gap: 'Gap = needs × (1 − coverage); coverage = presence of a programme active on the date.',
  src_boundaries: 'Hromada boundaries',
  src_occupied: 'Occupied areas',
  tip_programmes: 'Programmes',
  tip_gap: 'Coverage gap',
  tip_needs: 'Needs',
  tip_covered: 'programme active',
  tip_noneActive: 'no programme active',
  loading: 'Loading programmes…',
  loadingGap: 'Loading needs and coverage…',
  errorProgrammes: 'The programmes did not load',
  errorGap: 'Needs and coverage did not load',
};

export const COVERAGE_MESSAGES: Record<Lang, CoverageMessages> = { uk, en };

/**
 * Sector names as the data writes them (English, free text) in the interface language; a sector not listed
 * here is shown as written. The filter always sends the data's own name.
 */
const SECTOR_NAMES: Record<string, string> = {
  'veteran reintegration': 'Реінтеграція ветеранів',
  education: 'Освіта',
  health: 'Охорона здоров’я',
  protection: 'Захист',
  shelter: 'Житло',
  'food security': 'Продовольча безпека',
  livelihoods: 'Засоби до існування',
  wash: 'Водопостачання, санітарія і гігієна',
  'social cohesion': 'Соціальна згуртованість',
  peacebuilding: 'Миробудування',
  'community security': 'Безпека громад',
  'idp integration': 'Інтеграція ВПО',
  'mental health and psychosocial support': 'Психічне здоров’я і психосоціальна підтримка',
  mhpss: 'Психічне здоров’я і психосоціальна підтримка',
};

export function sectorName(sector: string, lang: Lang): string {
  return lang === 'uk' ? (SECTOR_NAMES[sector.trim().toLowerCase()] ?? sector) : sector;
}

/** An organisation's name in the interface language (the data may have a Ukrainian name too). */
export function organisationName(o: { name: string; nameUk: string | null }, lang: Lang): string {
  return lang === 'uk' ? (o.nameUk ?? o.name) : o.name;
}

/**
 * A programme's or site's period: whole years as years ("2016–2019", "з 2016"), other dates as dates, since
 * a bare year in the source is stored as 1 January – 31 December.
 */
export function periodText(start: string, end: string | null, lang: Lang): string {
  const wholeStart = start.endsWith('-01-01');
  const wholeEnd = end === null || end.endsWith('-12-31');
  const date = (d: string, first: boolean) =>
    (first ? wholeStart : wholeEnd) ? d.slice(0, 4) : formatPeriod(d, lang);
  if (end === null) return COVERAGE_MESSAGES[lang].since(date(start, true));
  const a = date(start, true);
  const b = date(end, false);
  return a === b ? a : `${a}–${b}`;
}

export { oblastWithLabel } from './place-names.ts';
