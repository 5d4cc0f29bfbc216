import type { components, paths } from './generated/schema';
import { dataOf, type Http } from './http.ts';

// The safety strategies' API calls (issue #13, section 6), kept apart so that the strategies layer owns its
// client. Shapes as the API documents them (server/features/strategies/strategies.schemas.ts).

type Signal = AbortSignal | undefined;
type S = components['schemas'];

export type StrategyStage = S['StrategyStage'];
/** A strategy as GET /api/strategies lists it: the record, the community's names, who changed it last. */
export type Strategy = S['Strategy'];
export type StrategyRecord = S['StrategyRecord'];
export type StrategyWritten = S['StrategyWritten'];
export type NewStrategy = S['NewStrategy'];
export type StrategyPatch = S['StrategyPatch'];
export type StrategyCounts = S['StrategyCounts'];
export type StrategyQuery = NonNullable<paths['/strategies']['get']['parameters']['query']>;
export type StrategyCountsQuery = NonNullable<paths['/strategies/counts']['get']['parameters']['query']>;

export interface StrategiesApi {
  counts(query: StrategyCountsQuery, signal?: Signal): Promise<StrategyCounts>;
  list(query: StrategyQuery, signal?: Signal): Promise<Strategy[]>;
  create(body: NewStrategy): Promise<StrategyWritten>;
  patch(id: number, body: StrategyPatch): Promise<StrategyWritten>;
  remove(id: number): Promise<void>;
}

export function createStrategiesApi({ api }: Http): StrategiesApi {
  const id = (n: number) => ({ path: { id: n } });
  return {
    counts: (query, signal) => dataOf(api.GET('/strategies/counts', { params: { query }, signal })),
    list: (query, signal) => dataOf(api.GET('/strategies', { params: { query }, signal })),
    create: (body) => dataOf(api.POST('/strategies', { body })),
    patch: (n, body) => dataOf(api.PATCH('/strategies/{id}', { params: id(n), body })),
    remove: async (n) => {
      await dataOf(api.DELETE('/strategies/{id}', { params: id(n) }));
    },
  };
}
