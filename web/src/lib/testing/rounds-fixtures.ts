// Test support for rounds and monitoring (issue #13, section 5). FIXTURE: hand-made changes and assessed
// communities, not real assessments.

import type { AssessedCommunities, RoundChanges, RoundsApi } from '../api/rounds.ts';
import { fakeCalls, type CallControls } from './fake-calls.ts';

const round = (date: string, score: number, ci: [number, number] | null, organisation: string | null) => ({
  assessmentId: 0,
  date,
  score,
  respondents: ci ? 20 : null,
  ciLow: ci?.[0] ?? null,
  ciHigh: ci?.[1] ?? null,
  organisation,
});

/** Three communities with two rounds of a component: a marked rise, a small rise, one without an interval. */
export function fixtureChanges(q: {
  component: RoundChanges['component'];
  from: string;
  to: string;
}): RoundChanges {
  const units: RoundChanges['units'] = [
    {
      pcode: 'UA6312027',
      nameUk: 'Харківська',
      nameEn: 'Kharkivska',
      from: round('2033-02-01', 3, [2.4, 3.6], 'FIXTURE org'),
      to: round('2033-08-01', 6, [5.4, 6.6], 'FIXTURE org'),
      difference: 3,
      ciLow: 2.15,
      ciHigh: 3.85,
      excludesZero: true,
    },
    {
      pcode: 'UA6312001',
      nameUk: 'Безлюдівська',
      nameEn: 'Bezliudivska',
      from: round('2033-01-15', 5, [4, 6], 'FIXTURE org'),
      to: round('2033-09-01', 5.5, [4.5, 6.5], 'FIXTURE org'),
      difference: 0.5,
      ciLow: -0.91,
      ciHigh: 1.91,
      excludesZero: false,
    },
    {
      pcode: 'UA0502001',
      nameUk: 'Агрономічна',
      nameEn: 'Ahronomichna',
      from: round('2033-02-01', 7, null, null),
      to: round('2033-09-01', 4, [3.5, 4.5], 'FIXTURE org'),
      difference: -3,
      ciLow: null,
      ciHigh: null,
      excludesZero: false,
    },
  ];
  return {
    ...q,
    method: 'FIXTURE',
    communitiesWithTwoRounds: units.length,
    marked: 1,
    units,
  };
}

export const ASSESSED: AssessedCommunities = {
  communitiesAssessed: 2,
  rounds: 3,
  organisations: ['FIXTURE org'],
  units: [
    {
      pcode: 'UA6312027',
      nameUk: 'Харківська',
      nameEn: 'Kharkivska',
      rounds: 2,
      firstRound: '2033-02-01',
      latestRound: '2033-08-01',
      latestOrganisation: 'FIXTURE org',
      organisations: ['FIXTURE org'],
    },
    {
      pcode: 'UA0502001',
      nameUk: 'Агрономічна',
      nameEn: 'Ahronomichna',
      rounds: 1,
      firstRound: '2032-05-01',
      latestRound: '2032-05-01',
      latestOrganisation: null,
      organisations: [],
    },
  ],
};

type Method = keyof RoundsApi;

export interface FakeRoundsApi extends RoundsApi, CallControls<Method> {}

/** A RoundsApi over the fixtures; `empty` answers as a database where no round was ever imported. */
export function fakeRoundsApi(opts: { empty?: boolean } = {}): FakeRoundsApi {
  const { controls, answer } = fakeCalls<Method>();
  return {
    ...controls,
    changes: (q, signal) =>
      answer('changes', [q], signal, () =>
        opts.empty
          ? { ...fixtureChanges(q), communitiesWithTwoRounds: 0, marked: 0, units: [] }
          : fixtureChanges(q),
      ),
    communities: (signal) =>
      answer('communities', [], signal, () =>
        opts.empty ? { communitiesAssessed: 0, rounds: 0, organisations: [], units: [] } : ASSESSED,
      ),
  };
}
