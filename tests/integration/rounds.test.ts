import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssessmentComponent } from '../../server/model/assessment-components.ts';
import type { AssessedCommunities, RoundChanges } from '../../server/features/rounds/rounds.schemas.ts';
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

describe('before any round is imported', () => {
  it('counts 0 communities assessed and 0 communities with two rounds, never an invented one', async () => {
    const assessed = await t.getJson<AssessedCommunities>('/api/rounds/communities');
    expect(assessed.status).toBe(200);
    expect(assessed.body).toEqual({ communitiesAssessed: 0, rounds: 0, organisations: [], units: [] });
    const changes = await t.getJson<RoundChanges>(
      '/api/rounds/changes?component=cohesion_trust&from=2020-01-01&to=2040-01-01',
    );
    expect(changes.status).toBe(200);
    expect(changes.body).toMatchObject({ communitiesWithTwoRounds: 0, marked: 0, units: [] });
  });
});

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
    const { body } = await t.getJson<UnitProfile>('/api/units/UA6312021');
    expect(body.trends).toEqual([]);
  });
});

describe('GET /api/rounds/changes', () => {
  // Three communities of Kharkiv oblast, each with rounds of stakeholder_communication; FIXTURE values.
  const rising = 'UA6312001';
  const flat = 'UA6312005';
  const byHand = 'UA6314017';
  const once = 'UA6312029';
  beforeAll(async () => {
    const db = t.database.db;
    const c = (score: number, ci: [number, number] | null, respondents = 20) => ({
      scores: { stakeholder_communication: score },
      stats: { stakeholder_communication: { respondents, ci } },
    });
    const rounds: [string, string, ReturnType<typeof c> | null][] = [
      // 3.0 (2.4–3.6) → 6.0 (5.4–6.6): d = 3, half-width ≈ 0.85: marked.
      [rising, '2033-02-01', c(3, [2.4, 3.6])],
      [rising, '2033-08-01', c(6, [5.4, 6.6])],
      // 5.0 (4.0–6.0) → 5.5 (4.5–6.5): d = 0.5, half-width ≈ 1.41: shown, not marked.
      [flat, '2033-01-15', c(5, [4, 6])],
      [flat, '2033-03-01', c(9, [8, 10])], // superseded by the next round before `to`
      [flat, '2033-09-01', c(5.5, [4.5, 6.5])],
      [byHand, '2033-02-01', null],
      [byHand, '2033-09-01', c(9, [8.5, 9.5])],
      // One round only: no change.
      [once, '2033-05-01', c(4, [3, 5])],
    ];
    for (const [pcode, date, r] of rounds) {
      if (r) await insertRound(db, pcode, date, r.scores, r.stats);
      else await insertRound(db, pcode, date, { stakeholder_communication: 2 }, {}, null);
    }
  });

  const changes = (q: string) => t.getJson<RoundChanges>(`/api/rounds/changes?${q}`);

  it('compares the latest round by each date, marking only changes whose interval excludes zero', async () => {
    const { status, body } = await changes(
      'component=stakeholder_communication&from=2033-02-15&to=2033-12-31',
    );
    expect(status).toBe(200);
    expect(body.communitiesWithTwoRounds).toBe(3);
    expect(body.marked).toBe(1);
    const of = (pcode: string) => body.units.find((u) => u.pcode === pcode)!;
    expect(of(rising)).toMatchObject({ difference: 3, excludesZero: true });
    expect(of(rising).ciLow).toBeCloseTo(3 - 1.96 * Math.sqrt(2 * (1.2 / 3.92) ** 2), 2);
    expect(of(rising).from).toMatchObject({ date: '2033-02-01', score: 3, respondents: 20, ciLow: 2.4 });
    expect(of(rising).to.organisation).toBe('FIXTURE Rounds org');
    expect(of(flat)).toMatchObject({ difference: 0.5, excludesZero: false });
    expect(of(flat).ciLow!).toBeLessThan(0);
    expect(of(flat).from.date).toBe('2033-01-15');
    expect(of(byHand)).toMatchObject({ difference: 7, ciLow: null, ciHigh: null, excludesZero: false });
    expect(of(byHand).from).toMatchObject({ respondents: null, organisation: null });
    expect(body.units.some((u) => u.pcode === once)).toBe(false);
    expect(body.method).toContain('Altman & Bland 2003');
  });

  it('leaves out a community whose latest round is the same by both dates', async () => {
    const { body } = await changes('component=stakeholder_communication&from=2033-09-01&to=2033-12-31');
    expect(body.communitiesWithTwoRounds).toBe(0);
  });

  it('takes the latest round by `to`, not the latest of all', async () => {
    const { body } = await changes('component=stakeholder_communication&from=2033-02-15&to=2033-04-01');
    expect(body.units.map((u) => [u.pcode, u.from.date, u.to.date, u.difference])).toEqual([
      [flat, '2033-01-15', '2033-03-01', 4],
    ]);
  });

  it('names what is wrong with a bad query', async () => {
    for (const [q, field] of [
      ['component=nope&from=2033-01-01&to=2033-02-01', 'component'],
      ['component=cohesion_trust&from=2033-02-30&to=2033-03-01', 'from'],
      ['component=cohesion_trust&from=2033-03-01&to=2033-02-01', 'to'],
      ['component=cohesion_trust&from=2033-03-01', 'to'],
    ] as const) {
      const res = await t.getJson<{ error: { code: string; message: string } }>(`/api/rounds/changes?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.error.message, q).toContain(field);
    }
  });
});

describe('GET /api/rounds/communities', () => {
  it('lists each assessed community once: rounds, first and latest, by whom; deleted rounds left out', async () => {
    const { status, body } = await t.getJson<AssessedCommunities>('/api/rounds/communities');
    expect(status).toBe(200);
    const of = (pcode: string) => body.units.find((u) => u.pcode === pcode)!;
    // UA6312027 from the profile test: three live rounds (one by hand, no organisation), one deleted.
    expect(of('UA6312027')).toEqual({
      pcode: 'UA6312027',
      nameUk: expect.any(String),
      nameEn: expect.any(String),
      rounds: 3,
      firstRound: '2031-03-01',
      latestRound: '2032-01-15',
      latestOrganisation: null,
      organisations: ['FIXTURE Rounds org'],
    });
    expect(of('UA6314017')).toMatchObject({ rounds: 2, latestRound: '2033-09-01' });
    expect(body.communitiesAssessed).toBe(body.units.length);
    expect(body.communitiesAssessed).toBe(5);
    expect(body.rounds).toBe(3 + 8);
    expect(body.organisations).toEqual(['FIXTURE Rounds org']);
    // Latest round first.
    const latest = body.units.map((u) => u.latestRound);
    expect(latest).toEqual([...latest].sort().reverse());
  });
});
