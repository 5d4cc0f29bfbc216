// The Explore view's table and the hot-spot map styles (issue #14 items 4 and 12), Ukrainian (the default) and
// English. Terms follow the background texts: громада, область, індекс, кластер, значущість.

import { formatNumber } from './format.ts';
import { MESSAGES, type Lang } from './messages.ts';

const uk = {
  tableOpen: 'Таблиця',
  tableClose: 'Закрити таблицю',
  tableTitle: 'Громади за показником',
  tableFilter: 'Фільтр за назвою',
  tableFilterPlaceholder: 'назва громади або області',
  tableAllOblasts: 'усі області',
  tableShown: (n: number, of: number) => `${n} з ${of}`,
  tableHromada: 'Громада',
  tableOblast: 'Область',
  tableRank: 'Місце',
  tableConfidence: 'Довіра',
  tableSortBy: (col: string) => `Сортувати за: ${col}`,
  tableDownload: 'Завантажити те, що показано',
  tableAddColumn: 'Додати показник',
  tableRemoveColumn: (col: string) => `Прибрати стовпець «${col}»`,
  tableEmpty: 'Жодна громада не відповідає фільтру.',
  tableNoMeasure: 'Таблиця показує один показник; на карті змін її немає.',
  tableGeoJsonNote: 'GeoJSON: точки підписів громад',
  hsStyle: 'Вигляд',
  hsStyle_outline: 'контури',
  hsStyle_cluster: 'кластери',
  hsStyle_significance: 'значущість',
  hsNotSignificant: 'незначущі',
  hsNoData: 'поза аналізом',
  hsSignificanceTitle: 'Класи за p-значенням (для LISA — псевдо-p з перестановок)',
  hsSignificanceTitleQ: 'Класи за q-значенням (поправка Бенджаміні–Гохберга на частку хибних відкриттів)',
};
type TableMessages = typeof uk;
const en: TableMessages = {
  tableOpen: 'Table',
  tableClose: 'Close the table',
  tableTitle: 'Hromadas by measure',
  tableFilter: 'Filter by name',
  tableFilterPlaceholder: 'hromada or oblast name',
  tableAllOblasts: 'all oblasts',
  tableShown: (n, of) => `${n} of ${of}`,
  tableHromada: 'Hromada',
  tableOblast: 'Oblast',
  tableRank: 'Rank',
  tableConfidence: 'Confidence',
  tableSortBy: (col) => `Sort by: ${col}`,
  tableDownload: 'Download what is shown',
  tableAddColumn: 'Add an indicator',
  tableRemoveColumn: (col) => `Remove the column “${col}”`,
  tableEmpty: 'No hromada matches the filter.',
  tableNoMeasure: 'The table shows one measure; the change map has none.',
  tableGeoJsonNote: 'GeoJSON: the hromadas’ label points',
  hsStyle: 'Style',
  hsStyle_outline: 'outlines',
  hsStyle_cluster: 'clusters',
  hsStyle_significance: 'significance',
  hsNotSignificant: 'not significant',
  hsNoData: 'left out',
  hsSignificanceTitle: 'Classes by p-value (for LISA, the permutation pseudo p)',
  hsSignificanceTitleQ: 'Classes by q-value (Benjamini–Hochberg false-discovery-rate correction)',
};

export const TABLE_MESSAGES: Record<Lang, TableMessages> = { uk, en };

/**
 * The label of one class of the hot-spot fills: the cluster's words (as the outlines'), "p ≤ 0.01" (or q when
 * the analysis controls the false discovery rate), "not significant" or "left out".
 */
export function hotspotFillLabel(
  fill: string,
  bound: number | undefined,
  adjust: 'bh' | 'none',
  lang: Lang,
): string {
  const tt = TABLE_MESSAGES[lang];
  if (bound !== undefined) return `${adjust === 'bh' ? 'q' : 'p'} ≤ ${formatNumber(bound, lang, 3)}`;
  if (fill === 'ns') return tt.hsNotSignificant;
  if (fill === 'out') return tt.hsNoData;
  return MESSAGES[lang][`hs_${fill as 'HH'}`];
}
