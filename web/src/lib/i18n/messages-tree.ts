// The profile's index tree (issue #14, item 3), Ukrainian (the default) and English. Terms follow the
// background texts and the methodology: індекс, вимір, компонент, проксі (дані-замінники), оцінювання громади.

import type { Lang } from './messages.ts';

const uk = {
  treeTitle: 'З чого складається індекс',
  treeNote: 'Бали 0–10; частка показує, скільки вхідних даних вузла в цій громаді бракує.',
  treeLoading: 'Завантаження складників індексу…',
  treeError: 'Не вдалося завантажити складники індексу',
  treeRetry: 'Спробувати ще раз',
  noData: 'немає даних',
  /** A whole dimension without a value here: said in words, not only as an empty bar. */
  dimensionNoData: 'Для цього виміру в громаді немає жодних даних: він не входить до бала.',
  missingShare: (pct: string) => `бракує ${pct} даних`,
  missingNone: 'дані повні',
  proxy: 'проксі',
  proxyTitle: 'Оцінено за відкритими даними-замінниками, бо оцінювання громади тут немає',
  assessed: 'оцінено в громаді',
  interval: (lo: string, hi: string) => `95 % інтервал ${lo}–${hi}`,
  noInterval: 'без інтервалу',
  roundOf: (date: string) => `раунд ${date}`,
  explainTitle: 'Що означають довіра та діапазон місця',
  explainConfidence:
    'Довіра до оцінки — частка даних, на яких ґрунтується бал, з поправкою на їх вік; дані-замінники (проксі) важать менше, ніж оцінювання громади.',
  explainRankBand:
    'Діапазон місця (90 %) — між 5-м і 95-м процентилем місця громади в 1 000 прогонах Монте-Карло, де ваги випадково змінюються на ±25 %, а агрегування й нормалізація обираються навмання: широкий діапазон означає, що місце залежить від цих методичних рішень, а не лише від даних.',
};
type TreeMessages = typeof uk;
const en: TreeMessages = {
  treeTitle: 'What the index is made of',
  treeNote: 'Scores 0–10; the share says how much of a node’s input data is missing for this hromada.',
  treeLoading: 'Loading the index breakdown…',
  treeError: 'Could not load the index breakdown',
  treeRetry: 'Try again',
  noData: 'no data',
  dimensionNoData: 'This dimension has no data at all for this hromada: it is left out of the score.',
  missingShare: (pct) => `${pct} of data missing`,
  missingNone: 'data complete',
  proxy: 'proxy',
  proxyTitle: 'Scored from open-data proxies, as this hromada has no community assessment',
  assessed: 'assessed',
  interval: (lo, hi) => `95 % interval ${lo}–${hi}`,
  noInterval: 'no interval',
  roundOf: (date) => `round of ${date}`,
  explainTitle: 'What confidence and the rank band mean',
  explainConfidence:
    'Confidence is the share of the data behind the score, discounted for its age; open-data proxies count less than a community assessment.',
  explainRankBand:
    'The rank band (90 %) runs from the 5th to the 95th percentile of the hromada’s rank over 1,000 Monte Carlo runs that jitter every weight by ±25 % and pick the aggregation and normalisation at random: a wide band means the rank depends on these choices, not only on the data.',
};

export const TREE_MESSAGES: Record<Lang, TreeMessages> = { uk, en };
