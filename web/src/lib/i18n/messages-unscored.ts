// Why a unit has no score, in the interface language (issue #14, item 8). The scoring engine
// (server/model/score.ts, unscoredReason) writes its reason in English, in one fixed form:
//   "no dimension could be scored: <dimension id> has <n> of <m> indicators, … (a component needs at least
//    <p>% of its indicators)"
// It is read back here into its numbers and written in `lang`, with the dimensions' names; a reason in any
// other form is not shown word for word in Ukrainian but as the general statement.

import { formatPercent } from './format.ts';
import type { Lang } from './messages.ts';
import { plural } from './plural.ts';

const REASON = /^no dimension could be scored: (.*) \(a component needs at least (\d+)% of its indicators\)$/;
const PART = /^(\S+) has (\d+) of (\d+) indicators$/;

interface Part {
  dimension: string;
  present: number;
  total: number;
}

/** The engine's reason as numbers, or null when it is not in the engine's form. */
export function parseUnscoredReason(reason: string): { parts: Part[]; minShare: number } | null {
  const m = REASON.exec(reason);
  if (!m) return null;
  const parts: Part[] = [];
  for (const p of m[1]!.split(', ')) {
    const pm = PART.exec(p);
    if (!pm) return null;
    parts.push({ dimension: pm[1]!, present: Number(pm[2]), total: Number(pm[3]) });
  }
  return { parts, minShare: Number(m[2]) / 100 };
}

/** "жоден вимір не вдалося оцінити: «Згуртованість і довіра» — 0 з 3 показників (…)". */
export function unscoredReasonText(
  reason: string,
  lang: Lang,
  dimensionName: (id: string) => string,
): string {
  const r = parseUnscoredReason(reason);
  if (!r) return lang === 'uk' ? 'жоден вимір не вдалося оцінити' : reason;
  const pct = formatPercent(r.minShare, lang);
  if (lang === 'uk') {
    const parts = r.parts.map(
      (p) =>
        `«${dimensionName(p.dimension)}» — ${p.present} з ${plural('uk', p.total, { one: 'показника', many: 'показників' })}`,
    );
    return `жоден вимір не вдалося оцінити: ${parts.join('; ')} (складова потребує щонайменше ${pct} своїх показників)`;
  }
  const parts = r.parts.map(
    (p) =>
      `“${dimensionName(p.dimension)}” has ${p.present} of ${plural('en', p.total, { one: 'indicator', many: 'indicators' })}`,
  );
  return `no dimension could be scored: ${parts.join('; ')} (a component needs at least ${pct} of its indicators)`;
}
