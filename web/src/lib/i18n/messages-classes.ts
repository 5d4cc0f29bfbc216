// The words for a unit's class on the map when the classes are not the model's own (issue #14, item 6): the
// tooltip, the profile and the legend name the same class the colour comes from, so a quantile map never
// shows a model class word such as «середній» beside a colour of another class.

import type { Lang } from './messages.ts';

const uk = {
  word_quantile: 'квантиль {i} з {k}',
  word_equal: 'інтервал {i} з {k}',
  word_natural: 'природний клас {i} з {k}',
  word_fixed: 'клас {i} з {k}',
  /** Added to the legend's note: how the tooltip and profile name a class. */
  wordsNote: 'У підказці й профілі громаду названо її класом на цій карті ({first} — найнижчі значення).',
};

const en: typeof uk = {
  word_quantile: 'quantile {i} of {k}',
  word_equal: 'interval {i} of {k}',
  word_natural: 'natural class {i} of {k}',
  word_fixed: 'class {i} of {k}',
  wordsNote: 'The tooltip and profile name a hromada by its class on this map ({first} = the lowest values).',
};

export const CLASS_MESSAGES: Record<Lang, typeof uk> = { uk, en };
