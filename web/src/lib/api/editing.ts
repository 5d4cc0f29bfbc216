import type { SendJson } from './account.ts';
import { getJson, type Fetch } from './client.ts';
import type { Programme, ProgrammeList, ProgrammeStatus } from './coverage.ts';
import type { AssessmentComponentId } from './types.ts';

// The writes of issue #6 that editors make through the UI (docs/accounts.md, "What the web client calls"):
// programmes and their sites, the 5W upload (preview, then commit), assessments, and the reads they need.
// Shapes as server/features/{programmes,assessments,organisations}/*.schemas.ts give them.

type Signal = AbortSignal | undefined;

/** GET /api/programmes/{code}: all sites, and who changed it last. */
export interface ProgrammeDetail extends Programme {
  lastChangedAt: string | null;
  lastChangedBy: string | null;
}

/** The fields of POST /api/programmes and PATCH /api/programmes/{code}. */
export interface ProgrammeFields {
  organisationId: number;
  title: string;
  sector: string;
  periodStart: string;
  periodEnd?: string | null;
  donor?: string | null;
  status?: ProgrammeStatus | null;
  budget?: number | null;
  currency?: string | null;
  description?: string | null;
}

export interface SiteInput {
  pcode: string;
  periodStart?: string;
  periodEnd?: string | null;
  reached?: number | null;
}

export interface NewProgramme extends ProgrammeFields {
  code?: string;
  sites?: SiteInput[];
}

export interface ImportRow {
  row: number;
  code: string;
  organisation: string;
  sector: string;
  title: string;
  pcode: string;
  periodStart: string;
  periodEnd: string | null;
  reached: number | null;
}

export interface ImportProgramme {
  code: string;
  organisation: string;
  /** null: will be created (admins). */
  organisationId: number | null;
  action: 'create' | 'update';
  sites: number;
  /** Site keys "pcode@start". */
  added: string[];
  removed: string[];
}

/** POST /api/programmes/import. */
export interface ImportResult {
  mode: 'preview' | 'commit';
  committed: boolean;
  rowsRead: number;
  /** How the server decoded the file (issue #11: Windows-1251 is converted with a warning). */
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1251';
  rows: ImportRow[];
  errors: { row: number; field: string | null; message: string }[];
  /** Accepted, but worth a second look; row null: about the whole file. */
  warnings: { row: number | null; field: string | null; message: string }[];
  programmes: ImportProgramme[];
}

export interface NewAssessment {
  pcode: string;
  assessedOn: string;
  organisationId: number;
  assessor?: string | null;
  strategyAdopted?: boolean | null;
  notes?: string | null;
  scores: Partial<Record<AssessmentComponentId, number | null>>;
}

export interface AssessmentRecord {
  id: number;
  pcode: string;
  assessedOn: string;
  organisationId: number | null;
  assessor: string | null;
  strategyAdopted: boolean | null;
  notes: string | null;
  scores: Record<string, number | null>;
}

export interface Organisation {
  id: number;
  name: string;
  nameUk: string | null;
  acronym: string | null;
  url: string | null;
  programmes: number;
  createdAt: string;
}

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
}

export function createEditingApi(
  send: SendJson,
  fetchFn: Fetch = (input, init) => fetch(input, init),
  base = '',
): EditingApi {
  const get = <T>(path: string, signal: Signal, query?: Record<string, string | number | undefined>) =>
    getJson<T>(fetchFn, base, path, { signal, query });
  const code = (c: string) => `/api/programmes/${encodeURIComponent(c)}`;
  return {
    programmes: (q, signal) => get('/api/programmes', signal, { ...q }),
    programme: (c, signal) => get(code(c), signal),
    organisations: (signal) => get('/api/organisations', signal),
    createProgramme: (body) => send('POST', '/api/programmes', body),
    patchProgramme: (c, patch) => send('PATCH', code(c), patch),
    deleteProgramme: (c) => send('DELETE', code(c)),
    addSites: (c, sites) => send('POST', `${code(c)}/sites`, { sites }),
    removeSite: (c, pcode) => send('DELETE', `${code(c)}/sites/${encodeURIComponent(pcode)}`),
    importCsv: (mode, csv, fileName) =>
      send('POST', '/api/programmes/import', csv, { mode, ...(fileName ? { fileName } : {}) }),
    createAssessment: (body) => send('POST', '/api/assessments', body),
  };
}
