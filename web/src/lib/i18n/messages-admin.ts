// The admin screens (issue #13 §7): users and organisations, Ukrainian (the default) and English; and the
// server's refusals worded in the UI language. Terms follow docs/accounts.md and the background texts
// (shared/background): організація, користувач, редактор.

import type { AdminAction, AdminNotice } from '../state/admin/admin.svelte.ts';
import type { Lang } from './messages.ts';
import { plural } from './plural.ts';

const uk = {
  menu: 'Меню облікового запису',
  administration: 'Адміністрування',
  signOut: 'Вийти',
  title: 'Адміністрування',
  close: 'Закрити',
  tabUsers: 'Користувачі',
  tabOrganisations: 'Організації',
  loading: 'Завантажую…',
  loadFailed: 'Не вдалося завантажити користувачів і організації.',
  newUser: 'Новий користувач',
  newOrganisation: 'Нова організація',
  edit: 'Змінити',
  delete: 'Видалити',
  save: 'Зберегти',
  create: 'Створити',
  saving: 'Зберігаю…',
  cancel: 'Скасувати',
  email: 'Електронна пошта',
  name: 'Ім’я',
  role: 'Роль',
  organisations: 'Організації редактора',
  noOrganisations: 'Ще немає жодної організації: створіть її на вкладці «Організації».',
  active: 'Активний (може входити)',
  inactive: 'вимкнено',
  password: 'Пароль (щонайменше 12 символів)',
  newPassword: 'Новий пароль (порожньо — не змінювати)',
  userTitleNew: 'Новий користувач',
  userTitleEdit: (name: string) => `Користувач: ${name}`,
  organisationName: 'Назва (як у файлах 5W)',
  organisationNameUk: 'Назва українською',
  acronym: 'Скорочення',
  url: 'Вебсайт',
  organisationTitleNew: 'Нова організація',
  organisationTitleEdit: (name: string) => `Організація: ${name}`,
  programmesHeader: 'Програми',
  programmesCount: (n: number) => plural('uk', n, { one: 'програма', few: 'програми', many: 'програм' }),
  inUse: 'Має програми: видалити не можна',
  confirmDelete: (name: string) => `Видалити організацію «${name}»?`,
  confirmYes: 'Так, видалити',
  noUsers: 'Користувачів ще немає.',
  noOrganisationsList: 'Організацій ще немає.',
  notices: {
    userCreated: 'Користувача створено.',
    userSaved: 'Зміни збережено.',
    organisationCreated: 'Організацію створено.',
    organisationSaved: 'Зміни збережено.',
    organisationDeleted: 'Організацію видалено.',
  } satisfies Record<AdminNotice, string>,
  forbidden: 'Це можуть робити лише адміністратори.',
  notFound: 'Цього запису вже немає. Список оновлено.',
  emailTaken: 'Користувач з такою електронною поштою вже є.',
  lastAdmin: 'Це останній активний адміністратор: спершу призначте іншого.',
  nameTaken: 'Організація з такою назвою вже є (можливо, видалена).',
  orgInUse: 'В організації ще є програми або оцінки: спершу видаліть або перенесіть їх.',
  invalid: 'Перевірте позначені поля.',
  signedOut: 'Сеанс завершився: увійдіть знову.',
  unavailable: 'Сервер зараз недоступний. Спробуйте ще раз за хвилину.',
  network: 'Немає зв’язку із сервером.',
  failed: (status: number) => `Не вдалося зберегти (помилка ${status}).`,
  fieldEmail: 'Вкажіть правильну адресу електронної пошти.',
  fieldName: 'Вкажіть ім’я (до 200 символів).',
  fieldPassword: 'Пароль має містити щонайменше 12 символів.',
  fieldOrganisations: 'Оберіть наявні організації.',
  fieldOrganisationName: 'Вкажіть назву (до 300 символів).',
  fieldUrl: 'Вкажіть адресу, що починається з http:// або https://.',
  fieldText: 'Текст задовгий або містить недопустимі символи.',
};

type AdminMessages = typeof uk;

