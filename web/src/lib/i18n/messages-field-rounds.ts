// The field-rounds pane (issue #13, sections 3 and 7), Ukrainian (the default) and English. Terms follow the
// background texts: опитування, раунд оцінювання, громада, аналіз безпекових ризиків і потенціалу громади з
// безпеки; the reasons a row is rejected are the server's codes (assessment-submissions.schemas.ts) in words.

import type { components } from '../api/generated/schema';
import type { Lang } from './messages.ts';

/** The server's reason codes (a type only: this file is also read by the e2e test, outside the browser). */
type RejectionCode = components['schemas']['SubmissionImportResult']['rejected'][number]['code'];

export interface FieldRoundsMessages {
  open: string;
  title: string;
  intro: string;
  organisation: string;
  chooseFile: string;
  previewing: string;
  committing: string;
  committed: (rounds: number) => string;
  previewTitle: string;
  committedTitle: string;
  roundsWritten: string;
  summary: (
    read: number,
    accepted: number,
    rejected: number,
    duplicates: number,
    committed: boolean,
  ) => string;
  format_kobo: string;
  'format_odk-central': string;
  roundsToWrite: string;
  noRounds: string;
  hromada: string;
  date: string;
  respondents: string;
  action_create: string;
  action_update: string;
  action_none: string;
  insufficient: string;
  insufficientNote: (min: number) => string;
  interval: string;
  rejectedTitle: string;
  noRejected: string;
  row: string;
  field: string;
  reason: string;
  submission: string;
  reasons: Record<RejectionCode, string>;
  commit: string;
  nothingToCommit: string;
  cancel: string;
  roundsTitle: string;
  noRoundsYet: string;
  formVersion: string;
  assessment: string;
  upload: string;
  uploadsTitle: string;
  noUploads: string;
  file: string;
  when: string;
  by: string;
  accepted: string;
  rejected: string;
  superseded: string;
  showRejected: string;
  hideRejected: string;
  loading: string;
  more: string;
  back: string;
}

/** Below this many respondents a component is "insufficient" (the server's default: one definition). */
export { DEFAULT_MIN_RESPONDENTS } from '../../../../server/model/round-scores.ts';

const uk: FieldRoundsMessages = {
  open: 'Польові раунди',
  title: 'Польові раунди опитування',
  intro:
    'Експорт відповідей анкети з KoboToolbox (CSV або XLSX, з назвами питань чи з підписами) або з ODK Central (CSV). ' +
    'Спершу попередній перегляд: нічого не записується, доки ви не натиснете «Записати».',
  organisation: 'Організація',
  chooseFile: 'Файл експорту (.csv, .xlsx)',
  previewing: 'Читаю файл…',
  committing: 'Записую…',
  committed: (n) =>
    `Записано раундів: ${n}. Карта, профіль громади та індекс конфліктного потенціалу оновлені.`,
  previewTitle: 'Попередній перегляд',
  committedTitle: 'Записано',
  roundsWritten: 'Записані раунди',
  summary: (read, accepted, rejected, duplicates, committed) =>
    `Рядків: ${read}; ${committed ? 'імпортовано' : 'буде імпортовано'}: ${accepted}; відхилено: ${rejected}` +
    (duplicates > 0 ? `; уже імпортовані раніше (пропущено): ${duplicates}` : ''),
  format_kobo: 'KoboToolbox',
  'format_odk-central': 'ODK Central',
  roundsToWrite: 'Раунди, які буде записано',
  noRounds: 'Жодного раунду: у файлі немає нових прийнятих відповідей.',
  hromada: 'Громада',
  date: 'Дата раунду',
  respondents: 'Респондентів',
  action_create: 'нова оцінка',
  action_update: 'доповнює оцінку',
  action_none: 'замало відповідей',
  insufficient: 'недостатньо',
  insufficientNote: (min) =>
    `«Недостатньо»: менше ніж ${min} респондентів відповіли на питання складової — оцінку не обчислено.`,
  interval: '95 % інтервал',
  rejectedTitle: 'Відхилені рядки',
  noRejected: 'Жодного відхиленого рядка.',
  row: 'Рядок',
  field: 'Стовпець',
  reason: 'Причина',
  submission: 'Анкета',
  reasons: {
    no_id: 'немає ідентифікатора анкети',
    duplicate_in_file: 'ідентифікатор анкети повторюється у файлі',
    no_consent: 'респондент не дав згоди (відповіді не зберігаються)',
    consent_missing: 'немає відповіді про згоду',
    not_approved: 'анкету не схвалено в KoboToolbox',
    unknown_form_id: 'інша анкета (невідомий ідентифікатор форми)',
    unknown_form_version: 'невідома версія анкети',
    round_date: 'немає або неправильна дата раунду',
    hromada_missing: 'не вказано громаду',
    unknown_respondent_group: 'невідома група респондента',
    out_of_range_answer: 'відповідь поза шкалою',
    unknown_hromada: 'невідома громада',
    round_of_other_organisation: 'громада вже має оцінку іншої організації на цю дату',
    malformed_row: 'рядок файлу пошкоджено',
    other: 'інша причина',
  },
  commit: 'Записати',
  nothingToCommit: 'Немає що записувати: жодної нової прийнятої відповіді.',
  cancel: 'Скасувати',
  roundsTitle: 'Раунди організації',
  noRoundsYet: 'Ще жодного раунду: 0 громад оцінено.',
  formVersion: 'Версія анкети',
  assessment: 'Оцінка',
  upload: 'Завантаження',
  uploadsTitle: 'Завантаження',
  noUploads: 'Ще жодного завантаження.',
  file: 'Файл',
  when: 'Коли',
  by: 'Хто',
  accepted: 'Прийнято',
  rejected: 'Відхилено',
  superseded: 'завантажено повторно',
  showRejected: 'Відхилені рядки',
  hideRejected: 'Сховати',
  loading: 'Завантажую…',
  more: 'Ще',
  back: '← Назад',
};

