import { getJson, type Fetch } from './client.ts';

// The coverage view's API calls (issue #4), kept apart from AtlasApi so that each view owns its own client.

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the coverage view
export interface CoverageApi {}

export function createCoverageApi(
  fetchFn: Fetch = (input, init) => fetch(input, init),
  base = '',
): CoverageApi {
  void getJson;
  void fetchFn;
  void base;
  return {};
}
