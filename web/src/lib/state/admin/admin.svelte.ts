import { WriteError } from '../../api/account.ts';
import type { AdminApi, NewUser, Organisation, OrganisationPatch, User, UserPatch } from '../../api/admin.ts';
import type { Role } from '../../api/account.ts';
import { LatestLoad } from '../latest-load.svelte.ts';
import { toLoadError, type LoadError, type LoadStatus } from '../load-status.ts';
import type { SessionState } from '../session.svelte.ts';

// The admin screens (issue #13 §7): users (create; change name, role, organisations; disable or re-enable;
// set a new password) and organisations (create, rename, delete when unused), over /api/users and
// /api/organisations (docs/accounts.md). Only admins reach them (the account menu); the server checks anyway,
// and its refusals come back as problems the screens word in the UI language (messages-admin.ts).

export type AdminTab = 'users' | 'organisations';

/** The user form as typed. */
export interface UserDraft {
  email: string;
  name: string;
  role: Role;
  organisationIds: number[];
  active: boolean;
  /** Required for a new user; for a saved one, '' keeps the password. */
  password: string;
}

export interface OrganisationDraft {
  name: string;
  nameUk: string;
  acronym: string;
  url: string;
}

/** Which write a problem is of (the screens word a conflict by what was attempted). */
export type AdminAction = 'user' | 'organisation' | 'deleteOrganisation';

export interface AdminProblem {
  action: AdminAction;
  status: number;
  code: string;
  message: string;
  fields: Record<string, string>;
}

/** What the screens confirm after a write that went through. */
export type AdminNotice =
  'userCreated' | 'userSaved' | 'organisationCreated' | 'organisationSaved' | 'organisationDeleted';

export interface AdminDeps {
  api: AdminApi;
  session: SessionState;
}

const emptyUser = (): UserDraft => ({
  email: '',
  name: '',
  role: 'editor',
  organisationIds: [],
  active: true,
  password: '',
});

const emptyOrganisation = (): OrganisationDraft => ({ name: '', nameUk: '', acronym: '', url: '' });

export const userDraftOf = (u: User): UserDraft => ({
  email: u.email,
  name: u.name,
  role: u.role,
  organisationIds: u.organisations.map((o) => o.id),
  active: u.disabledAt === null,
  password: '',
});

export const organisationDraftOf = (o: Organisation): OrganisationDraft => ({
  name: o.name,
  nameUk: o.nameUk ?? '',
  acronym: o.acronym ?? '',
  url: o.url ?? '',
});

const orNull = (s: string) => (s.trim() === '' ? null : s.trim());
const sameIds = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);

/** The changes of a saved user's form, as PATCH /api/users/{id} takes them (nothing unchanged is sent). */
export function userPatchOf(before: User, d: UserDraft): UserPatch {
  const patch: UserPatch = {};
  if (d.name.trim() !== before.name) patch.name = d.name.trim();
  if (d.role !== before.role) patch.role = d.role;
  if (
    !sameIds(
      d.organisationIds,
      before.organisations.map((o) => o.id),
    )
  )
    patch.organisationIds = d.organisationIds;
  if (d.active !== (before.disabledAt === null)) patch.disabled = !d.active;
  if (d.password !== '') patch.password = d.password;
  return patch;
}

/** The changes of a saved organisation's form, as PATCH /api/organisations/{id} takes them. */
export function organisationPatchOf(before: Organisation, d: OrganisationDraft): OrganisationPatch {
  const patch: OrganisationPatch = {};
  if (d.name.trim() !== before.name) patch.name = d.name.trim();
  if (orNull(d.nameUk) !== before.nameUk) patch.nameUk = orNull(d.nameUk);
  if (orNull(d.acronym) !== before.acronym) patch.acronym = orNull(d.acronym);
  if (orNull(d.url) !== before.url) patch.url = orNull(d.url);
  return patch;
}

export class AdminState {
  readonly #api: AdminApi;
  readonly #session: SessionState;
  readonly #load = new LatestLoad();

  open = $state(false);
  tab = $state<AdminTab>('users');
  users = $state.raw<User[]>([]);
  organisations = $state.raw<Organisation[]>([]);
  get status(): LoadStatus {
    return this.#load.status;
  }
  get error(): LoadError | null {
    return this.#load.error;
  }

  /** The user form: closed (null), a new user ('new'), or the id of the user being changed. */
  userForm = $state<'new' | number | null>(null);
  userDraft = $state<UserDraft>(emptyUser());
  organisationForm = $state<'new' | number | null>(null);
  organisationDraft = $state<OrganisationDraft>(emptyOrganisation());
  /** The organisation whose deletion waits for "Yes, delete". */
  confirmingDelete = $state<number | null>(null);

  saving = $state(false);
  problem = $state.raw<AdminProblem | null>(null);
  notice = $state<AdminNotice | null>(null);

