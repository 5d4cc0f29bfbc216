// Rounds and monitoring (issue #13, section 5), Ukrainian (the default) and English: the profile's trend of each
// component across assessment rounds, the change map between two rounds and who assessed which community when.
// Terms follow the background documents: оцінка безпеки громади, громада, моніторинг; a round is «раунд оцінювання».

import { plural } from './messages-coverage.ts';
import type { Lang } from './messages.ts';

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
};

export const ROUNDS_MESSAGES: Record<Lang, RoundsMessages> = { uk, en };