const en: AdminMessages = {
  menu: 'Account menu',
  administration: 'Administration',
  signOut: 'Sign out',
  title: 'Administration',
  close: 'Close',
  tabUsers: 'Users',
  tabOrganisations: 'Organisations',
  loading: 'Loading…',
  loadFailed: 'Could not load the users and organisations.',
  newUser: 'New user',
  newOrganisation: 'New organisation',
  edit: 'Edit',
  delete: 'Delete',
  save: 'Save',
  create: 'Create',
  saving: 'Saving…',
  cancel: 'Cancel',
  email: 'Email',
  name: 'Name',
  role: 'Role',
  organisations: "The editor's organisations",
  noOrganisations: 'There is no organisation yet: create one on the Organisations tab.',
  active: 'Active (may sign in)',
  inactive: 'disabled',
  password: 'Password (at least 12 characters)',
  newPassword: 'New password (empty: keep it)',
  userTitleNew: 'New user',
  userTitleEdit: (name: string) => `User: ${name}`,
  organisationName: 'Name (as 5W files give it)',
  organisationNameUk: 'Name in Ukrainian',
  acronym: 'Acronym',
  url: 'Website',
  organisationTitleNew: 'New organisation',
  organisationTitleEdit: (name: string) => `Organisation: ${name}`,
  programmesHeader: 'Programmes',
  programmesCount: (n: number) => plural('en', n, { one: 'programme', many: 'programmes' }),
  inUse: 'Has programmes: cannot be deleted',
  confirmDelete: (name: string) => `Delete the organisation “${name}”?`,
  confirmYes: 'Yes, delete',
  noUsers: 'No users yet.',
  noOrganisationsList: 'No organisations yet.',
  notices: {
    userCreated: 'User created.',
    userSaved: 'Changes saved.',
    organisationCreated: 'Organisation created.',
    organisationSaved: 'Changes saved.',
    organisationDeleted: 'Organisation deleted.',
  },
  forbidden: 'Only admins can do this.',
  notFound: 'This record is gone. The list is up to date again.',
  emailTaken: 'A user with this email exists.',
  lastAdmin: 'This is the last active admin: make another admin first.',
  nameTaken: 'An organisation with this name exists (it may be deleted).',
  orgInUse: 'The organisation still has programmes or assessments: delete or move them first.',
  invalid: 'Check the marked fields.',
  signedOut: 'Your session has ended: sign in again.',
  unavailable: 'The server is not available now. Try again in a minute.',
  network: 'No connection to the server.',
  failed: (status: number) => `Could not save (error ${status}).`,
  fieldEmail: 'Give a valid email address.',
  fieldName: 'Give a name (up to 200 characters).',
  fieldPassword: 'A password has at least 12 characters.',
  fieldOrganisations: 'Choose existing organisations.',
  fieldOrganisationName: 'Give a name (up to 300 characters).',
  fieldUrl: 'Give an address starting with http:// or https://.',
  fieldText: 'The text is too long or has characters that are not allowed.',
};

export const ADMIN_MESSAGES: Record<Lang, AdminMessages> = { uk, en };

/** A refusal worded in the UI language: one line, and per field the form marks. */
export interface WordedAdminProblem {
  message: string;
  fields: Record<string, string>;
}

/**
 * What the screens say for a refusal of /api/users or /api/organisations: by status and by what was attempted
 * (a conflict means a taken email, the last admin, a taken name or an organisation still in use); the
 * server's English names the case and the field.
 */
export function wordAdminProblem(
  problem: { action: AdminAction; status: number; message: string; fields: Record<string, string> },
  lang: Lang,
): WordedAdminProblem {
  const m = ADMIN_MESSAGES[lang];
  const fields: Record<string, string> = {};
  for (const key of Object.keys(problem.fields)) {
    if (key === 'email') fields[key] = m.fieldEmail;
    else if (key === 'name') fields[key] = problem.action === 'user' ? m.fieldName : m.fieldOrganisationName;
    else if (key === 'password') fields[key] = m.fieldPassword;
    else if (key === 'organisationIds') fields[key] = m.fieldOrganisations;
    else if (key === 'url') fields[key] = m.fieldUrl;
    else if (key === 'nameUk' || key === 'acronym') fields[key] = m.fieldText;
  }
  let message: string;
  const s = problem.status;
  if (s === 0) message = m.network;
  else if (s === 401) message = m.signedOut;
  else if (s === 403) message = m.forbidden;
  else if (s === 404) message = m.notFound;
  else if (s === 409) {
    if (problem.action === 'deleteOrganisation') message = m.orgInUse;
    else if (problem.action === 'organisation') {
      message = m.nameTaken;
      fields.name = m.nameTaken;
    } else if (/last active admin/.test(problem.message)) message = m.lastAdmin;
    else {
      message = m.emailTaken;
      fields.email = m.emailTaken;
    }
  } else if (s === 400 || s === 422) {
    message = m.invalid;
    // "no organisation 7" (users.service.ts) names no field in the validation form.
    if (/no organisation/.test(problem.message)) fields.organisationIds = m.fieldOrganisations;
  } else if (s >= 500) message = m.unavailable;
  else message = m.failed(s);
  return { message, fields };
}
