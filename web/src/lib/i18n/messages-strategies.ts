// The safety strategies' text (issue #13, section 6), Ukrainian (the default) and English. The terms follow
// the background text (ІМіП, «Відновні практики в громадах»): «аналіз безпекових ризиків та потенціалу громад»,
// «безпекові стратегії», «затверджені як локальні програми місцевими радами».

import type { StrategyStage } from '../api/strategies.ts';
import { plural } from './plural.ts';
import type { Lang } from './messages.ts';

const uk = {
  mode: 'Безпекові стратегії',
  title: 'Безпекові стратегії громад',
  layerTitle: 'Етап безпекової стратегії',
  stage: {
    risk_analysis: 'Проаналізовано безпекові ризики й потенціал',
    drafted: 'Безпекову стратегію розроблено',
    adopted: 'Затверджено радою як місцеву програму',
    monitoring: 'Моніторинг виконання',
  } satisfies Record<StrategyStage, string>,
  /** Short stage names, for the compact key on a phone. */
  stageShort: {
    risk_analysis: 'Аналіз ризиків',
    drafted: 'Стратегію розроблено',
    adopted: 'Затверджено радою',
    monitoring: 'Моніторинг',
  } satisfies Record<StrategyStage, string>,
  // No verb agreement with the number: «Проаналізували …: 1 громада» reads right for every number.
  counts: (analysed: number, adopted: number) =>
    `Проаналізували безпекові ризики й потенціал: ${plural('uk', analysed, { one: 'громада', few: 'громади', many: 'громад' })}. ` +
    `Затверджено радами як місцеві програми: ${plural('uk', adopted, { one: 'стратегія', few: 'стратегії', many: 'стратегій' })}.`,
  countsIn: (oblast: string) => `У тому числі ${oblast}:`,
  honest:
    'Лише те, що організації записали в атлас: відкритого реєстру безпекових стратегій громад немає. Громада без запису — невідомо, а не «немає стратегії».',
  none: 'Не записано',
  otherStage: 'Інший етап або не записано',
  layerSubtitle: 'Найдальший етап кожної громади за записами організацій',
  tip: 'Безпекова стратегія',
  filter: 'Етап',
  anyStage: 'усі етапи',
  exportTitle: 'Завантажити таблицю',
  exportCsv: 'CSV (HXL)',
  exportXlsx: 'Excel (XLSX)',
  exportNote: (n: string) => `З поточним фільтром етапу${n ? ` і областю ${n}` : ''}.`,
  source: 'Записи організацій в атласі (етапи безпекових стратегій)',
  loading: 'Завантаження стратегій…',
  error: 'Не вдалося завантажити безпекові стратегії',
  // The editor for the selected community.
  editTitle: 'Стратегія обраної громади',
  selectHint: 'Оберіть громаду на карті, щоб побачити або записати етап її безпекової стратегії.',
  signInHint: 'Увійдіть як редактор організації, щоб записати етап стратегії.',
  noRecords: 'Для цієї громади етапів не записано.',
  by: (org: string) => `Супровід: ${org}`,
  changed: (who: string, when: string) => `Змінено: ${who}, ${when}`,
  decision: (n: string, date: string) => `Рішення ради № ${n} від ${date}`,
  decisionLink: 'текст рішення',
  nextReview: (date: string) => `Наступний перегляд: ${date}`,
  add: 'Записати етап',
  edit: 'Змінити',
  advance: 'Наступний етап',
  remove: 'Видалити запис',
  removeConfirm: 'Видалити цей запис? Він залишиться в журналі змін.',
  organisation: 'Організація',
  stageField: 'Етап',
  stageForwardOnly: 'Етапи йдуть лише вперед; помилковий запис видаліть і запишіть знову.',
  riskAnalysisOn: 'Дата аналізу ризиків',
  draftedOn: 'Дата розроблення стратегії',
  adoptedOn: 'Дата рішення ради',
  decisionNumber: 'Номер рішення ради',
  decisionUrl: 'Посилання на рішення (http/https)',
  nextReviewOn: 'Дата наступного перегляду',
  notes: 'Примітки',
  save: 'Зберегти',
  cancel: 'Скасувати',
  saving: 'Збереження…',
  saved: 'Збережено.',
  required: "обов'язково",
  requiredFor: {
    adoptedOn: 'Затверджена стратегія — це рішення ради: вкажіть його дату.',
    decisionNumber: 'Вкажіть номер рішення ради.',
    nextReviewOn: 'Для моніторингу вкажіть дату наступного перегляду.',
  },
};

