import type { components, paths } from './generated/schema';
import { dataOf, type Http } from './http.ts';
import type { Coverage, IndicatorValues } from './schema.ts';

// The coverage view's API calls (issue #4), kept apart from AtlasApi so that each view owns its own client.
// Shapes as the API documents them (server/features/programmes, targeting, models *.schemas.ts).

type Signal = AbortSignal | undefined;
type S = components['schemas'];

export type { Coverage, CoverageUnit } from './schema.ts';

type Definition = S['ModelDefinition'];
type IndicatorNode = Definition['dimensions'][number]['components'][number]['indicators'][number];
/** The parts of a model definition (GET /api/models/{id}) this view reads: version, classes and inputs. */
export type ModelDefinition = Pick<Definition, 'id' | 'version' | 'name'> & {
  classes: { thresholds: number[]; labels: Definition['name'][] };
  /** The ranking threshold: a gap resting on a needs score below it is drawn faded (issue #14, item 2). */
  confidence?: Pick<Definition['confidence'], 'minForRanking'>;
  dimensions: {
    id: string;
    components: { id: string; indicators: Pick<IndicatorNode, 'id' | 'indicatorId' | 'period'>[] }[];
  }[];
};
/** GET /api/coverage/3w: organisation × sector × oblast, people reached, programmes active per month. */
export type Coverage3w = S['Coverage3w'];
export type PivotRow = S['PivotRow'];
export type ProgrammeStatus = NonNullable<S['Programme']['status']>;
export type ProgrammeOrganisation = S['ProgrammeOrganisation'];
/** The dataset a programme was imported from. */
export type ProgrammeSource = S['ProgrammeSource'];
export type ProgrammeSite = S['ProgrammeSite'];
export type Programme = S['Programme'];
export type ProgrammeFacets = S['ProgrammeFacets'];
// Without the filters the answers echo back: the client knows what it asked.
export type ProgrammeList = Omit<S['ProgrammeList'], 'filters'>;
export type ProgrammeSummary = Omit<S['ProgrammeSummary'], 'filters'>;
/** Programmes and distinct hromadas for one sector or one oblast. */
export type CountRow = ProgrammeSummary['bySector'][number];
/** The first programme of a hromada in the list's order: what the map's tooltip names. */
export type HromadaFirst = ProgrammeSummary['hromadaProgrammes'][number]['first'];

type ListQuery = NonNullable<paths['/programmes']['get']['parameters']['query']>;
/** GET /api/programmes filters; dates are YYYY-MM-DD and select sites active in [activeFrom, activeTo]. */
export type ProgrammeQuery = NonNullable<paths['/programmes/summary']['get']['parameters']['query']>;
/** A page of the list: its size and where it starts. */
export type PageQuery = Pick<ListQuery, 'limit' | 'cursor'>;

export interface CoverageApi {
  programmes(query: ProgrammeQuery & PageQuery, signal?: Signal): Promise<ProgrammeList>;
  programmeSummary(query: ProgrammeQuery, signal?: Signal): Promise<ProgrammeSummary>;
  coverage(query: { sector?: string; asOf?: string }, signal?: Signal): Promise<Coverage>;
  /** The 3W pivot, reach totals and monthly activity of the filtered programmes (issue #14, item 7). */
  coverage3w?(query: ProgrammeQuery, signal?: Signal): Promise<Coverage3w>;
  model(id: string, signal?: Signal): Promise<ModelDefinition>;
  /** An indicator's latest hromada values (the view reads the occupied share, to set occupied hromadas apart). */
  indicatorValues(id: string, signal?: Signal): Promise<IndicatorValues>;
}

export function createCoverageApi({ api }: Http): CoverageApi {
  return {
    programmes: (query, signal) => dataOf(api.GET('/programmes', { params: { query }, signal })),
    programmeSummary: (query, signal) =>
      dataOf(api.GET('/programmes/summary', { params: { query }, signal })),
    coverage: (query, signal) => dataOf(api.GET('/coverage', { params: { query }, signal })),
    coverage3w: (query, signal) => dataOf(api.GET('/coverage/3w', { params: { query }, signal })),
    model: (id, signal) => dataOf(api.GET('/models/{id}', { params: { path: { id } }, signal })),
    // Without format=columns the values come keyed by pcode (the other form of the same answer).
    indicatorValues: async (id, signal) =>
      (await dataOf(
        api.GET('/indicators/{id}/values', { params: { path: { id }, query: { level: 'hromada' } }, signal }),
      )) as IndicatorValues,
  };
}
