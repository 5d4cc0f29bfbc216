import type { components } from './generated/schema';
import { dataOf, type Http } from './http.ts';

// The admin screens (issue #13 §7, docs/accounts.md): users (role, organisations, active) and organisations
// (create, rename, delete when unused), over /api/users and /api/organisations. The server checks the role on
// every call; the client only shows the screens to admins.

type Signal = AbortSignal | undefined;
type S = components['schemas'];

export type User = S['User'];
export type NewUser = S['NewUser'];
export type UserPatch = S['UserPatch'];
export type Organisation = S['Organisation'];
export type NewOrganisation = S['NewOrganisation'];
export type OrganisationPatch = S['OrganisationPatch'];

export interface AdminApi {
  users(signal?: Signal): Promise<User[]>;
  createUser(body: NewUser): Promise<User>;
  patchUser(id: number, patch: UserPatch): Promise<User>;
  organisations(signal?: Signal): Promise<Organisation[]>;
  createOrganisation(body: NewOrganisation): Promise<unknown>;
  patchOrganisation(id: number, patch: OrganisationPatch): Promise<unknown>;
  deleteOrganisation(id: number): Promise<void>;
}

export function createAdminApi(http: Http): AdminApi {
  const { api } = http;
  const id = (n: number) => ({ path: { id: n } });
  return {
    users: (signal) => dataOf(api.GET('/users', { params: { query: { limit: 1000 } }, signal })),
    createUser: (body) => dataOf(api.POST('/users', { body })),
    patchUser: (n, body) => dataOf(api.PATCH('/users/{id}', { params: id(n), body })),
    organisations: (signal) =>
      dataOf(api.GET('/organisations', { params: { query: { limit: 1000 } }, signal })),
    createOrganisation: (body) => dataOf(api.POST('/organisations', { body })),
    patchOrganisation: (n, body) => dataOf(api.PATCH('/organisations/{id}', { params: id(n), body })),
    deleteOrganisation: async (n) => {
      await dataOf(api.DELETE('/organisations/{id}', { params: id(n) }));
    },
  };
}
