import { describe, expect, it } from 'vitest';
import { createAccountApi, WriteError } from '../../api/account.ts';
import { createHttp } from '../../api/http.ts';
import type { Programme, ProgrammeList } from '../../api/coverage.ts';
import type { EditingApi, ImportResult, ProgrammeDetail } from '../../api/editing.ts';
import { EditingState, fieldsOf, parseCodes } from './editing.svelte.ts';
import { SessionState } from '../session.svelte.ts';

// EditingState over a fake editing API that keeps programmes in memory and answers writes as the API does
// (a 422 with per-index details for unknown pcodes), and a fake Coverage view that counts its refreshes.

const HROMADAS = new Set(['UA6312027', 'UA6314017', 'UA2604019']);
const NAMES: Record<string, { nameUk: string; nameEn: string }> = {
  UA6312027: { nameUk: 'Харківська', nameEn: 'Kharkivska' },
};

function programme(code: string, organisationId: number, sites: string[]): ProgrammeDetail {
  return {
    code,
    title: `Title ${code}`,
    description: null,
    organisation: { id: organisationId, name: `Org ${organisationId}`, nameUk: null, acronym: null },
    donor: null,
    sector: 'Health',
    periodStart: '2025-01-01',
    periodEnd: null,
    status: 'active',
    budget: null,
    currency: null,
    source: null,
    sites: sites.map((pcode) => ({
      pcode,
      nameUk: pcode,
      nameEn: pcode,
      oblastPcode: pcode.slice(0, 4),
      periodStart: '2025-01-01',
      periodEnd: null,
      reached: null,
    })),
    siteCount: sites.length,
    lastChangedAt: null,
    lastChangedBy: null,
  };
}

function fakeEditingApi() {
  const store = new Map<string, ProgrammeDetail>([
    ['a', programme('a', 3, ['UA6312027'])],
    ['b', programme('b', 4, [])],
    ['c', programme('c', 5, [])],
  ]);
  const calls: { method: string; args: unknown[] }[] = [];
  const log = (method: string, ...args: unknown[]) => calls.push({ method, args });
  const badSites = (pcodes: string[]) => {
    const problems = pcodes
      .map((pcode, index) => ({ index, pcode, message: `no hromada ${pcode}` }))
      .filter((p) => !HROMADAS.has(p.pcode));
    if (problems.length)
      throw new WriteError(422, 'UNPROCESSABLE', 'sites refused', '/api/programmes', 'r', problems);
  };
  const list = (organisation?: number): ProgrammeList => ({
    programmes: [...store.values()].filter(
      (p) => organisation === undefined || p.organisation.id === organisation,
    ),
    total: [...store.values()].filter((p) => organisation === undefined || p.organisation.id === organisation)
      .length,
    nextCursor: null,
    facets: { organisations: [], donors: [], sectors: [], statuses: [] },
  });
  const importResult = (errors: ImportResult['errors']): ImportResult => ({
    mode: 'preview',
    committed: false,
    encoding: 'utf-8',
    rowsRead: 2,
    rows: [],
    errors,
    warnings: [],
    programmes: [],
  });
  let nextImportErrors: ImportResult['errors'] = [];
  const api: EditingApi = {
    programmes: async (q) => (log('programmes', q), list(q.organisation)),
    programme: async (code) => (log('programme', code), structuredClone(store.get(code)!)),
    organisations: async () => (
      log('organisations'),
      [3, 4, 5].map((id) => ({
        id,
        name: `Org ${id}`,
        nameUk: null,
        acronym: null,
        url: null,
        programmes: 0,
        createdAt: '',
      }))
    ),
    createProgramme: async (body) => {
      log('createProgramme', body);
      if (!body.title)
        throw new WriteError(400, 'BAD_REQUEST', 'body parameter title: Too small', '/api/programmes');
      badSites((body.sites ?? []).map((s) => s.pcode));
      const p = programme(
        'new',
        body.organisationId,
        (body.sites ?? []).map((s) => s.pcode),
      );
      p.title = body.title;
      store.set('new', p);
      return p;
    },
    patchProgramme: async (code, patch) => {
      log('patchProgramme', code, patch);
      const p = store.get(code)!;
      if (patch.title) p.title = patch.title;
      return p;
    },
    deleteProgramme: async (code) => (log('deleteProgramme', code), void store.delete(code)),
    addSites: async (code, sites) => {
      log('addSites', code, sites);
      badSites(sites.map((s) => s.pcode));
      const p = store.get(code)!;
      p.sites.push(
        ...programme(
          code,
          0,
          sites.map((s) => s.pcode),
        ).sites,
      );
      return p;
    },
    removeSite: async (code, pcode) => {
      log('removeSite', code, pcode);
      const p = store.get(code)!;
      p.sites = p.sites.filter((s) => s.pcode !== pcode);
    },
    importCsv: async (mode, csv, fileName) => {
      log('importCsv', mode, csv, fileName);
      if (mode === 'commit' && nextImportErrors.length)
        throw new WriteError(422, 'UNPROCESSABLE', 'problems', '/api/programmes/import', 'r', {
          errors: nextImportErrors,
        });
      return {
        ...importResult(nextImportErrors),
        mode,
        committed: mode === 'commit',
        rows: [
          {
            row: 3,
            code: 'x',
            organisation: 'Org 3',
            sector: 'Health',
            title: 't',
            pcode: 'UA6312027',
            periodStart: '2025-01-01',
            periodEnd: null,
            reached: null,
          },
        ],
      };
    },
    createAssessment: async (body) => (
      log('createAssessment', body),
      {
        id: 1,
        ...body,
        organisationId: body.organisationId,
        assessor: body.assessor ?? null,
        strategyAdopted: body.strategyAdopted ?? null,
        notes: body.notes ?? null,
        scores: body.scores as Record<string, number | null>,
      }
    ),
    // assessment-editor.svelte.test.ts covers the list, corrections and deletions.
    assessments: async (pcode) => (log('assessments', pcode), []),
    patchAssessment: async () => {
      throw new Error('not used here');
    },
    deleteAssessment: async () => {
      throw new Error('not used here');
    },
  };
  return {
    api,
    calls,
    store,
    setImportErrors: (e: ImportResult['errors']) => {
      nextImportErrors = e;
    },
  };
}