  readonly isAdmin = $derived.by(() => this.#session.role === 'admin');

  constructor(deps: AdminDeps) {
    this.#api = deps.api;
    this.#session = deps.session;
  }

  /** Opens the screens on `tab` and loads users and organisations (admins only). */
  async show(tab: AdminTab = this.tab): Promise<void> {
    if (!this.isAdmin) return;
    this.tab = tab;
    this.open = true;
    this.#clearMessages();
    await this.load();
  }

  close(): void {
    this.open = false;
    this.userForm = null;
    this.organisationForm = null;
    this.confirmingDelete = null;
    this.#clearMessages();
    this.#load.abort();
  }

  async load(): Promise<void> {
    await this.#load.run(
      (signal) => Promise.all([this.#api.users(signal), this.#api.organisations(signal)]),
      ([users, organisations]) => {
        this.users = [...users].sort((a, b) => a.name.localeCompare(b.name));
        this.organisations = [...organisations].sort((a, b) => a.name.localeCompare(b.name));
      },
    );
  }

  #clearMessages(): void {
    this.problem = null;
    this.notice = null;
  }

  #fail(action: AdminAction, err: unknown): void {
    this.problem =
      err instanceof WriteError
        ? { action, status: err.status, code: err.code, message: err.message, fields: err.fields }
        : { action, status: 0, code: 'NETWORK', message: toLoadError(err).message, fields: {} };
  }

  newUser(): void {
    this.#clearMessages();
    this.userForm = 'new';
    this.userDraft = emptyUser();
  }

  editUser(u: User): void {
    this.#clearMessages();
    this.userForm = u.id;
    this.userDraft = userDraftOf(u);
  }

  toggleUserOrganisation(id: number): void {
    const ids = this.userDraft.organisationIds;
    this.userDraft.organisationIds = ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id];
  }

  cancelUser(): void {
    this.userForm = null;
    this.problem = null;
  }

  /** Creates the user of the form, or sends what changed of the one being changed. */
  async saveUser(): Promise<boolean> {
    const form = this.userForm;
    if (form === null) return false;
    const d = this.userDraft;
    this.saving = true;
    this.#clearMessages();
    try {
      if (form === 'new') {
        const body: NewUser = {
          email: d.email.trim(),
          name: d.name.trim(),
          role: d.role,
          password: d.password,
          organisationIds: d.organisationIds,
        };
        await this.#session.write(() => this.#api.createUser(body));
        this.notice = 'userCreated';
      } else {
        const before = this.users.find((u) => u.id === form);
        const patch = before ? userPatchOf(before, d) : {};
        if (Object.keys(patch).length > 0) await this.#session.write(() => this.#api.patchUser(form, patch));
        this.notice = 'userSaved';
      }
      this.userForm = null;
      await this.load();
      return true;
    } catch (err) {
      this.#fail('user', err);
      return false;
    } finally {
      this.saving = false;
    }
  }

  newOrganisation(): void {
    this.#clearMessages();
    this.confirmingDelete = null;
    this.organisationForm = 'new';
    this.organisationDraft = emptyOrganisation();
  }

  editOrganisation(o: Organisation): void {
    this.#clearMessages();
    this.confirmingDelete = null;
    this.organisationForm = o.id;
    this.organisationDraft = organisationDraftOf(o);
  }

  cancelOrganisation(): void {
    this.organisationForm = null;
    this.problem = null;
  }

  async saveOrganisation(): Promise<boolean> {
    const form = this.organisationForm;
    if (form === null) return false;
    const d = this.organisationDraft;
    this.saving = true;
    this.#clearMessages();
    try {
      if (form === 'new') {
        await this.#session.write(() =>
          this.#api.createOrganisation({
            name: d.name.trim(),
            nameUk: orNull(d.nameUk),
            acronym: orNull(d.acronym),
            url: orNull(d.url),
          }),
        );
        this.notice = 'organisationCreated';
      } else {
        const before = this.organisations.find((o) => o.id === form);
        const patch = before ? organisationPatchOf(before, d) : {};
        if (Object.keys(patch).length > 0)
          await this.#session.write(() => this.#api.patchOrganisation(form, patch));
        this.notice = 'organisationSaved';
      }
      this.organisationForm = null;
      await this.load();
      return true;
    } catch (err) {
      this.#fail('organisation', err);
      return false;
    } finally {
      this.saving = false;
    }
  }

  askDelete(id: number): void {
    this.#clearMessages();
    this.organisationForm = null;
    this.confirmingDelete = id;
  }

  cancelDelete(): void {
    this.confirmingDelete = null;
  }

  /** Deletes the organisation waiting for confirmation; the server refuses one that still has records. */
  async confirmDeleteOrganisation(): Promise<boolean> {
    const id = this.confirmingDelete;
    if (id === null) return false;
    this.saving = true;
    this.#clearMessages();
    try {
      await this.#session.write(() => this.#api.deleteOrganisation(id));
      this.notice = 'organisationDeleted';
      this.confirmingDelete = null;
      await this.load();
      return true;
    } catch (err) {
      this.#fail('deleteOrganisation', err);
      this.confirmingDelete = null;
      return false;
    } finally {
      this.saving = false;
    }
  }

  dispose(): void {
    this.#load.abort();
  }
}
