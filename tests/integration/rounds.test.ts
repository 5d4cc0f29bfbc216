import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssessmentComponent } from '../../server/model/assessment-components.ts';
import type { UnitProfile } from '../../server/features/units/units.schemas.ts';
import type { Executor } from '../../server/db/executor.ts';
import { createFixtureOrganisation } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// Rounds and monitoring (issue #13, section 5). FIXTURE: hand-made rounds with hand-made intervals for real
// hromada codes, written straight to this test's private database; they are not real assessments.

let t: TestApp;
let orgId: number;
beforeAll(async () => {
  t = await createTestApp();
  orgId = await createFixtureOrganisation(t.database.db, 'FIXTURE Rounds org');
});
afterAll(async () => {
  await t?.close();
});

interface FixtureStat {
  respondents: number;
  ci: [number, number] | null;
}

/** FIXTURE: one round of a community, its scores and (for rounds "from submissions") the intervals. */
async function insertRound(
  db: Executor,
  pcode: string,
  assessedOn: string,
  scores: Partial<Record<AssessmentComponent, number | null>>,
  stats: Partial<Record<AssessmentComponent, FixtureStat>> = {},
  organisationId: number | null = orgId,
): Promise<number> {
  const { id } = await db
    .insertInto('assessments')
    .values({ unit_pcode: pcode, assessed_on: assessedOn, organisation_id: organisationId, ...scores })
    .returning('id')
    .executeTakeFirstOrThrow();
  const rows = Object.entries(stats).map(([component, s]) => ({
    assessment_id: id,
    component: component as AssessmentComponent,
    respondents: s.respondents,
    ci_low: s.ci?.[0] ?? null,
    ci_high: s.ci?.[1] ?? null,
    weighting: s.ci ? 'unweighted' : null,
  }));
  if (rows.length) await db.insertInto('assessment_component_stats').values(rows).execute();
  return id;
}

describe("the profile's trends across rounds", () => {
  const pcode = 'UA6312027';
  it('gives each assessed component its rounds oldest first, with n, interval, organisation and gaps', async () => {
    const db = t.database.db;
    await insertRound(
      db,
      pcode,
      '2031-03-01',
      { cohesion_trust: 4.5, police_community: null },
      { cohesion_trust: { respondents: 14, ci: [3.6, 5.4] }, police_community: { respondents: 4, ci: null } },
    );
    await insertRound(
      db,
      pcode,
      '2031-09-01',
      { cohesion_trust: 6.25, police_community: 5 },
      {
        cohesion_trust: { respondents: 22, ci: [5.5, 7] },
        police_community: { respondents: 12, ci: [3.9, 6.1] },
      },
    );
    // Entered by hand: a score without an interval. A deleted round is not a round.
    await insertRound(db, pcode, '2032-01-15', { cohesion_trust: 7 }, {}, null);
    const deleted = await insertRound(db, pcode, '2032-02-01', { cohesion_trust: 1 });
    await db
      .updateTable('assessments')
      .set({ deleted_at: new Date().toISOString() })
      .where('id', '=', deleted)
      .execute();

    const { status, body } = await t.getJson<UnitProfile>(`/api/units/${pcode}`);
    expect(status).toBe(200);
    const cohesion = body.trends.find((x) => x.component === 'cohesion_trust')!;
    expect(
      cohesion.points.map((p) => [p.date, p.score, p.respondents, p.ciLow, p.ciHigh, p.insufficient]),
    ).toEqual([
      ['2031-03-01', 4.5, 14, 3.6, 5.4, false],
      ['2031-09-01', 6.25, 22, 5.5, 7, false],
      ['2032-01-15', 7, null, null, null, false],
    ]);
    expect(cohesion.points.map((p) => p.organisation)).toEqual([
      'FIXTURE Rounds org',
      'FIXTURE Rounds org',
      null,
    ]);
    const police = body.trends.find((x) => x.component === 'police_community')!;
    expect(police.points.map((p) => [p.date, p.score, p.respondents, p.insufficient])).toEqual([
      ['2031-03-01', null, 4, true],
      ['2031-09-01', 5, 12, false],
    ]);
    expect(body.trends.map((x) => x.component)).toEqual(['cohesion_trust', 'police_community']);
  });

  it('is empty for a community never assessed', async () => {
    const { body } = await t.getJson<UnitProfile>('/api/units/UA6312001');
    expect(body.trends).toEqual([]);
  });
});