async function setup(role: 'editor' | 'admin' | 'viewer' = 'editor') {
  const fake = fakeEditingApi();
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
  const coverage = {
    picker: null as ((pcode: string) => void) | null,
    refresh: async () => {
      refreshes++;
    },
  };
  const editing = new EditingState({
    api: fake.api,
    session,
    coverage,
    today: () => '2026-11-21',
    nameOf: (p) => NAMES[p],
    onchanged: () => changes++,
  });
  return { ...fake, session, coverage, editing, refreshes: () => refreshes, changes: () => changes };
}

const codes = (ps: Programme[]) => ps.map((p) => p.code).sort();

describe('EditingState', () => {
  it("lists the programmes of the editor's organisations, one request each (pages of 200)", async () => {
    const { editing, calls } = await setup();
    await editing.loadMine();
    expect(calls.filter((c) => c.method === 'programmes').map((c) => c.args[0])).toEqual([
      { organisation: 3, limit: 200 },
      { organisation: 4, limit: 200 },
    ]);
    expect(codes(editing.mine)).toEqual(['a', 'b']);
    expect(editing.organisations.map((o) => o.id)).toEqual([3, 4]);
  });

  it('lists every programme and organisation for admins, and nothing for viewers', async () => {
    const admin = await setup('admin');
    await admin.editing.loadMine();
    expect(codes(admin.editing.mine)).toEqual(['a', 'b', 'c']);
    expect(admin.editing.organisations.map((o) => o.id)).toEqual([3, 4, 5]);
    const viewer = await setup('viewer');
    await viewer.editing.loadMine();
    expect(viewer.editing.mine).toEqual([]);
    expect(viewer.calls).toEqual([]);
  });

  it('creates a programme with the sites picked on the map, then refreshes the Coverage view', async () => {
    const { editing, coverage, calls, store, refreshes } = await setup();
    editing.startNew();
    expect(editing.draft.organisationId).toBe(3);
    expect(editing.draft.periodStart).toBe('2026-11-21');
    editing.draft.title = 'Діалог у громадах';
    editing.draft.sector = 'Social cohesion';
    editing.draft.budget = '12 500,5';
    editing.setPicking(true);
    expect(coverage.picker).not.toBeNull();
    coverage.picker!('UA6312027');
    coverage.picker!('UA6314017');
    coverage.picker!('UA6314017'); // a second click removes it
    expect(editing.sites).toEqual(['UA6312027']);
    expect(editing.siteName('UA6312027', 'uk')).toBe('Харківська');

    expect(await editing.save()).toBe(true);
    const body = calls.find((c) => c.method === 'createProgramme')!.args[0];
    expect(body).toMatchObject({
      organisationId: 3,
      title: 'Діалог у громадах',
      sector: 'Social cohesion',
      budget: 12500.5,
      donor: null,
      periodEnd: null,
      sites: [{ pcode: 'UA6312027' }],
    });
    expect(store.get('new')!.sites.map((s) => s.pcode)).toEqual(['UA6312027']);
    expect(editing.editing?.code).toBe('new');
    expect(editing.saved).toBe(true);
    expect(refreshes()).toBe(1);
    expect(codes(editing.mine)).toContain('new');
  });

  it('saves only what changed: the fields, the added sites and the removed ones', async () => {
    const { editing, calls, store } = await setup();
    await editing.edit('a');
    expect(editing.sites).toEqual(['UA6312027']);
    editing.draft.title = 'Renamed';
    editing.removeSite('UA6312027');
    editing.pasteCodes('UA6314017,  ua2604019\nUA6314017');
    expect(editing.added).toEqual(['UA6314017', 'UA2604019']);
    expect(editing.removed).toEqual(['UA6312027']);
    expect(await editing.save()).toBe(true);
    expect(calls.filter((c) => c.method !== 'programmes' && c.method !== 'programme')).toEqual([
      { method: 'patchProgramme', args: ['a', { title: 'Renamed' }] },
      { method: 'addSites', args: ['a', [{ pcode: 'UA6314017' }, { pcode: 'UA2604019' }]] },
      { method: 'removeSite', args: ['a', 'UA6312027'] },
    ]);
    expect(store.get('a')!.sites.map((s) => s.pcode)).toEqual(['UA6314017', 'UA2604019']);
    expect(editing.added).toEqual([]);
    expect(editing.removed).toEqual([]);
  });

  it('shows each refused pasted code beside it, and the field a validation error names', async () => {
    const { editing, refreshes } = await setup();
    await editing.edit('b');
    editing.pasteCodes('UA6312027 UA9999999');
    expect(await editing.save()).toBe(false);
    expect([...editing.siteErrors]).toEqual([['UA9999999', 'no hromada UA9999999']]);
    expect(refreshes()).toBe(0);

    editing.startNew();
    expect(await editing.save()).toBe(false);
    expect(editing.problem?.fields).toEqual({ title: 'Too small' });
  });

  it('while picking, the Coverage view sends clicks here; leaving or signing out gives them back', async () => {
    const { editing, coverage, session } = await setup();
    editing.startNew();
    editing.setPicking(true);
    expect(editing.picking).toBe(true);
    editing.back();
    expect(coverage.picker).toBeNull();
    expect(editing.picking).toBe(false);
    editing.setPicking(true);
    session.user = null;
    await editing.loadMine();
    expect(coverage.picker).toBeNull();
    expect(editing.pane).toBe('list');
  });

  it('previews an upload and refuses to commit while it has problems', async () => {
    const { editing, calls, setImportErrors, refreshes, changes } = await setup();
    setImportErrors([{ row: 4, field: '#adm3+code', message: 'no hromada UA0000000' }]);
    editing.openUpload();
    await editing.preview('bad.csv', 'csv text');
    expect(calls.at(-1)).toEqual({ method: 'importCsv', args: ['preview', 'csv text', 'bad.csv'] });
    expect(editing.upload?.errors).toHaveLength(1);
    expect(editing.uploadBlocked).toBe(true);
    expect(await editing.commit()).toBe(false);
    expect(calls.filter((c) => c.method === 'importCsv')).toHaveLength(1);

    setImportErrors([]);
    await editing.preview('good.csv', 'good');
    expect(editing.uploadBlocked).toBe(false);
    expect(await editing.commit()).toBe(true);
    expect(calls.at(-1)?.method).toBe('programmes');
    expect(calls.filter((c) => c.method === 'importCsv').at(-1)!.args).toEqual([
      'commit',
      'good',
      'good.csv',
    ]);
    expect(editing.uploadStatus).toBe('committed');
    expect(refreshes()).toBe(1);
    // Only the write that went through tells the app (the blocked commit above did not).
    expect(changes()).toBe(1);
  });

  it('enters an assessment with only the scored components', async () => {
    const { editing, calls, changes } = await setup();
    editing.openAssessment();
    editing.assessments.draft.scores.cohesion_trust = '7';
    editing.assessments.draft.scores.idp_youth = '4,5';
    editing.assessments.draft.strategyAdopted = 'no';
    expect(await editing.assessments.save('UA6312027')).toBe(true);
    expect(calls.findLast((c) => c.method === 'createAssessment')!.args[0]).toEqual({
      pcode: 'UA6312027',
      assessedOn: '2026-11-21',
      organisationId: 3,
      assessor: 'Олена',
      strategyAdopted: false,
      notes: null,
      scores: { cohesion_trust: 7, idp_youth: 4.5 },
    });
    expect(editing.assessments.saved).toBe('UA6312027');
    // The list of the community's assessments is read again after the save.
    expect(calls.filter((c) => c.method === 'assessments').map((c) => c.args)).toEqual([['UA6312027']]);
    expect(changes()).toBe(1);
  });
});

describe('editing helpers', () => {
  it('reads pasted codes in any layout, once each', () => {
    expect(parseCodes('UA6312027, ua6314017;UA6312027\n UA63120270000000000 ')).toEqual([
      'UA6312027',
      'UA6314017',
      'UA63120270000000000',
    ]);
  });

  it('sends empty optional fields as null', () => {
    expect(
      fieldsOf({
        organisationId: 3,
        title: ' T ',
        sector: 'S',
        donor: ' ',
        periodStart: '2025-01-01',
        periodEnd: '',
        status: '',
        budget: '',
        currency: 'uah',
        description: '',
      }),
    ).toEqual({
      organisationId: 3,
      title: 'T',
      sector: 'S',
      periodStart: '2025-01-01',
      periodEnd: null,
      donor: null,
      status: null,
      budget: null,
      currency: 'UAH',
      description: null,
    });
  });
});
