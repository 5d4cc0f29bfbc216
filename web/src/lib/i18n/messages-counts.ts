// Messages that carry a count, in both languages, each through the one plural helper (issue #14, item 8):
// the noun and the verb agree with the number ("1 громада відповідає", "3 громади відповідають",
// "5 громад відповідають").

import type { Lang } from './messages.ts';
import { plural } from './plural.ts';

export interface CountMessages {
  /** The Target ranking's head: how many pass the filters, of how many scored. */
  rankingCount: (shown: number, scored: number) => string;
  /** The shortlist's summary: its size, then its cost of the budget (already formatted). */
  shortlistSummary: (count: number, cost: string, budget: string) => string;
  /** Beside the summary: of how many eligible. */
  eligibleOf: (eligible: number) => string;
}

const uk: CountMessages = {
  rankingCount: (shown, scored) =>
    `${plural('uk', shown, {
      one: 'громада відповідає',
      few: 'громади відповідають',
      many: 'громад відповідають',
    })} фільтрам (з ${plural('uk', scored, { one: 'громади', many: 'громад' })} з оцінкою)`,
  shortlistSummary: (count, cost, budget) =>
    `${plural('uk', count, { one: 'громада', few: 'громади', many: 'громад' })} · ${cost} з ${budget}`,
  eligibleOf: (eligible) =>
    `з ${plural('uk', eligible, { one: 'громади, що відповідає', many: 'громад, що відповідають' })} фільтрам`,
};

const en: CountMessages = {
  rankingCount: (shown, scored) =>
    `${plural('en', shown, { one: 'community passes', many: 'communities pass' })} the filters (of ${plural('en', scored, { one: 'scored', many: 'scored' })})`,
  shortlistSummary: (count, cost, budget) =>
    `${plural('en', count, { one: 'community', many: 'communities' })} · ${cost} of ${budget}`,
  eligibleOf: (eligible) =>
    `of ${plural('en', eligible, { one: 'community that passes', many: 'communities that pass' })} the filters`,
};

export const COUNT_MESSAGES: Record<Lang, CountMessages> = { uk, en };
