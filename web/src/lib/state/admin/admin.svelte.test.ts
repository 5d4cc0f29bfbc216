import { describe, expect, it } from 'vitest';
import { createAccountApi, WriteError } from '../../api/account.ts';
import type { AdminApi, Organisation, User } from '../../api/admin.ts';
import { createHttp } from '../../api/http.ts';
import { wordAdminProblem } from '../../i18n/messages-admin.ts';
import { SessionState } from '../session.svelte.ts';
import { AdminState, organisationPatchOf, userPatchOf } from './admin.svelte.ts';

// AdminState over a fake admin API that keeps users and organisations in memory and refuses as the server does
// (server/features/users, organisations: 409 for a taken email or name, the last admin, an organisation still in
// use; 422 naming the field), so that the screens' writes and their words for each refusal are checked.

function fakeApi() {
  const users = new Map<number, User>();
  const organisations = new Map<number, Organisation & { assessments: number }>();
  let nextId = 1;
  const calls: { method: string; args: unknown[] }[] = [];
  const log = (method: string, ...args: unknown[]) => calls.push({ method, args });
  const org = (name: string, programmes = 0, assessments = 0) => {
    const o = {
      id: nextId++,
      name,
      nameUk: null,
      acronym: null,
      url: null,
      programmes,
      createdAt: '2026-12-01',
      assessments,
    };
    organisations.set(o.id, o);
    return o;
  };
  const user = (name: string, role: User['role'], orgIds: number[] = []): User => {
    const u: User = {
      id: nextId++,
      email: `${name.toLowerCase().replace(/\W/g, '')}@example.org`,
      name,
      role,
      organisations: orgIds.map((id) => ({ id, name: organisations.get(id)!.name })),
      disabledAt: null,
      passwordChangedAt: '2026-12-01T00:00:00Z',
      createdAt: '2026-12-01T00:00:00Z',
    };
    users.set(u.id, u);
    return u;
  };
  const used = org('FIXTURE Used', 2);
  const assessed = org('FIXTURE Assessed', 0, 1);
  const admin = user('FIXTURE Admin', 'admin');
  const editor = user('FIXTURE Editor', 'editor', [used.id]);
  const unknownOrgs = (ids: number[] | undefined) => {
    const missing = (ids ?? []).filter((id) => !organisations.has(id));
    if (missing.length)
      throw new WriteError(422, 'UNPROCESSABLE', `no organisation ${missing.join(', ')}`, '/api/users');
  };
  const api: AdminApi = {
    users: async () => (log('users'), [...users.values()]),
    organisations: async () => (log('organisations'), [...organisations.values()]),
    createUser: async (body) => {
      log('createUser', body);
      if ([...users.values()].some((u) => u.email === body.email))
        throw new WriteError(409, 'CONFLICT', `a user with email ${body.email} exists`, '/api/users');
      if (body.password.length < 12)
        throw new WriteError(
          422,
          'UNPROCESSABLE',
          'body parameter password: Too small: expected string to have >=12 characters',
          '/api/users',
        );
      unknownOrgs(body.organisationIds);
      const u = user(body.name, body.role, body.organisationIds ?? []);
      users.set(u.id, { ...u, email: body.email });
      return users.get(u.id)!;
    },
    patchUser: async (id, patch) => {
      log('patchUser', id, patch);
      const u = users.get(id)!;
      const admins = [...users.values()].filter((x) => x.role === 'admin' && x.disabledAt === null);
      if (
        u.role === 'admin' &&
        admins.length === 1 &&
        (patch.disabled || (patch.role && patch.role !== 'admin'))
      )
        throw new WriteError(
          409,
          'CONFLICT',
          'this is the last active admin: make another admin first',
          '/api/users',
        );
      unknownOrgs(patch.organisationIds);
      const next: User = {
        ...u,
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.role !== undefined && { role: patch.role }),
        ...(patch.organisationIds !== undefined && {
          organisations: patch.organisationIds.map((o) => ({ id: o, name: organisations.get(o)!.name })),
        }),
        ...(patch.disabled !== undefined && { disabledAt: patch.disabled ? '2026-12-04T00:00:00Z' : null }),
      };
      users.set(id, next);
      return next;
    },
    createOrganisation: async (body) => {
      log('createOrganisation', body);
      if ([...organisations.values()].some((o) => o.name === body.name))
        throw new WriteError(
          409,
          'CONFLICT',
          `an organisation named "${body.name}" exists (id 1)`,
          '/api/organisations',
        );
      return org(body.name);
    },
    patchOrganisation: async (id, patch) => {
      log('patchOrganisation', id, patch);
      const o = organisations.get(id)!;
      organisations.set(id, { ...o, ...patch } as typeof o);
      return organisations.get(id);
    },
    deleteOrganisation: async (id) => {
      log('deleteOrganisation', id);
      const o = organisations.get(id);
      if (!o) throw new WriteError(404, 'NOT_FOUND', `no organisation ${id}`, '/api/organisations');
      if (o.programmes > 0 || o.assessments > 0)
        throw new WriteError(409, 'CONFLICT', `organisation ${id} still has records`, '/api/organisations');
      organisations.delete(id);
    },
  };
  return {
    api,
    users,
    organisations,
    calls,
    ids: { used: used.id, assessed: assessed.id, admin: admin.id, editor: editor.id },
  };
}

