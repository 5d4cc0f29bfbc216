import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { I18N_KEY } from '../i18n/context.ts';
import { describeError, isTransient } from '../i18n/messages-errors.ts';
import { MESSAGES, type Lang } from '../i18n/messages.ts';
import type { LoadError } from '../state/load-status.ts';
import ErrorNotice from './ErrorNotice.svelte';

// Issue #14, item 13: an error says what happened in the reader's language, and offers only an action that
// can succeed — "try again" for a transient failure, never for a 404 (an unknown unit in the URL).

const html = (
  lang: Lang,
  props: { error: LoadError; onretry?: () => void; action?: { label: string; run: () => void } },
) =>
  render(ErrorNotice, {
    props: { title: 'T', ...props },
    context: new Map([[I18N_KEY, { lang, t: MESSAGES[lang] }]]),
  }).body;

/** A load error as toLoadError makes it of an ApiError (components may not import the API client). */
const le = (status: number, code: LoadError['code'], message: string): LoadError => ({
  network: status === 0,
  message,
  status,
  code,
});

const notFound = le(404, 'NOT_FOUND', 'no unit UA9999999');
const outage = le(503, 'DATABASE_UNAVAILABLE', 'database unavailable');
const offline = le(0, 'NETWORK', 'Failed to fetch');
const proxy = le(502, 'HTTP_502', 'Bad Gateway');

describe('ErrorNotice', () => {
  it('offers no retry for a 404, but the caller’s way out', () => {
    const body = html('uk', {
      error: notFound,
      onretry: () => {},
      action: { label: 'Закрити', run: () => {} },
    });
    expect(body).not.toContain(MESSAGES.uk.retry);
    expect(body).toContain('Закрити');
    expect(body).toContain('Такого немає');
    // The API's English message is kept for the administrator, not shown as the explanation.
    expect(body).toMatch(/<details[^>]*>[\s\S]*no unit UA9999999/);
  });

  it('offers a retry for an outage, in the reader’s language', () => {
    const uk = html('uk', { error: outage, onretry: () => {} });
    expect(uk).toContain(MESSAGES.uk.retry);
    expect(uk).toContain('База даних тимчасово недоступна');
    const en = html('en', { error: outage, onretry: () => {} });
    expect(en).toContain(MESSAGES.en.retry);
    expect(en).toContain('The database is briefly unavailable');
  });
});

describe('the closed error codes', () => {
  it('are transient only where trying again can succeed', () => {
    expect(isTransient(notFound)).toBe(false);
    expect(isTransient(le(403, 'FORBIDDEN', 'x'))).toBe(false);
    expect(isTransient(le(400, 'BAD_REQUEST', 'x'))).toBe(false);
    expect(isTransient(outage)).toBe(true);
    expect(isTransient(offline)).toBe(true);
    expect(isTransient(proxy)).toBe(true);
    expect(isTransient(le(404, 'HTTP_404', 'Not Found'))).toBe(false);
  });

  it('each have a Ukrainian and an English sentence, never the API’s message', () => {
    const codes = [
      'BAD_REQUEST',
      'UNAUTHORIZED',
      'FORBIDDEN',
      'NOT_FOUND',
      'CONFLICT',
      'PAYLOAD_TOO_LARGE',
      'UNPROCESSABLE',
      'CSRF_FAILED',
      'TOO_MANY_REQUESTS',
      'INTERNAL',
      'NOT_IMPLEMENTED',
      'SERVICE_UNAVAILABLE',
      'DATABASE_UNAVAILABLE',
      'NETWORK',
      'BAD_JSON',
    ] as const;
    for (const code of codes) {
      const e = le(code === 'NETWORK' ? 0 : 500, code, 'API TEXT');
      const uk = describeError(e, 'uk');
      const en = describeError(e, 'en');
      expect(uk, code).toMatch(/[а-яіїєґ]/i);
      expect(uk, code).not.toMatch(/[a-z]{3,}/i);
      expect(en, code).not.toBe(uk);
      expect(en, code).not.toContain('API TEXT');
    }
    // An error from before codes (a plain Error) still reads as a sentence.
    expect(describeError({ network: false, message: 'boom', status: 0 }, 'uk')).toMatch(/сервера/);
  });
});