const en: FieldRoundsMessages = {
  open: 'Field rounds',
  title: 'Field survey rounds',
  intro:
    'A submission export of the questionnaire from KoboToolbox (CSV or XLSX, with XML names or labels) or ODK Central (CSV). ' +
    'First a preview: nothing is written until you press "Commit".',
  organisation: 'Organisation',
  chooseFile: 'Export file (.csv, .xlsx)',
  previewing: 'Reading the file…',
  committing: 'Committing…',
  committed: (n) => `Rounds written: ${n}. The map, the hromada's profile and the CPI are updated.`,
  previewTitle: 'Preview',
  committedTitle: 'Committed',
  roundsWritten: 'Rounds written',
  summary: (read, accepted, rejected, duplicates, committed) =>
    `Rows: ${read}; ${committed ? 'imported' : 'to import'}: ${accepted}; rejected: ${rejected}` +
    (duplicates > 0 ? `; imported before (skipped): ${duplicates}` : ''),
  format_kobo: 'KoboToolbox',
  'format_odk-central': 'ODK Central',
  roundsToWrite: 'Rounds to be written',
  noRounds: 'No round: the file has no new accepted submissions.',
  hromada: 'Hromada',
  date: 'Round date',
  respondents: 'Respondents',
  action_create: 'new assessment',
  action_update: 'adds to the assessment',
  action_none: 'too few answers',
  insufficient: 'insufficient',
  insufficientNote: (min) =>
    `"Insufficient": fewer than ${min} respondents answered the component's statements, so no score is computed.`,
  interval: '95 % interval',
  rejectedTitle: 'Rejected rows',
  noRejected: 'No rejected rows.',
  row: 'Row',
  field: 'Column',
  reason: 'Reason',
  submission: 'Submission',
  reasons: {
    no_id: 'no submission id',
    duplicate_in_file: 'the submission id appears twice in the file',
    no_consent: 'the respondent did not consent (no answers are kept)',
    consent_missing: 'consent not answered',
    not_approved: 'not approved in KoboToolbox',
    unknown_form_id: 'another form (unknown form id)',
    unknown_form_version: 'unknown form version',
    round_date: 'round date missing or invalid',
    hromada_missing: 'no hromada given',
    unknown_respondent_group: 'unknown respondent group',
    out_of_range_answer: 'answer outside the scale',
    unknown_hromada: 'unknown hromada',
    round_of_other_organisation: 'the hromada already has another organisation’s assessment on that date',
    malformed_row: 'the file’s row is broken',
    other: 'another reason',
  },
  commit: 'Commit',
  nothingToCommit: 'Nothing to commit: no new accepted submission.',
  cancel: 'Cancel',
  roundsTitle: "The organisation's rounds",
  noRoundsYet: 'No round yet: 0 communities assessed.',
  formVersion: 'Form version',
  assessment: 'Assessment',
  upload: 'Upload',
  uploadsTitle: 'Uploads',
  noUploads: 'No upload yet.',
  file: 'File',
  when: 'When',
  by: 'By',
  accepted: 'Accepted',
  rejected: 'Rejected',
  superseded: 'uploaded again',
  showRejected: 'Rejected rows',
  hideRejected: 'Hide',
  loading: 'Loading…',
  more: 'More',
  back: '← Back',
};

export const FIELD_ROUNDS_MESSAGES: Record<Lang, FieldRoundsMessages> = { uk, en };
