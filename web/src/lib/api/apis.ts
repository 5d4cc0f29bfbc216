import { createAccountApi, type AccountApi } from './account.ts';
import type { Fetch } from './client.ts';
import { createCoverageApi, type CoverageApi } from './coverage.ts';
import { createEditingApi, type EditingApi } from './editing.ts';
import { createApi, type AtlasApi } from './index.ts';
import { createTargetApi, type TargetApi } from './target.ts';

/** Every client the app talks to the server with, built once in main.ts (tests pass fakes). */
export interface Apis {
  atlas: AtlasApi;
  coverage: CoverageApi;
  target: TargetApi;
  account: AccountApi;
  editing: EditingApi;
}

export function createApis(fetchFn: Fetch = (input, init) => fetch(input, init), base = ''): Apis {
  const account = createAccountApi(fetchFn, base);
  return {
    atlas: createApi(fetchFn, base),
    coverage: createCoverageApi(fetchFn, base),
    target: createTargetApi(fetchFn, base),
    account,
    editing: createEditingApi(account.send, fetchFn, base),
  };
}
