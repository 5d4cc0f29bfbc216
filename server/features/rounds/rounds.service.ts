import type { Executor } from '../../db/executor.ts';
import type { AssessmentComponent } from '../../model/assessment-components.ts';
import { roundChange } from '../../model/round-trends.ts';
import { findComponentRounds, findRounds } from './rounds.repository.ts';
import type { AssessedCommunities, RoundChanges } from './rounds.schemas.ts';

const METHOD =
  'Each community’s latest round on or before `from` against its latest round on or before `to`, where they ' +
  'differ. 95 % interval of the difference: the rounds are independent samples, so SE = √(SE_a² + SE_b²), each ' +
  'SE read off its round’s interval as width / (2 × 1.96) (Altman & Bland 2003, BMJ 326:219). A round without ' +
  'an interval (too few respondents, entered by hand) gives a change that is never marked.';

type RoundRow = Awaited<ReturnType<typeof findComponentRounds>>[number];

const roundScore = (r: RoundRow) => ({
  assessmentId: r.id,
  date: r.assessed_on,
  score: r.score,
  respondents: r.respondents,
  ciLow: r.ci_low,
  ciHigh: r.ci_high,
  organisation: r.organisation,
});

/** The change of one component per community between two dates (issue #13, section 5). */
export async function getRoundChanges(
  db: Executor,
  query: { component: AssessmentComponent; from: string; to: string },
): Promise<RoundChanges> {
  const rows = await findComponentRounds(db, query.component, query.to);
  const byUnit = new Map<string, RoundRow[]>();
  for (const r of rows) byUnit.set(r.unit_pcode, [...(byUnit.get(r.unit_pcode) ?? []), r]);
  const units: RoundChanges['units'] = [];
  for (const [pcode, rounds] of byUnit) {
    // Newest first: B is the first, A the first on or before `from`.
    const later = rounds[0]!;
    const earlier = rounds.find((r) => r.assessed_on <= query.from);
    if (!earlier || earlier.id === later.id) continue;
    const change = roundChange(
      { score: earlier.score, ciLow: earlier.ci_low, ciHigh: earlier.ci_high },
      { score: later.score, ciLow: later.ci_low, ciHigh: later.ci_high },
    );
    units.push({
      pcode,
      nameUk: later.name_uk,
      nameEn: later.name_en,
      from: roundScore(earlier),
      to: roundScore(later),
      ...change,
    });
  }
  return {
    component: query.component,
    from: query.from,
    to: query.to,
    method: METHOD,
    communitiesWithTwoRounds: units.length,
    marked: units.filter((u) => u.excludesZero).length,
    units,
  };
}

/** Which communities were assessed, how often, when last and by whom (issue #13, section 5). */
export async function getAssessedCommunities(db: Executor): Promise<AssessedCommunities> {
  const rows = await findRounds(db);
  const units = new Map<string, AssessedCommunities['units'][number]>();
  for (const r of rows) {
    const u = units.get(r.unit_pcode);
    if (!u) {
      units.set(r.unit_pcode, {
        pcode: r.unit_pcode,
        nameUk: r.name_uk,
        nameEn: r.name_en,
        rounds: 1,
        firstRound: r.assessed_on,
        latestRound: r.assessed_on,
        latestOrganisation: r.organisation,
        organisations: r.organisation ? [r.organisation] : [],
      });
      continue;
    }
    u.rounds++;
    u.firstRound = r.assessed_on;
    if (r.organisation && !u.organisations.includes(r.organisation)) u.organisations.push(r.organisation);
  }
  const list = [...units.values()].sort(
    (a, b) => b.latestRound.localeCompare(a.latestRound) || a.pcode.localeCompare(b.pcode),
  );
  return {
    communitiesAssessed: list.length,
    rounds: rows.length,
    organisations: [...new Set(rows.flatMap((r) => (r.organisation ? [r.organisation] : [])))].sort(),
    units: list,
  };
}
