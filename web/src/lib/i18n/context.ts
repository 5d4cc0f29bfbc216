import { getContext, setContext } from 'svelte';
import type { Lang, Messages } from './messages.ts';

/** The interface language and its messages, read by components (the getters stay reactive). */
export interface I18n {
  readonly lang: Lang;
  readonly t: Messages;
}

const KEY = Symbol('atlas-i18n');

export function setI18n(i18n: I18n): void {
  setContext(KEY, i18n);
}

export function getI18n(): I18n {
  const i18n = getContext<I18n | undefined>(KEY);
  if (!i18n) throw new Error('getI18n() outside the app');
  return i18n;
}
