// Honest ranks and visible uncertainty (issue #14, items 1–2), Ukrainian first. Terms as in the background
// texts: громада, довіра (confidence of a score), порівнянні громади (the ranked ones).

import { formatNumber, formatPercent } from './format.ts';
import type { Lang } from './messages.ts';

const uk = {
  heading: 'Довіра до оцінок',
  rankFrom: 'Ранжувати громади з довірою від',
  rankFromHelp:
    'Місце, класи й «топ N» — лише серед громад чинного устрою з довірою не нижче порогу; інші показано окремо, без місця.',
  modelDefault: 'поріг моделі',
  resetToModel: 'Повернути поріг моделі',
  mapFrom: 'Порівнювати на карті громади з довірою від',
  mapRule: 'Класи на карті — серед {of} порівнянних громад (довіра ≥ {pct}); інші бліді',
  hideBelow: 'Сховати на карті громади з довірою нижче',
  hideNone: 'нічого не сховано',
  rankOfComparable: 'Місце {rank} з {of} порівнянних громад',
  rankOfComparableShort: '{rank} з {of} порівнянних громад',
  rankedRule: 'Місця й класи — серед {of} порівнянних громад (довіра ≥ {pct})',
  notRanked: 'Без місця',
  reason_no_data_since_2014: 'немає даних з 2014 р.',
  reason_low_confidence: 'довіра {pct}',
  reason_unscored: 'немає оцінки',
  legendFaded: 'Блідо — не порівнюється: довіра < {pct} ({low}) або немає даних з 2014 р. ({crimea})',
  legendHidden: 'Сховано: довіра < {pct}',
  legendFadedShort: 'Блідо — не порівнюється: довіра < {pct} або немає даних з 2014 р.',
  legendNoData: 'Немає оцінки',
};

type RankMessages = { [K in keyof typeof uk]: string };

const en: RankMessages = {
  heading: 'Confidence in the scores',
  rankFrom: 'Rank hromadas with confidence from',
  rankFromHelp:
    'Rank, classes and “top N” count only hromadas of the current system at or above the threshold; the others are shown apart, without a rank.',
  modelDefault: 'model threshold',
  resetToModel: 'Back to the model’s threshold',
  mapFrom: 'Compare hromadas on the map with confidence from',
  mapRule: 'Map classes among {of} comparable hromadas (confidence ≥ {pct}); the others faded',
  hideBelow: 'Hide hromadas on the map with confidence below',
  hideNone: 'none hidden',
  rankOfComparable: 'Rank {rank} of {of} comparable hromadas',
  rankOfComparableShort: '{rank} of {of} comparable hromadas',
  rankedRule: 'Ranks and classes among {of} comparable hromadas (confidence ≥ {pct})',
  notRanked: 'Not ranked',
  reason_no_data_since_2014: 'no data since 2014',
  reason_low_confidence: 'confidence {pct}',
  reason_unscored: 'no score',
  legendFaded: 'Faded: not compared — confidence < {pct} ({low}) or no data since 2014 ({crimea})',
  legendHidden: 'Hidden: confidence < {pct}',
  legendFadedShort: 'Faded: not compared — confidence < {pct} or no data since 2014',
  legendNoData: 'No score',
};

export const RANK_MESSAGES: Record<Lang, RankMessages> = { uk, en };

/** "довіра 11 %" / "немає даних з 2014 р.": why a unit has no rank, in the user's language. */
export function unrankedText(
  reason: 'unscored' | 'no_data_since_2014' | 'low_confidence',
  confidence: number,
  lang: Lang,
): string {
  return RANK_MESSAGES[lang][`reason_${reason}`].replace('{pct}', formatPercent(confidence, lang));
}

/** The tooltip's and profile's rank line: "Місце 3 з 1 402 порівнянних громад" or "Без місця: довіра 11 %". */
export function rankText(
  u: {
    rank: number | null;
    confidence: number;
    unrankedReason: 'unscored' | 'no_data_since_2014' | 'low_confidence' | null;
  },
  of: number,
  lang: Lang,
  /** Under a "Rank" heading (the profile): without the leading word. */
  short = false,
): string {
  const t = RANK_MESSAGES[lang];
  if (u.rank !== null) {
    return (short ? t.rankOfComparableShort : t.rankOfComparable)
      .replace('{rank}', formatNumber(u.rank, lang, 0))
      .replace('{of}', formatNumber(of, lang, 0));
  }
  return `${t.notRanked}: ${unrankedText(u.unrankedReason ?? 'unscored', u.confidence, lang)}`;
}
