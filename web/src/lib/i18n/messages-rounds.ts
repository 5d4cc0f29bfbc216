// Rounds and monitoring (issue #13, section 5), Ukrainian (the default) and English: the profile's trend of each
// component across assessment rounds, the change map between two rounds and who assessed which community when.
// Terms follow the background documents: оцінка безпеки громади, громада, моніторинг; a round is «раунд оцінювання».

import { plural } from './plural.ts';
import type { Lang } from './messages.ts';

const NUMBER = { uk: new Intl.NumberFormat('uk-UA'), en: new Intl.NumberFormat('en-GB') };

const uk = {
  trendsTitle: 'Динаміка за раундами оцінювання',
  trendsNote:
    'Точка — оцінка раунду (0–10), вуса — 95 % довірчий інтервал (бутстреп за респондентами). Оцінки, внесені вручну, інтервалу не мають.',
  latest: 'Останній раунд',
  respondents: (n: number) => `n\u00a0=\u00a0${n}`,
  noInterval: 'без інтервалу',
  insufficient: 'недостатньо відповідей',
  insufficientShort: 'недост.',
  trendTable: 'Раунди в таблиці',
  colDate: 'Дата',
  colScore: 'Оцінка',
  colInterval: '95 % інтервал',
  colRespondents: 'Респондентів',
  colOrganisation: 'Хто оцінював',
  enteredByHand: 'внесено вручну',
  trendAlt: (name: string, rounds: number, first: string, last: string) =>
    `${name}: ${plural('uk', rounds, { one: 'раунд', few: 'раунди', many: 'раундів' })}, від ${first} до ${last}`,
  rounds: (n: number) => plural('uk', n, { one: 'раунд', few: 'раунди', many: 'раундів' }),

  changeTitle: 'Зміна між раундами оцінювання',
  changeComponent: 'Компонент',
  changeOff: 'не показувати',
  changeReplaces: 'Поки компонент вибрано, карта показує зміну замість показника вище.',
  changeFrom: 'Раунд А — останній на дату',
  changeTo: 'Раунд Б — останній на дату',
  changeOrder: 'Дата Б має бути пізнішою за дату А.',
  changeCount: (n: number, marked: number) =>
    `Громад із двома раундами: ${NUMBER.uk.format(n)}; змін, інтервал яких не містить нуля: ${NUMBER.uk.format(marked)}.`,
  noTwoRounds:
    'Немає двох раундів: жодна громада не має двох різних раундів цього компонента до цих дат. Оцінки з’являються, коли організації імпортують раунди.',
  changeLegendTitle: (component: string) => `Зміна: ${component}`,
  changeSubtitle: (from: string, to: string) => `Раунд до ${from} → раунд до ${to}; шкала 0–10`,
  changeClasses: [
    'спад на 2 і більше',
    'спад на 0,5–2',
    'майже без змін (±0,5)',
    'зростання на 0,5–2',
    'зростання на 2 і більше',
  ],
  noTwoRoundsLegend: 'немає двох раундів',
  markedLabel: 'Зміна, 95 % інтервал якої не містить нуля',
  markedNote:
    'Без обведення — інтервал містить нуль або в раунді його немає (замало відповідей, внесено вручну). Інтервал різниці: Altman & Bland 2003. Без поправки на множинні порівняння: приблизно кожна двадцята громада без змін буде позначена випадково.',
  noChange: 'немає двох раундів',
  withoutInterval: 'без інтервалу',
  marked: 'інтервал не містить нуля',
  changeError: 'Зміни між раундами не завантажилися',
  loading: 'Завантаження…',

  assessedTitle: 'Хто й коли оцінював громади',
  assessedCount: (n: number) => `Оцінено громад: ${NUMBER.uk.format(n)}`,
  assessedRounds: (rounds: number, organisations: number) =>
    `раундів: ${NUMBER.uk.format(rounds)}, організацій: ${NUMBER.uk.format(organisations)}`,
  assessedNone:
    'Жодну громаду ще не оцінено: оцінки з’являються, коли організації вносять їх або імпортують раунди польового оцінювання. Атлас їх не вигадує.',
  assessedShow: 'Обвести оцінені громади на карті',
  assessedLatest: 'останній',
  importedFromFile: 'імпорт із файлу',
  assessedError: 'Список оцінених громад не завантажився',
  assessedOutline: 'Обведено: громади, що мають оцінку',
};

