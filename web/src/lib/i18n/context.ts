import { getContext, setContext } from 'svelte';
import type { Lang, Messages } from './messages.ts';

/** The interface language and its messages, read by components (the getters stay reactive). */
export interface I18n {
  readonly lang: Lang;
  readonly t: Messages;
}

/** Exported for tests that render a component with svelte/server (`context: new Map([[I18N_KEY, …]])`). */
export const I18N_KEY = Symbol('atlas-i18n');

export function setI18n(i18n: I18n): void {
  setContext(I18N_KEY, i18n);
}

export function getI18n(): I18n {
  const i18n = getContext<I18n | undefined>(I18N_KEY);
  if (!i18n) throw new Error('getI18n() outside the app');
  return i18n;
}
