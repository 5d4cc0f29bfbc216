import { createAccountApi, type AccountApi } from './account.ts';
import { createAdminApi, type AdminApi } from './admin.ts';
import { createCoverageApi, type CoverageApi } from './coverage.ts';
import { createEditingApi, type EditingApi } from './editing.ts';
import { createFieldRoundsApi, type FieldRoundsApi } from './field-rounds.ts';
import { createHttp, type Fetch } from './http.ts';
import { createApi, type AtlasApi } from './index.ts';
import { createRoundsApi, type RoundsApi } from './rounds.ts';
import { createStrategiesApi, type StrategiesApi } from './strategies.ts';
import { createTargetApi, type TargetApi } from './target.ts';

/** Every client the app talks to the server with, built once in main.ts (tests pass fakes). */
export interface Apis {
  atlas: AtlasApi;
  coverage: CoverageApi;
  target: TargetApi;
  account: AccountApi;
  editing: EditingApi;
  admin: AdminApi;
  rounds: RoundsApi;
  fieldRounds: FieldRoundsApi;
  strategies: StrategiesApi;
}

/** The app's clients, all over one typed client (http.ts), so that they share the session's CSRF token. */
export function createApis(fetchFn: Fetch = (input, init) => fetch(input, init), base = ''): Apis {
  const http = createHttp(fetchFn, base);
  return {
    atlas: createApi(http),
    coverage: createCoverageApi(http),
    target: createTargetApi(http),
    account: createAccountApi(http),
    editing: createEditingApi(http),
    admin: createAdminApi(http),
    rounds: createRoundsApi(http),
    fieldRounds: createFieldRoundsApi(http),
    strategies: createStrategiesApi(http),
  };
}
