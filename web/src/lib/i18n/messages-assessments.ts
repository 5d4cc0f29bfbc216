// The list of a community's assessments in the editing area, correcting and deleting one (issue #13 §7), in
// Ukrainian (the default) and English; and the server's refusals worded in the UI language. Terms follow the
// background texts (shared/background): оцінка безпеки громади, організація.

import type { Lang } from './messages.ts';
import { plural } from './plural.ts';

const uk = {
  listTitle: 'Оцінки цієї громади',
  listEmpty: 'Оцінок ще немає.',
  listLoading: 'Завантажую оцінки…',
  listFailed: 'Не вдалося завантажити оцінки громади.',
  by: (organisation: string | null) => organisation ?? 'з файлу імпорту',
  components: (n: number) => plural('uk', n, { one: 'компонент', few: 'компоненти', many: 'компонентів' }),
  edit: 'Змінити',
  delete: 'Видалити',
  editing: (date: string) => `Зміна оцінки від ${date}`,
  newAssessment: 'Нова оцінка',
  confirmDelete: (date: string) => `Видалити оцінку від ${date}? Моделі перестануть її враховувати.`,
  confirmYes: 'Так, видалити',
  confirmNo: 'Скасувати',
  deleted: 'Оцінку видалено.',
  readOnly: 'Змінювати можуть редактори організації, що її внесла.',
  // The server's refusals, by status (what it says in English is kept for the field it names).
  forbidden: 'Ви можете змінювати лише оцінки своєї організації.',
  notFound: 'Цієї оцінки вже немає: її могли видалити. Список оновлено.',
  conflict: 'Громада вже має оцінку на цю дату: змініть ту оцінку або оберіть іншу дату.',
  invalid: 'Перевірте позначені поля.',
  signedOut: 'Сеанс завершився: увійдіть знову.',
  unavailable: 'Сервер зараз недоступний. Спробуйте ще раз за хвилину.',
  network: 'Немає зв’язку із сервером.',
  failed: (status: number) => `Не вдалося зберегти (помилка ${status}).`,
  fieldDate: 'Вкажіть дату оцінки (не пізніше сьогодні).',
  fieldScore: 'Оцінка — число від 0 до 10.',
  fieldScores: 'Оцініть хоча б один компонент.',
  fieldOrganisation: 'Оберіть свою організацію.',
  fieldText: 'Текст задовгий або містить недопустимі символи.',
};

type AssessmentMessages = typeof uk;

const en: AssessmentMessages = {
  listTitle: "This community's assessments",
  listEmpty: 'No assessments yet.',
  listLoading: 'Loading the assessments…',
  listFailed: "Could not load the community's assessments.",
  by: (organisation: string | null) => organisation ?? 'from an import file',
  components: (n: number) => plural('en', n, { one: 'component', many: 'components' }),
  edit: 'Edit',
  delete: 'Delete',
  editing: (date: string) => `Correcting the assessment of ${date}`,
  newAssessment: 'New assessment',
  confirmDelete: (date: string) => `Delete the assessment of ${date}? The models will stop using it.`,
  confirmYes: 'Yes, delete',
  confirmNo: 'Cancel',
  deleted: 'Assessment deleted.',
  readOnly: 'Editors of the organisation that entered it can change it.',
  forbidden: "You can change only your organisation's assessments.",
  notFound: 'This assessment is gone: it may have been deleted. The list is up to date again.',
  conflict: 'The community already has an assessment on that date: correct that one or choose another date.',
  invalid: 'Check the marked fields.',
  signedOut: 'Your session has ended: sign in again.',
  unavailable: 'The server is not available now. Try again in a minute.',
  network: 'No connection to the server.',
  failed: (status: number) => `Could not save (error ${status}).`,
  fieldDate: 'Give the date of the assessment (not later than today).',
  fieldScore: 'A score is a number from 0 to 10.',
  fieldScores: 'Score at least one component.',
  fieldOrganisation: 'Choose your organisation.',
  fieldText: 'The text is too long or has characters that are not allowed.',
};

export const ASSESSMENT_MESSAGES: Record<Lang, AssessmentMessages> = { uk, en };

/** What the form shows for a refused write: one line, and per field, in the UI language. */
export interface WordedProblem {
  message: string;
  fields: Record<string, string>;
}

/**
 * A refusal of the assessments API in `lang`. The server names what is wrong in English
 * (server/features/assessments); the form says it in the user's language by status and by the field named.
 */
export function wordProblem(
  problem: { status: number; code: string; fields: Record<string, string> },
  lang: Lang,
): WordedProblem {
  const m = ASSESSMENT_MESSAGES[lang];
  const fields: Record<string, string> = {};
  const keys = Object.keys(problem.fields);
  // fieldErrors keys "scores.x" under "scores" too: then the one score is wrong, not the whole set.
  const oneScore = keys.some((k) => k.startsWith('scores.'));
  for (const key of keys) {
    if (key === 'assessedOn') fields[key] = m.fieldDate;
    else if (key === 'scores') {
      if (!oneScore) fields[key] = m.fieldScores;
    } else if (key.startsWith('scores.')) fields[key] = m.fieldScore;
    else if (key === 'organisationId') fields[key] = m.fieldOrganisation;
    else if (key === 'assessor' || key === 'notes') fields[key] = m.fieldText;
  }
  let message: string;
  if (problem.status === 0) message = m.network;
  else if (problem.status === 401) message = m.signedOut;
  else if (problem.status === 403) message = m.forbidden;
  else if (problem.status === 404) message = m.notFound;
  else if (problem.status === 409) message = m.conflict;
  else if (problem.status === 400 || problem.status === 422) message = m.invalid;
  else if (problem.status >= 500) message = m.unavailable;
  else message = m.failed(problem.status);
  return { message, fields };
}