type Messages = typeof uk;

const en: Messages = {
  mode: 'Safety strategies',
  title: "Communities' safety strategies",
  layerTitle: 'Safety strategy stage',
  stage: {
    risk_analysis: 'Security risks and potential analysed',
    drafted: 'Safety strategy drafted',
    adopted: 'Adopted by the council as a local programme',
    monitoring: 'In monitoring',
  },
  stageShort: {
    risk_analysis: 'Risk analysis',
    drafted: 'Drafted',
    adopted: 'Adopted by council',
    monitoring: 'Monitoring',
  },
  counts: (analysed, adopted) =>
    `${plural('en', analysed, { one: 'community', many: 'communities' })} analysed their security risks and potential; ` +
    `${plural('en', adopted, { one: 'strategy', many: 'strategies' })} adopted by councils as local programmes.`,
  countsIn: (oblast) => `Of which in ${oblast}:`,
  honest:
    "Only what organisations recorded in the atlas: there is no open register of communities' safety strategies. A community without a record is unknown, not “no strategy”.",
  none: 'Not recorded',
  otherStage: 'Another stage or not recorded',
  layerSubtitle: "Each community's furthest stage, as organisations recorded it",
  tip: 'Safety strategy',
  filter: 'Stage',
  anyStage: 'all stages',
  exportTitle: 'Download the table',
  exportCsv: 'CSV (HXL)',
  exportXlsx: 'Excel (XLSX)',
  exportNote: (n) => `With the current stage filter${n ? ` and oblast ${n}` : ''}.`,
  source: 'Records of organisations in the atlas (safety strategy stages)',
  loading: 'Loading strategies…',
  error: 'Could not load the safety strategies',
  editTitle: "The selected community's strategy",
  selectHint: 'Select a community on the map to see or record the stage of its safety strategy.',
  signInHint: "Sign in as an organisation's editor to record a strategy's stage.",
  noRecords: 'No stage recorded for this community.',
  by: (org) => `Accompanied by ${org}`,
  changed: (who, when) => `Changed by ${who}, ${when}`,
  decision: (n, date) => `Council decision No. ${n} of ${date}`,
  decisionLink: 'the decision',
  nextReview: (date) => `Next review: ${date}`,
  add: 'Record a stage',
  edit: 'Edit',
  advance: 'Next stage',
  remove: 'Delete the record',
  removeConfirm: 'Delete this record? It stays in the audit trail.',
  organisation: 'Organisation',
  stageField: 'Stage',
  stageForwardOnly: 'Stages only move forward; delete a mistaken record and enter it again.',
  riskAnalysisOn: 'Risk analysis date',
  draftedOn: 'Strategy drafted on',
  adoptedOn: 'Council decision date',
  decisionNumber: 'Council decision number',
  decisionUrl: 'Link to the decision (http/https)',
  nextReviewOn: 'Next review date',
  notes: 'Notes',
  save: 'Save',
  cancel: 'Cancel',
  saving: 'Saving…',
  saved: 'Saved.',
  required: 'required',
  requiredFor: {
    adoptedOn: "An adopted strategy is a council decision: give the decision's date.",
    decisionNumber: "Give the number of the council's decision.",
    nextReviewOn: 'In monitoring, give the date of the next review.',
  },
};

export const STRATEGY_MESSAGES: Record<Lang, Messages> = { uk, en };
