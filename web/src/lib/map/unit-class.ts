// The one answer to "which class is this unit in, in what colour, called what" (issue #14, item 6). The map
// fill, the tooltip, the legend and the profile swatch all ask here, so a unit's colour and its word always
// come from the same classes: the model's class names under the model's fixed classes, and the class's rank
// ("quantile 4 of 5") under quantiles, equal intervals or natural breaks — never a model word beside a
// quantile colour.

import { CLASS_MESSAGES } from '../i18n/messages-classes.ts';
import type { Lang } from '../i18n/messages.ts';
import { FADED_OPACITY, type Choropleth } from './choropleth.ts';

export interface UnitClass {
  /** The class, 0-based, as the map's feature-state has it. */
  index: number;
  /** The fill the map draws the unit in. */
  colour: string;
  /** The map's opacity for it: faded units (not compared) are drawn lighter, and so is their swatch. */
  opacity: number;
  /** What the class is called; null for categories, where the value itself is the class. */
  word: string | null;
}

/** The name of class `i` (0-based) of a choropleth, in the words its classes were made with. */
export function classWord(c: Choropleth, i: number, lang: Lang): string | null {
  const { kind, bins } = c.classification;
  const bin = bins[i];
  if (!bin) return null;
  if (bin.label) return bin.label[lang];
  if (kind === 'categories') return null;
  return CLASS_MESSAGES[lang][`word_${kind}`]
    .replace('{i}', String(i + 1))
    .replace('{k}', String(bins.length));
}

/** The class of `pcode` on the map drawn from `c`, or null when the unit has no value (drawn as no data). */
export function unitClass(c: Choropleth | null, pcode: string, lang: Lang): UnitClass | null {
  const index = c?.classOf.get(pcode);
  if (!c || index === undefined) return null;
  return {
    index,
    colour: c.colours[index]!,
    opacity: c.marks?.get(pcode) === 'faded' ? FADED_OPACITY : 1,
    word: classWord(c, index, lang),
  };
}

/** The legend's line on how the tooltip and profile name a class; '' when classes carry their own names. */
export function classWordsNote(c: Choropleth, lang: Lang): string {
  if (c.classification.bins.some((b) => b.label) || c.classification.kind === 'categories') return '';
  const first = classWord(c, 0, lang);
  const quoted = lang === 'uk' ? `«${first}»` : `“${first}”`;
  return first ? CLASS_MESSAGES[lang].wordsNote.replace('{first}', quoted) : '';
}
