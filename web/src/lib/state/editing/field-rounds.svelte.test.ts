import { describe, expect, it } from 'vitest';
import { createAccountApi, WriteError } from '../../api/account.ts';
import { createHttp } from '../../api/http.ts';
import { fakeFieldRoundsApi, fixturePreview } from '../../testing/field-rounds-fake-api.ts';
import { SessionState } from '../session.svelte.ts';
import { FieldRoundsState } from './field-rounds.svelte.ts';

// FieldRoundsState over a fake API (testing/field-rounds-fake-api.ts): nothing is written before Commit, a
// commit reloads the lists and the Coverage view and tells the app, an organisation change drops the preview.

function setup(role: 'editor' | 'admin' = 'editor') {
  const fake = fakeFieldRoundsApi();
  const session = new SessionState(createAccountApi(createHttp(async () => new Response('{}'))));
  session.user = {
    id: 1,
    email: 'e@x.org',
    name: 'Олена',
    role,
    organisations: [
      { id: 3, name: 'Org 3' },
      { id: 4, name: 'Org 4' },
    ],
  };
  session.status = 'ready';
  let refreshes = 0;
  let changes = 0;
  const all = [
    { id: 3, name: 'Org 3' },
    { id: 4, name: 'Org 4' },
    { id: 9, name: 'Org 9' },
  ];
  const rounds = new FieldRoundsState({
    api: fake.api,
    session,
    coverage: {
      refresh: async () => {
        refreshes++;
      },
    },
    organisations: () => (role === 'admin' ? all : session.organisations),
    onchanged: () => changes++,
  });
  const calls = (method: string) => fake.controls.calls.filter((c) => c.method === method);
  return { ...fake, rounds, calls, refreshes: () => refreshes, changes: () => changes };
}

const file = new Blob(['FIXTURE'], { type: 'text/csv' });

describe('FieldRoundsState', () => {
  it("opens on the user's first organisation and lists its rounds and uploads", async () => {
    const t = setup();
    await t.rounds.open();
    expect(t.rounds.organisationId).toBe(3);
    expect(t.calls('rounds').map((c) => c.args[0])).toEqual([{ organisationId: 3, limit: 20 }]);
    expect(t.calls('uploads').map((c) => c.args[0])).toEqual([{ organisationId: 3, limit: 20 }]);
    expect(t.rounds.workStatus).toBe('ready');
    expect(t.rounds.rounds).toEqual([]);
  });

  it('previews without writing: the rounds and the rejected rows, Commit allowed', async () => {
    const t = setup();
    await t.rounds.open();
    await t.rounds.preview('FIXTURE-kobo.csv', file);
    expect(t.calls('upload').map((c) => c.args.slice(0, 2))).toEqual([['preview', 3]]);
    expect(t.calls('upload')[0]!.args[3]).toBe('FIXTURE-kobo.csv');
    expect(t.rounds.status).toBe('previewed');
    expect(t.rounds.result?.rejected.map((r) => r.code)).toEqual(['no_consent', 'unknown_hromada']);
    expect(t.rounds.canCommit).toBe(true);
    expect(t.refreshes()).toBe(0);
    expect(t.changes()).toBe(0);
  });

  it('commits the previewed file, then reloads its lists and the Coverage view and tells the app', async () => {
    const t = setup();
    await t.rounds.open();
    await t.rounds.preview('FIXTURE-kobo.csv', file);
    expect(await t.rounds.commit()).toBe(true);
    expect(t.calls('upload').map((c) => c.args.slice(0, 3))).toEqual([
      ['preview', 3, file],
      ['commit', 3, file],
    ]);
    expect(t.rounds.status).toBe('committed');
    expect(t.rounds.result?.committed).toBe(true);
    expect(t.rounds.rounds.map((r) => r.pcode)).toEqual(['UA6314017']);
    expect(t.rounds.uploads.map((u) => u.fileName)).toEqual(['FIXTURE-kobo.csv']);
    expect(t.refreshes()).toBe(1);
    expect(t.changes()).toBe(1);
    // The same preview cannot be committed twice.
    expect(await t.rounds.commit()).toBe(false);
    expect(t.calls('upload')).toHaveLength(2);
  });

  it('does not offer Commit when nothing new would be imported', async () => {
    const t = setup();
    await t.rounds.open();
    t.setPreview(fixturePreview(0));
    await t.rounds.preview('again.csv', file);
    expect(t.rounds.canCommit).toBe(false);
    expect(await t.rounds.commit()).toBe(false);
    expect(t.calls('upload')).toHaveLength(1);
  });

  it("shows a refused file's message and commits nothing", async () => {
    const t = setup();
    await t.rounds.open();
    t.controls.fail(
      'upload',
      new WriteError(
        422,
        'UNPROCESSABLE',
        'x.csv: not an export of the form',
        '/api/assessment-submissions/preview',
      ),
    );
    await t.rounds.preview('x.csv', file);
    expect(t.rounds.status).toBe('error');
    expect(t.rounds.problem).toEqual({ message: 'x.csv: not an export of the form', status: 422 });
    expect(await t.rounds.commit()).toBe(false);
  });

  it('drops the preview when the organisation changes, and cancel drops it too', async () => {
    const t = setup('admin');
    await t.rounds.open();
    expect(t.rounds.organisations.map((o) => o.id)).toEqual([3, 4, 9]);
    await t.rounds.preview('FIXTURE-kobo.csv', file);
    await t.rounds.selectOrganisation(9);
    expect(t.rounds.result).toBeNull();
    expect(t.rounds.status).toBe('idle');
    expect(t.calls('rounds').at(-1)!.args[0]).toEqual({ organisationId: 9, limit: 20 });
    await t.rounds.preview('FIXTURE-kobo.csv', file);
    t.rounds.cancel();
    expect([t.rounds.result, t.rounds.file, t.rounds.status]).toEqual([null, null, 'idle']);
    expect(t.calls('upload').map((c) => c.args[0])).toEqual(['preview', 'preview']);
  });

  it("loads every page of an upload's rejected rows on demand, and hides them again", async () => {
    const t = setup();
    t.setRejectedRows(2500);
    await t.rounds.open();
    await t.rounds.toggleRejected(100);
    expect(t.rounds.openUpload).toBe(100);
    expect(t.rounds.rejected).toHaveLength(2500);
    expect(t.calls('rejected').map((c) => c.args[1])).toEqual([
      { limit: 1000 },
      { limit: 1000, cursor: '1000' },
      { limit: 1000, cursor: '2000' },
    ]);
    await t.rounds.toggleRejected(100);
    expect([t.rounds.openUpload, t.rounds.rejected]).toEqual([null, []]);
  });

  it("keeps the lists' error and recovers on the next load", async () => {
    const t = setup();
    t.controls.fail('uploads', new Error('boom'));
    await t.rounds.open();
    expect(t.rounds.workStatus).toBe('error');
    expect(t.rounds.workError?.message).toBe('boom');
    t.controls.succeed('uploads');
    await t.rounds.loadWork();
    expect(t.rounds.workStatus).toBe('ready');
  });
});
