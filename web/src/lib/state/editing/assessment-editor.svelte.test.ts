import { describe, expect, it } from 'vitest';
import { createAccountApi, WriteError } from '../../api/account.ts';
import type { AssessmentView, EditingApi } from '../../api/editing.ts';
import { createHttp } from '../../api/http.ts';
import { wordProblem } from '../../i18n/messages-assessments.ts';
import { SessionState } from '../session.svelte.ts';
import { AssessmentEditor, assessmentDraftOf } from './assessment-editor.svelte.ts';

// AssessmentEditor over a fake assessments API that keeps assessments in memory and refuses as the server does
// (server/features/assessments: 403 for another organisation's, 404 for a deleted one, 409 for a taken date,
// 422 naming the field), so that the list, the prefilled correction and the confirmed deletion are checked
// against real answers, and the form's words for each refusal in both languages.

const PCODE = 'UA6312027';

function view(
  id: number,
  organisationId: number | null,
  assessedOn: string,
  scores: Record<string, number | null>,
) {
  return {
    id,
    pcode: PCODE,
    assessedOn,
    organisationId,
    assessor: 'FIXTURE assessor',
    strategyAdopted: true,
    notes: null,
    scores,
    lastChangedAt: null,
    lastChangedBy: null,
  } satisfies AssessmentView;
}

function fakeApi() {
  const store = new Map<number, AssessmentView>([
    [1, view(1, 3, '2026-10-01', { cohesion_trust: 6.5, idp_youth: null })],
    [2, view(2, 5, '2026-09-01', { cohesion_trust: 4 })],
  ]);
  let nextId = 10;
  const calls: { method: string; args: unknown[] }[] = [];
  const mine = new Set([3, 4]);
  const refuseScores = (scores: Record<string, unknown> | undefined) => {
    for (const [c, v] of Object.entries(scores ?? {})) {
      if (v !== null && (typeof v !== 'number' || v < 0 || v > 10))
        throw new WriteError(
          422,
          'UNPROCESSABLE',
          `body parameter scores.${c}: Too big: expected number to be <=10`,
          '/api/assessments',
        );
    }
  };
  const takenDate = (date: string, except?: number) => {
    for (const a of store.values())
      if (a.assessedOn === date && a.id !== except)
        throw new WriteError(
          409,
          'CONFLICT',
          `${PCODE} already has an assessment on ${date}`,
          '/api/assessments',
        );
  };
  const api: Pick<
    EditingApi,
    'assessments' | 'createAssessment' | 'patchAssessment' | 'deleteAssessment' | 'organisations'
  > = {
    assessments: async (pcode) => {
      calls.push({ method: 'assessments', args: [pcode] });
      return [...store.values()]
        .filter((a) => a.pcode === pcode)
        .sort((a, b) => b.assessedOn.localeCompare(a.assessedOn));
    },
    organisations: async () =>
      [
        { id: 3, name: 'FIXTURE Org 3', nameUk: null, acronym: null, programmes: 0 },
        { id: 5, name: 'FIXTURE Org 5', nameUk: null, acronym: null, programmes: 0 },
      ] as never,
    createAssessment: async (body) => {
      calls.push({ method: 'createAssessment', args: [body] });
      refuseScores(body.scores);
      takenDate(body.assessedOn);
      const a = view(
        nextId++,
        body.organisationId,
        body.assessedOn,
        body.scores as Record<string, number | null>,
      );
      store.set(a.id, a);
      return a;
    },
    patchAssessment: async (id, patch) => {
      calls.push({ method: 'patchAssessment', args: [id, patch] });
      const a = store.get(id);
      if (!a) throw new WriteError(404, 'NOT_FOUND', `no assessment ${id}`, '/api/assessments');
      if (a.organisationId === null || !mine.has(a.organisationId))
        throw new WriteError(403, 'FORBIDDEN', `you may not change assessment ${id}`, '/api/assessments');
      refuseScores(patch.scores);
      if (patch.assessedOn) takenDate(patch.assessedOn, id);
      const next = { ...a, ...patch, scores: { ...a.scores, ...patch.scores } } as AssessmentView;
      store.set(id, next);
      return next;
    },
    deleteAssessment: async (id) => {
      calls.push({ method: 'deleteAssessment', args: [id] });
      const a = store.get(id);
      if (!a) throw new WriteError(404, 'NOT_FOUND', `no assessment ${id}`, '/api/assessments');
      if (a.organisationId === null || !mine.has(a.organisationId))
        throw new WriteError(403, 'FORBIDDEN', `you may not delete assessment ${id}`, '/api/assessments');
      store.delete(id);
    },
  };
  return { api, store, calls };
}

