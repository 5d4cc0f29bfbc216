import type { components } from './generated/schema';
import { createSender, type SendJson } from './account.ts';
import type { ProgrammeList } from './coverage.ts';
import { dataOf, type Http } from './http.ts';

// The writes of issue #6 that editors make through the UI (docs/accounts.md, "What the web client calls"):
// programmes and their sites, the 5W upload (preview, then commit), assessments, and the reads they need.
// Shapes as the API documents them (server/features/{programmes,assessments,organisations}/*.schemas.ts).

type Signal = AbortSignal | undefined;
type S = components['schemas'];

/** GET /api/programmes/{code}: all sites, and who changed it last. */
export type ProgrammeDetail = S['ProgrammeDetail'];
/** The fields of POST /api/programmes and (any of them) PATCH /api/programmes/{code}. */
export type ProgrammeFields = Omit<S['NewProgramme'], 'code' | 'sites'>;
export type SiteInput = S['SiteInput'];
export type NewProgramme = S['NewProgramme'];
export type ImportRow = S['ImportRow'];
export type ImportProgramme = S['ImportProgramme'];
/** POST /api/programmes/import. */
export type ImportResult = S['ImportResult'];
export type NewAssessment = S['NewAssessment'];
export type AssessmentRecord = S['AssessmentRecord'];
/** GET /api/assessments: with who changed it last. */
export type AssessmentView = S['Assessment'];
export type AssessmentPatch = S['AssessmentPatch'];
export type Organisation = S['Organisation'];

export interface EditingApi {
  programmes(
    query: { organisation?: number; limit?: number; cursor?: string },
    signal?: Signal,
  ): Promise<ProgrammeList>;
  programme(code: string, signal?: Signal): Promise<ProgrammeDetail>;
  organisations(signal?: Signal): Promise<Organisation[]>;
  createProgramme(body: NewProgramme): Promise<ProgrammeDetail>;
  patchProgramme(code: string, patch: Partial<ProgrammeFields>): Promise<ProgrammeDetail>;
  deleteProgramme(code: string): Promise<void>;
  addSites(code: string, sites: SiteInput[]): Promise<ProgrammeDetail>;
  removeSite(code: string, pcode: string): Promise<void>;
  /** The file's bytes as chosen (a Blob): the server decodes them, so a Windows-1251 file is not garbled here. */
  importCsv(mode: 'preview' | 'commit', csv: string | Blob, fileName?: string): Promise<ImportResult>;
  createAssessment(body: NewAssessment): Promise<AssessmentRecord>;
  /** A community's assessments (not deleted), newest first. */
  assessments(pcode: string, signal?: Signal): Promise<AssessmentView[]>;
  patchAssessment(id: number, patch: AssessmentPatch): Promise<AssessmentRecord>;
  deleteAssessment(id: number): Promise<void>;
}

export function createEditingApi(http: Http): EditingApi {
  const { api } = http;
  // The upload's body is the file's bytes as text/csv, which openapi-fetch would serialise as JSON: sent raw.
  const send: SendJson = createSender(http.fetchFn, http.base, () => http.csrf());
  const code = (c: string) => ({ path: { code: c } });
  return {
    programmes: (query, signal) => dataOf(api.GET('/programmes', { params: { query }, signal })),
    programme: (c, signal) => dataOf(api.GET('/programmes/{code}', { params: code(c), signal })),
    organisations: (signal) => dataOf(api.GET('/organisations', { signal })),
    createProgramme: (body) => dataOf(api.POST('/programmes', { body })),
    patchProgramme: (c, body) => dataOf(api.PATCH('/programmes/{code}', { params: code(c), body })),
    deleteProgramme: async (c) => {
      await dataOf(api.DELETE('/programmes/{code}', { params: code(c) }));
    },
    addSites: (c, sites) =>
      dataOf(api.POST('/programmes/{code}/sites', { params: code(c), body: { sites } })),
    removeSite: async (c, pcode) => {
      await dataOf(api.DELETE('/programmes/{code}/sites/{pcode}', { params: { path: { code: c, pcode } } }));
    },
    importCsv: (mode, csv, fileName) =>
      send('POST', '/api/programmes/import', csv, { mode, ...(fileName ? { fileName } : {}) }),
    createAssessment: (body) => dataOf(api.POST('/assessments', { body })),
    assessments: (pcode, signal) =>
      dataOf(api.GET('/assessments', { params: { query: { pcode, limit: 500 } }, signal })),
    patchAssessment: (id, body) => dataOf(api.PATCH('/assessments/{id}', { params: { path: { id } }, body })),
    deleteAssessment: async (id) => {
      await dataOf(api.DELETE('/assessments/{id}', { params: { path: { id } } }));
    },
  };
}