function setup(role: 'admin' | 'editor' = 'admin') {
  const fake = fakeApi();
  const session = new SessionState(createAccountApi(createHttp(async () => new Response('{}'))));
  session.user = {
    id: fake.ids.admin,
    email: 'a@example.org',
    name: 'FIXTURE Admin',
    role,
    organisations: [],
  };
  session.status = 'ready';
  const admin = new AdminState({ api: fake.api, session });
  return { ...fake, admin };
}

describe('AdminState', () => {
  it('opens for admins only, loading users and organisations sorted by name', async () => {
    const refused = setup('editor');
    await refused.admin.show();
    expect(refused.admin.open).toBe(false);
    expect(refused.calls).toEqual([]);

    const { admin } = setup();
    await admin.show('organisations');
    expect(admin.open).toBe(true);
    expect(admin.tab).toBe('organisations');
    expect(admin.users.map((u) => u.name)).toEqual(['FIXTURE Admin', 'FIXTURE Editor']);
    expect(admin.organisations.map((o) => o.name)).toEqual(['FIXTURE Assessed', 'FIXTURE Used']);
  });

  it('creates an organisation and then an editor of it', async () => {
    const { admin, users, calls } = setup();
    await admin.show('organisations');
    admin.newOrganisation();
    admin.organisationDraft.name = '  FIXTURE New Org ';
    admin.organisationDraft.acronym = 'FNO';
    expect(await admin.saveOrganisation()).toBe(true);
    expect(admin.notice).toBe('organisationCreated');
    const created = admin.organisations.find((o) => o.name === 'FIXTURE New Org')!;
    expect(calls.find((c) => c.method === 'createOrganisation')!.args[0]).toEqual({
      name: 'FIXTURE New Org',
      nameUk: null,
      acronym: 'FNO',
      url: null,
    });
    admin.newUser();
    admin.userDraft.email = 'new.editor@example.org';
    admin.userDraft.name = 'FIXTURE New Editor';
    admin.userDraft.password = 'FIXTURE password 1234';
    admin.toggleUserOrganisation(created.id);
    expect(await admin.saveUser()).toBe(true);
    expect(admin.notice).toBe('userCreated');
    expect(admin.userForm).toBeNull();
    const u = [...users.values()].find((x) => x.email === 'new.editor@example.org')!;
    expect(u.role).toBe('editor');
    expect(u.organisations.map((o) => o.id)).toEqual([created.id]);
  });

  it('sends only what changed of a user, the active box as disabled', async () => {
    const { admin, calls, ids } = setup();
    await admin.show();
    admin.editUser(admin.users.find((u) => u.id === ids.editor)!);
    admin.userDraft.active = false;
    admin.userDraft.role = 'viewer';
    expect(await admin.saveUser()).toBe(true);
    expect(calls.find((c) => c.method === 'patchUser')!.args).toEqual([
      ids.editor,
      { role: 'viewer', disabled: true },
    ]);
    expect(admin.users.find((u) => u.id === ids.editor)!.disabledAt).not.toBeNull();
  });

  it('renames an organisation and deletes an unused one only after confirmation', async () => {
    const { admin, calls, organisations, ids } = setup();
    await admin.show('organisations');
    admin.editOrganisation(admin.organisations.find((o) => o.id === ids.assessed)!);
    admin.organisationDraft.name = 'FIXTURE Renamed';
    expect(await admin.saveOrganisation()).toBe(true);
    expect(calls.find((c) => c.method === 'patchOrganisation')!.args).toEqual([
      ids.assessed,
      { name: 'FIXTURE Renamed' },
    ]);

    admin.newOrganisation();
    admin.organisationDraft.name = 'FIXTURE Unused';
    await admin.saveOrganisation();
    const unused = admin.organisations.find((o) => o.name === 'FIXTURE Unused')!;
    admin.askDelete(unused.id);
    admin.cancelDelete();
    expect(await admin.confirmDeleteOrganisation()).toBe(false);
    expect(organisations.has(unused.id)).toBe(true);
    admin.askDelete(unused.id);
    expect(await admin.confirmDeleteOrganisation()).toBe(true);
    expect(organisations.has(unused.id)).toBe(false);
    expect(admin.notice).toBe('organisationDeleted');
  });

  it('keeps each refusal with what was attempted, for the screens to word', async () => {
    const { admin, ids } = setup();
    await admin.show();
    admin.askDelete(ids.assessed);
    expect(await admin.confirmDeleteOrganisation()).toBe(false);
    expect(admin.problem).toMatchObject({ action: 'deleteOrganisation', status: 409 });
    expect(wordAdminProblem(admin.problem!, 'uk').message).toMatch(/ще є програми або оцінки/);

    admin.newUser();
    admin.userDraft.email = 'fixtureeditor@example.org';
    admin.userDraft.name = 'Dup';
    admin.userDraft.password = 'FIXTURE password 1234';
    expect(await admin.saveUser()).toBe(false);
    const taken = wordAdminProblem(admin.problem!, 'en');
    expect(taken).toEqual({
      message: 'A user with this email exists.',
      fields: { email: 'A user with this email exists.' },
    });

    admin.userDraft.email = 'short@example.org';
    admin.userDraft.password = 'short';
    expect(await admin.saveUser()).toBe(false);
    expect(wordAdminProblem(admin.problem!, 'uk').fields.password).toBe(
      'Пароль має містити щонайменше 12 символів.',
    );

    admin.editUser(admin.users.find((u) => u.id === ids.admin)!);
    admin.userDraft.role = 'editor';
    expect(await admin.saveUser()).toBe(false);
    expect(wordAdminProblem(admin.problem!, 'en').message).toBe(
      'This is the last active admin: make another admin first.',
    );

    admin.newOrganisation();
    admin.organisationDraft.name = 'FIXTURE Used';
    expect(await admin.saveOrganisation()).toBe(false);
    expect(wordAdminProblem(admin.problem!, 'uk').fields.name).toMatch(/вже є/);
  });
});

describe('patches', () => {
  const base: User = {
    id: 1,
    email: 'a@example.org',
    name: 'A',
    role: 'editor',
    organisations: [
      { id: 2, name: 'B' },
      { id: 3, name: 'C' },
    ],
    disabledAt: null,
    passwordChangedAt: '',
    createdAt: '',
  };

  it('sends nothing for an unchanged user, organisations compared as a set', () => {
    expect(
      userPatchOf(base, {
        email: 'a@example.org',
        name: 'A',
        role: 'editor',
        organisationIds: [3, 2],
        active: true,
        password: '',
      }),
    ).toEqual({});
  });

  it('clears an organisation detail with null and keeps untouched ones out', () => {
    const o: Organisation = {
      id: 1,
      name: 'N',
      nameUk: 'Н',
      acronym: 'X',
      url: null,
      programmes: 0,
      createdAt: '',
    };
    expect(
      organisationPatchOf(o, { name: 'N', nameUk: 'Н', acronym: ' ', url: 'https://example.org' }),
    ).toEqual({
      acronym: null,
      url: 'https://example.org',
    });
  });
});