function setup(role: 'editor' | 'admin' = 'editor') {
  const fake = fakeApi();
  const session = new SessionState(createAccountApi(createHttp(async () => new Response('{}'))));
  session.user = {
    id: 1,
    email: 'e@x.org',
    name: 'Олена',
    role,
    organisations: [
      { id: 3, name: 'FIXTURE Org 3' },
      { id: 4, name: 'FIXTURE Org 4' },
    ],
  };
  session.status = 'ready';
  let changes = 0;
  const editor = new AssessmentEditor({
    api: fake.api,
    session,
    organisations: () => session.organisations,
    today: () => '2026-11-21',
    onchanged: () => changes++,
  });
  return { ...fake, editor, changes: () => changes };
}

describe('AssessmentEditor', () => {
  it("lists the community's assessments, newest first, with the organisations' names", async () => {
    const { editor } = setup();
    await editor.load(PCODE);
    expect(editor.listStatus).toBe('ready');
    expect(editor.list.map((a) => a.id)).toEqual([1, 2]);
    expect(editor.organisationNames.get(5)).toBe('FIXTURE Org 5');
  });

  it("offers editing of the user's organisation's assessments only, and of every one to admins", async () => {
    const { editor } = setup();
    await editor.load(PCODE);
    expect(editor.list.map((a) => editor.canEdit(a))).toEqual([true, false]);
    expect(editor.canEdit({ ...editor.list[0]!, organisationId: null })).toBe(false);
    const admin = setup('admin').editor;
    await admin.load(PCODE);
    expect(admin.list.map((a) => admin.canEdit(a))).toEqual([true, true]);
  });

  it('prefills the form with a saved assessment and sends every component on save, null clearing one', async () => {
    const { editor, calls, store, changes } = setup();
    await editor.load(PCODE);
    editor.edit(editor.list[0]!);
    expect(editor.draft).toEqual(assessmentDraftOf(store.get(1)!));
    expect(editor.draft.scores.cohesion_trust).toBe('6.5');
    expect(editor.draft.scores.idp_youth).toBe('');
    expect(editor.draft.strategyAdopted).toBe('yes');
    editor.draft.scores.cohesion_trust = '';
    editor.draft.scores.idp_legal = '3,5';
    expect(await editor.save(PCODE)).toBe(true);
    const [id, patch] = calls.find((c) => c.method === 'patchAssessment')!.args as [
      number,
      { scores: Record<string, unknown> },
    ];
    expect(id).toBe(1);
    expect(patch.scores.cohesion_trust).toBeNull();
    expect(patch.scores.idp_legal).toBe(3.5);
    expect(Object.keys(patch.scores)).toHaveLength(11);
    expect(store.get(1)!.scores.idp_legal).toBe(3.5);
    expect(editor.saved).toBe(PCODE);
    expect(changes()).toBe(1);
    // The list is read again, so it shows the correction.
    expect(calls.at(-1)!.method).toBe('assessments');
  });

  it('enters a new assessment with only the scored components after startNew', async () => {
    const { editor, calls } = setup();
    await editor.load(PCODE);
    editor.edit(editor.list[0]!);
    editor.startNew();
    expect(editor.editingId).toBeNull();
    expect(editor.draft.assessedOn).toBe('2026-11-21');
    expect(editor.draft.organisationId).toBe(3);
    editor.draft.scores.police_community = '8';
    expect(await editor.save(PCODE)).toBe(true);
    expect(calls.find((c) => c.method === 'createAssessment')!.args[0]).toMatchObject({
      pcode: PCODE,
      scores: { police_community: 8 },
    });
    expect(editor.list).toHaveLength(3);
  });

  it('deletes only after confirmation, then lists what is left', async () => {
    const { editor, calls, store, changes } = setup();
    await editor.load(PCODE);
    editor.askDelete(1);
    expect(calls.some((c) => c.method === 'deleteAssessment')).toBe(false);
    editor.cancelDelete();
    expect(await editor.confirmDelete()).toBe(false);
    expect(store.has(1)).toBe(true);
    editor.askDelete(1);
    expect(await editor.confirmDelete()).toBe(true);
    expect(store.has(1)).toBe(false);
    expect(editor.list.map((a) => a.id)).toEqual([2]);
    expect(editor.deleted).toBe(true);
    expect(changes()).toBe(1);
  });

  it("keeps the server's refusals as problems: another organisation's, a taken date, a bad score", async () => {
    const { editor, store } = setup();
    await editor.load(PCODE);
    editor.askDelete(2);
    expect(await editor.confirmDelete()).toBe(false);
    expect(editor.problem).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(editor.problemSource).toBe('delete');
    expect(store.has(2)).toBe(true);

    editor.edit(editor.list[0]!);
    editor.draft.assessedOn = '2026-09-01';
    expect(await editor.save(PCODE)).toBe(false);
    expect(editor.problem).toMatchObject({ status: 409 });
    expect(editor.problemSource).toBe('save');

    editor.draft.assessedOn = '2026-10-01';
    editor.draft.scores.idp_social = '12';
    expect(await editor.save(PCODE)).toBe(false);
    expect(editor.problem!.fields['scores.idp_social']).toMatch(/<=10/);
  });

  it('reads the list again when the assessment being deleted is already gone', async () => {
    const { editor, store } = setup();
    await editor.load(PCODE);
    store.delete(1);
    editor.askDelete(1);
    expect(await editor.confirmDelete()).toBe(false);
    expect(editor.problem!.status).toBe(404);
    expect(editor.list.map((a) => a.id)).toEqual([2]);
  });

  it('clears the list and the correction when another community is selected', async () => {
    const { editor } = setup();
    await editor.load(PCODE);
    editor.edit(editor.list[0]!);
    await editor.load('UA6314017');
    expect(editor.list).toEqual([]);
    expect(editor.editingId).toBeNull();
    await editor.load(null);
    expect(editor.pcode).toBeNull();
  });
});

