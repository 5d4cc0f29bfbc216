// Why the shortlist is empty, in the interface language (issue #14, item 8). The targeting engine
// (server/model/targeting.ts) writes its reasons in English in a few fixed forms; they are read back here
// and written in `lang`. A reason in any other form is shown in Ukrainian as the general statement.

import type { Lang } from './messages.ts';
import { plural } from './plural.ts';

type Wording = (m: RegExpExecArray, lang: Lang) => string;

const communities = (lang: Lang, n: number) =>
  lang === 'uk'
    ? plural('uk', n, { one: 'громада', few: 'громади', many: 'громад' })
    : plural('en', n, { one: 'community', many: 'communities' });

const FORMS: [RegExp, Wording][] = [
  [
    /^HiGHS found no selection that meets the budget, quotas and maximum count$/,
    (_, lang) =>
      lang === 'uk'
        ? 'HiGHS не знайшов вибору, що вкладається в бюджет, квоти й найбільшу кількість громад'
        : 'HiGHS found no selection that meets the budget, quotas and maximum count',
  ],
  [
    /^HiGHS stopped with status "(.*)" and no usable selection$/,
    (m, lang) =>
      lang === 'uk'
        ? `HiGHS зупинився зі статусом «${m[1]}» без придатного вибору`
        : `HiGHS stopped with status "${m[1]}" and no usable selection`,
  ],
  [
    /^the greedy preview could not meet the minimum quota of (.+) within the budget; the exact solver may$/,
    (m, lang) =>
      lang === 'uk'
        ? `швидкий попередній розрахунок не виконав мінімальну квоту «${m[1]}» у межах бюджету; точний розв’язувач може`
        : m[0],
  ],
  [
    /^the quota for (.+) needs at least (\d+) communities but only (\d+) are candidates$/,
    (m, lang) =>
      lang === 'uk'
        ? `квота «${m[1]}» потребує щонайменше ${communities('uk', +m[2]!)}, а кандидатів лише ${+m[3]!}`
        : m[0],
  ],
  [
    /^the minimum quotas add up to (\d+) communities, above the maximum of (\d+)$/,
    (m, lang) =>
      lang === 'uk'
        ? `мінімальні квоти разом — ${communities('uk', +m[1]!)}, більше за найбільшу кількість (${+m[2]!})`
        : m[0],
  ],
  [
    /^meeting the minimum quotas costs at least (\S+), above the budget of (\S+)$/,
    (m, lang) =>
      lang === 'uk' ? `мінімальні квоти коштують щонайменше ${m[1]}, більше за бюджет ${m[2]}` : m[0],
  ],
];

/** The engine's reason in `lang`. */
export function solverReasonText(reason: string, lang: Lang): string {
  for (const [re, word] of FORMS) {
    const m = re.exec(reason);
    if (m) return word(m, lang);
  }
  return lang === 'uk' ? 'жодного вибору, що відповідає умовам, не знайдено' : reason;
}
