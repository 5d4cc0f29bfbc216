// What a failed load says to a person (issue #14, items 8 and 13): every closed API error code
// (server/shared/errors.ts, published as ErrorCode) and the client's own (NETWORK, BAD_JSON, HTTP_<status>)
// mapped to a sentence in Ukrainian and English, and whether trying again can succeed. The API's own message
// (English, for developers) is no longer what the interface shows.

import type { ApiErrorCode } from '../api/index.ts';
import type { LoadError } from '../state/load-status.ts';
import type { Lang } from './messages.ts';

type Known = Exclude<ApiErrorCode, `HTTP_${number}`>;

const uk: Record<Known, string> & { other: string; details: string } = {
  BAD_REQUEST: 'Запит має помилку: перевірте адресу або параметри в посиланні.',
  UNAUTHORIZED: 'Потрібно увійти: сесія закінчилася або ви ще не ввійшли.',
  FORBIDDEN: 'У вашого облікового запису немає доступу до цих даних.',
  NOT_FOUND: 'Такого немає: можливо, посилання застаріле або містить помилку.',
  CONFLICT: 'Дані щойно змінив хтось інший. Оновіть сторінку, щоб побачити нову версію.',
  PAYLOAD_TOO_LARGE: 'Файл або запит завеликий.',
  UNPROCESSABLE: 'Дані не пройшли перевірку.',
  CSRF_FAILED: 'Сесія застаріла. Оновіть сторінку й повторіть дію.',
  TOO_MANY_REQUESTS: 'Забагато запитів поспіль. Зачекайте хвилину і спробуйте ще раз.',
  INTERNAL: 'На сервері сталася помилка. Спробуйте ще раз; якщо не допоможе — повідомте адміністратора.',
  NOT_IMPLEMENTED: 'Цей сервер не підтримує цієї функції.',
  SERVICE_UNAVAILABLE: 'Сервіс тимчасово недоступний. Спробуйте ще раз за кілька секунд.',
  DATABASE_UNAVAILABLE: 'База даних тимчасово недоступна. Спробуйте ще раз за кілька секунд.',
  NETWORK: 'Сервер не відповідає. Перевірте з’єднання і спробуйте ще раз.',
  BAD_JSON: 'Сервер надіслав незрозумілу відповідь. Спробуйте ще раз.',
  other: 'Не вдалося отримати відповідь сервера.',
  details: 'Подробиці для адміністратора',
};

const en: typeof uk = {
  BAD_REQUEST: 'The request has a mistake: check the address or the parameters in the link.',
  UNAUTHORIZED: 'Sign in needed: your session ended or you have not signed in.',
  FORBIDDEN: 'Your account has no access to this.',
  NOT_FOUND: 'This does not exist: the link may be out of date or mistyped.',
  CONFLICT: 'Someone else has just changed this. Reload the page to see the new version.',
  PAYLOAD_TOO_LARGE: 'The file or request is too large.',
  UNPROCESSABLE: 'The data did not pass the checks.',
  CSRF_FAILED: 'Your session is out of date. Reload the page and do it again.',
  TOO_MANY_REQUESTS: 'Too many requests in a row. Wait a minute and try again.',
  INTERNAL: 'The server failed. Try again; if it keeps failing, tell the administrator.',
  NOT_IMPLEMENTED: 'This server does not support this.',
  SERVICE_UNAVAILABLE: 'The service is briefly unavailable. Try again in a few seconds.',
  DATABASE_UNAVAILABLE: 'The database is briefly unavailable. Try again in a few seconds.',
  NETWORK: 'The server does not answer. Check your connection and try again.',
  BAD_JSON: 'The server sent an answer the atlas cannot read. Try again.',
  other: 'The server’s answer could not be used.',
  details: 'Details for the administrator',
};

export const ERROR_MESSAGES: Record<Lang, typeof uk> = { uk, en };

/** The code a load error stands for: its own, else one from its status (an error from before codes). */
function codeOf(e: LoadError): ApiErrorCode {
  if (e.code) return e.code;
  if (e.network) return 'NETWORK';
  return `HTTP_${e.status}`;
}

/** A status without the API's error body (a proxy's answer) as the closed code of the same meaning. */
const BY_STATUS: Record<number, Known> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  422: 'UNPROCESSABLE',
  429: 'TOO_MANY_REQUESTS',
  500: 'INTERNAL',
  501: 'NOT_IMPLEMENTED',
  502: 'SERVICE_UNAVAILABLE',
  503: 'SERVICE_UNAVAILABLE',
  504: 'SERVICE_UNAVAILABLE',
};

function known(code: ApiErrorCode): Known | undefined {
  const m = /^HTTP_(\d+)$/.exec(code);
  return m ? BY_STATUS[Number(m[1])] : (code as Known);
}

/**
 * Errors that can go away by themselves, so "try again" can succeed: no answer, a bad answer, a failure or
 * outage of the server, too many requests. A 404, a refusal or a bad request stays what it is on retry.
 */
const TRANSIENT = new Set<Known>([
  'NETWORK',
  'BAD_JSON',
  'INTERNAL',
  'SERVICE_UNAVAILABLE',
  'DATABASE_UNAVAILABLE',
  'TOO_MANY_REQUESTS',
]);

export function isTransient(e: LoadError): boolean {
  const k = known(codeOf(e));
  return k !== undefined && TRANSIENT.has(k);
}

/** What happened, in the reader's language. */
export function describeError(e: LoadError, lang: Lang): string {
  const k = known(codeOf(e));
  return k ? ERROR_MESSAGES[lang][k] : ERROR_MESSAGES[lang].other;
}

/**
 * The methodology page (GET /methodology, server/site-pages.ts) in the reader's language, at a section:
 * what legends, the profile and the hot-spot key link to instead of citing the file docs/methodology.md.
 */
export function methodologyHref(lang: Lang, section?: string): string {
  return `/methodology${lang === 'en' ? '?lang=en' : ''}${section ? `#${section}` : ''}`;
}