describe('wordProblem', () => {
  it('words each refusal in the UI language, not in the server’s English', () => {
    const p = (status: number, fields: Record<string, string> = {}) => ({ status, code: 'X', fields });
    expect(wordProblem(p(403), 'uk').message).toBe('Ви можете змінювати лише оцінки своєї організації.');
    expect(wordProblem(p(403), 'en').message).toBe("You can change only your organisation's assessments.");
    expect(wordProblem(p(409), 'uk').message).toMatch(/вже має оцінку на цю дату/);
    expect(wordProblem(p(404), 'en').message).toMatch(/gone/);
    expect(wordProblem(p(0), 'uk').message).toBe('Немає зв’язку із сервером.');
    expect(wordProblem(p(503), 'en').message).toMatch(/not available/);
  });

  it('words the fields the server names, one wrong score without the "score at least one" line', () => {
    const one = wordProblem(p422({ 'scores.idp_social': 'Too big', scores: 'Too big' }), 'uk');
    expect(one.fields).toEqual({ 'scores.idp_social': 'Оцінка — число від 0 до 10.' });
    expect(one.message).toBe('Перевірте позначені поля.');
    const none = wordProblem(p422({ scores: 'an assessment must score at least one component' }), 'en');
    expect(none.fields).toEqual({ scores: 'Score at least one component.' });
    expect(wordProblem(p422({ assessedOn: 'in the future' }), 'en').fields.assessedOn).toMatch(
      /not later than today/,
    );
  });
});

function p422(fields: Record<string, string>) {
  return { status: 422, code: 'UNPROCESSABLE', fields };
}
