// Counts in words (issue #14, item 8): one helper over Intl.PluralRules for every count message, so that
// Ukrainian reads "1 громада", "3 громади", "5 громад", "21 громада" — never "1 303 громад відповідають".

import type { Lang } from './messages.ts';

/**
 * The noun (or phrase) forms of a count. Ukrainian uses one / few / many, and `other` for fractions
 * ("1,5 громади"; it defaults to `few`); English uses one and many (its `other`).
 */
export interface PluralForms {
  one: string;
  few?: string;
  many: string;
  other?: string;
}

const RULES: Record<Lang, Intl.PluralRules> = {
  uk: new Intl.PluralRules('uk-UA'),
  en: new Intl.PluralRules('en-GB'),
};
const NUMBER: Record<Lang, Intl.NumberFormat> = {
  uk: new Intl.NumberFormat('uk-UA'),
  en: new Intl.NumberFormat('en-GB'),
};

/** The form that goes with `n`: "громади" for 3, "громад" for 5. */
export function pluralForm(lang: Lang, n: number, forms: PluralForms): string {
  switch (RULES[lang].select(n)) {
    case 'one':
      return forms.one;
    case 'few':
      return forms.few ?? forms.many;
    case 'many':
      return forms.many;
    default:
      // English "other" is its plural; Ukrainian "other" is a fraction (genitive singular, as after "few").
      return lang === 'en' ? forms.many : (forms.other ?? forms.few ?? forms.many);
  }
}

/** "1 програма", "3 програми", "1 303 громади": the grouped count with the form its number needs. */
export function plural(lang: Lang, n: number, forms: PluralForms): string {
  return `${NUMBER[lang].format(n)} ${pluralForm(lang, n, forms)}`;
}