type RoundsMessages = typeof uk;

const en: RoundsMessages = {
  trendsTitle: 'Trend across assessment rounds',
  trendsNote:
    'A point is the round’s score (0–10), the whiskers its 95 % interval (bootstrap over respondents). Scores entered by hand have no interval.',
  latest: 'Latest round',
  respondents: (n) => `n\u00a0=\u00a0${n}`,
  noInterval: 'no interval',
  insufficient: 'too few respondents',
  insufficientShort: 'too few',
  trendTable: 'Rounds as a table',
  colDate: 'Date',
  colScore: 'Score',
  colInterval: '95 % interval',
  colRespondents: 'Respondents',
  colOrganisation: 'Assessed by',
  enteredByHand: 'entered by hand',
  trendAlt: (name, rounds, first, last) =>
    `${name}: ${plural('en', rounds, { one: 'round', many: 'rounds' })}, from ${first} to ${last}`,
  rounds: (n) => plural('en', n, { one: 'round', many: 'rounds' }),

  changeTitle: 'Change between assessment rounds',
  changeComponent: 'Component',
  changeOff: 'off',
  changeReplaces: 'While a component is chosen, the map shows the change instead of the measure above.',
  changeFrom: 'Round A — latest as of',
  changeTo: 'Round B — latest as of',
  changeOrder: 'Date B must be later than date A.',
  changeCount: (n, marked) =>
    `${NUMBER.en.format(n)} ${n === 1 ? 'community' : 'communities'} with two rounds; ${NUMBER.en.format(marked)} ${marked === 1 ? 'change' : 'changes'} whose interval excludes zero.`,
  noTwoRounds:
    'No two rounds: no community has two different rounds of this component by these dates. Assessments appear when organisations import their rounds.',
  changeLegendTitle: (component) => `Change: ${component}`,
  changeSubtitle: (from, to) => `Round by ${from} → round by ${to}; 0–10 scale`,
  changeClasses: [
    'fall of 2 or more',
    'fall of 0.5–2',
    'little change (±0.5)',
    'rise of 0.5–2',
    'rise of 2 or more',
  ],
  noTwoRoundsLegend: 'no two rounds',
  markedLabel: 'Change whose 95 % interval excludes zero',
  markedNote:
    'Not outlined: the interval includes zero, or a round has none (too few respondents, entered by hand). Interval of the difference: Altman & Bland 2003. No correction for multiple comparisons: about one in twenty unchanged communities is marked by chance.',
  noChange: 'no two rounds',
  withoutInterval: 'no interval',
  marked: 'interval excludes zero',
  changeError: 'The changes between rounds did not load',
  loading: 'Loading…',

  assessedTitle: 'Who assessed which community, when',
  assessedCount: (n) => `${NUMBER.en.format(n)} ${n === 1 ? 'community' : 'communities'} assessed`,
  assessedRounds: (rounds, organisations) =>
    `${NUMBER.en.format(rounds)} ${rounds === 1 ? 'round' : 'rounds'}, ${NUMBER.en.format(organisations)} ${organisations === 1 ? 'organisation' : 'organisations'}`,
  assessedNone:
    'No community has been assessed yet: assessments appear when organisations enter them or import their field rounds. The atlas does not invent any.',
  assessedShow: 'Outline the assessed communities on the map',
  assessedLatest: 'latest',
  importedFromFile: 'imported from a file',
  assessedError: 'The list of assessed communities did not load',
  assessedOutline: 'Outlined: communities with an assessment',
};

export const ROUNDS_MESSAGES: Record<Lang, RoundsMessages> = { uk, en };
