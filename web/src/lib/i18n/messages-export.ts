// The exported map's own words (issue #14, item 10): the link back to the view it shows.

import type { Lang } from './messages.ts';

const uk = {
  permalink: 'Посилання на цей вигляд',
};

const en: typeof uk = {
  permalink: 'Link to this view',
};

export const EXPORT_MESSAGES: Record<Lang, typeof uk> = { uk, en };
