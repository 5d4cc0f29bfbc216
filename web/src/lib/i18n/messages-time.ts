// Time for the indices (issue #14 item 5), Ukrainian (the default) and English: the as-of date the index is
// scored at, the play button over the occupied-area snapshots, the change map between two dates and the
// profile's sparklines. Terms follow the background documents: тимчасово окуповані території, громада.

import type { IndexDateKind } from '../api/index.ts';
import { plural } from './plural.ts';
import type { Lang } from './messages.ts';

const uk = {
  asOfTitle: 'Станом на дату',
  asOfLabel: 'Індекс станом на',
  asOfNow: 'зараз (найновіші дані)',
  asOfStated: (date: string) => `Станом на ${date}`,
  asOfStatedNow: 'Станом на зараз (найновіші дані)',
  asOfHint: 'Дати, коли індекс змінюється: знімки окупованих територій, бюджетні роки, інші періоди даних.',
  kinds: {
    occupied_area: 'знімок окупованих територій',
    budget_year: 'бюджетний рік',
    indicator_period: 'період показника',
    assessment: 'оцінка громади',
  } satisfies Record<IndexDateKind, string>,
  play: 'Відтворити знімки окупованих територій',
  pause: 'Пауза',
  playStep: (i: number, n: number) => `Знімок ${i} з ${n}`,
  datesError: 'Не вдалося завантажити дати індексу',

  changeMode: 'Порівняти',
  modeRounds: 'між раундами оцінювання',
  modeDates: 'між датами (індекс)',
  dateChangeTitle: (index: string) => `Зміна: ${index}`,
  dateChangeSubtitle: (from: string, to: string) =>
    `від ${from} до ${to}; бали 0–10, місце — серед порівнянних`,
  dateChangeClasses: ['зменшився на ≥ 2', '−2 … −0,5', 'без змін (±0,5)', '+0,5 … +2', 'зріс на ≥ 2'],
  dateChangeNoData: 'немає оцінки на одну з дат',
  dateChangeFaded: 'низька достовірність на одну з дат (блідіше)',
  dateChangeCount: (changed: number, n: number) =>
    `${plural('uk', changed, { one: 'громада змінилася', few: 'громади змінилися', many: 'громад змінилися' })} більш ніж на 0,5 з ${n}`,
  dateChangeRank: (before: string, after: string, change: string) => `місце ${before} → ${after} (${change})`,
  dateChangeConfidence: (a: string, b: string) => `достовірність ${a} → ${b}`,
  unranked: 'без місця',
  needsIndex: 'Оберіть індекс на мапі, щоб порівняти дати.',

  sparkTitle: 'Динаміка за датами даних',
  sparkAlt: (name: string, first: string, last: string, from: string, to: string) =>
    `${name}: ${first} (${from}) → ${last} (${to})`,
  sparkNone: 'немає даних',
};

type TimeMessages = typeof uk;

const en: TimeMessages = {
  asOfTitle: 'As of date',
  asOfLabel: 'Index as of',
  asOfNow: 'now (newest data)',
  asOfStated: (date) => `As of ${date}`,
  asOfStatedNow: 'As of now (newest data)',
  asOfHint: 'Dates the index changes: occupied-area snapshots, budget years, other data periods.',
  kinds: {
    occupied_area: 'occupied-area snapshot',
    budget_year: 'budget year',
    indicator_period: 'indicator period',
    assessment: 'community assessment',
  },
  play: 'Play the occupied-area snapshots',
  pause: 'Pause',
  playStep: (i, n) => `Snapshot ${i} of ${n}`,
  datesError: "Could not load the index's dates",

  changeMode: 'Compare',
  modeRounds: 'between assessment rounds',
  modeDates: 'between dates (index)',
  dateChangeTitle: (index) => `Change: ${index}`,
  dateChangeSubtitle: (from, to) => `from ${from} to ${to}; points 0–10, rank among comparable units`,
  dateChangeClasses: ['fell by ≥ 2', '−2 … −0.5', 'no change (±0.5)', '+0.5 … +2', 'rose by ≥ 2'],
  dateChangeNoData: 'no score at one of the dates',
  dateChangeFaded: 'low confidence at one of the dates (paler)',
  dateChangeCount: (changed, n) =>
    `${plural('en', changed, { one: 'hromada changed', many: 'hromadas changed' })} by more than 0.5 of ${n}`,
  dateChangeRank: (before, after, change) => `rank ${before} → ${after} (${change})`,
  dateChangeConfidence: (a, b) => `confidence ${a} → ${b}`,
  unranked: 'unranked',
  needsIndex: 'Show an index on the map to compare dates.',

  sparkTitle: 'Trend over the data dates',
  sparkAlt: (name, first, last, from, to) => `${name}: ${first} (${from}) → ${last} (${to})`,
  sparkNone: 'no data',
};

export const TIME_MESSAGES: Record<Lang, TimeMessages> = { uk, en };
