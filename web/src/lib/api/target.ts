import { getJson, type Fetch } from './client.ts';

// The target view's API calls (issue #4), kept apart from AtlasApi so that each view owns its own client.

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the target view
export interface TargetApi {}

export function createTargetApi(fetchFn: Fetch = (input, init) => fetch(input, init), base = ''): TargetApi {
  void getJson;
  void fetchFn;
  void base;
  return {};
}
