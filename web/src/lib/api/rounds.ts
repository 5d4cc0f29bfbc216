import type { components } from './generated/schema';
import { dataOf, type Http } from './http.ts';
import type { AssessmentComponentId } from './schema.ts';

// Rounds and monitoring (issue #13, section 5): the change map's and the "who assessed when" layer's calls,
// kept apart from AtlasApi so that each view owns its own client. Shapes: server/features/rounds/rounds.schemas.ts.

type Signal = AbortSignal | undefined;
type S = components['schemas'];

export type RoundChanges = S['RoundChanges'];
export type CommunityChange = S['CommunityChange'];
export type AssessedCommunities = S['AssessedCommunities'];
export type AssessedCommunity = S['AssessedCommunity'];
export type { AssessmentComponentId } from './schema.ts';

export interface RoundsApi {
  /** Each community's change of one component between its latest rounds by two dates (from < to). */
  changes(
    query: { component: AssessmentComponentId; from: string; to: string },
    signal?: Signal,
  ): Promise<RoundChanges>;
  /** Every community with at least one assessment round: how many, when last, by whom. */
  communities(signal?: Signal): Promise<AssessedCommunities>;
}

export function createRoundsApi({ api }: Http): RoundsApi {
  return {
    changes: (query, signal) => dataOf(api.GET('/rounds/changes', { params: { query }, signal })),
    communities: (signal) => dataOf(api.GET('/rounds/communities', { signal })),
  };
}
