import type { components } from './generated/schema';
import { createSender, type SendJson } from './account.ts';
import { dataOf, type Http } from './http.ts';

// Field rounds (issue #13, sections 3 and 7): a submission export of the instrument previewed, then committed,
// and an organisation's rounds, uploads and an upload's rejected rows. Shapes as the API documents them
// (server/features/assessment-submissions/assessment-submissions.schemas.ts).

type Signal = AbortSignal | undefined;
type S = components['schemas'];

/** POST /api/assessment-submissions[/preview]. */
export type SubmissionImportResult = S['SubmissionImportResult'];
export type SubmissionRejection = SubmissionImportResult['rejected'][number];
export type RoundOutcome = SubmissionImportResult['rounds'][number];
export type RejectionCode = SubmissionRejection['code'];
export type FieldRound = S['FieldRound'];
export type FieldRoundList = S['FieldRoundList'];
export type SubmissionUpload = S['SubmissionUpload'];
export type SubmissionUploadList = S['SubmissionUploadList'];
export type StoredRejection = S['StoredRejection'];
export type StoredRejectionList = S['StoredRejectionList'];

export interface FieldRoundsApi {
  /** The file's bytes as chosen (CSV or .xlsx): the server reads the encoding and the format itself. */
  upload(
    mode: 'preview' | 'commit',
    organisationId: number,
    file: string | Blob,
    fileName?: string,
  ): Promise<SubmissionImportResult>;
  rounds(
    query: { organisationId: number; limit?: number; cursor?: string },
    signal?: Signal,
  ): Promise<FieldRoundList>;
  uploads(
    query: { organisationId: number; limit?: number; cursor?: string },
    signal?: Signal,
  ): Promise<SubmissionUploadList>;
  rejected(
    batchId: number,
    query: { limit?: number; cursor?: string },
    signal?: Signal,
  ): Promise<StoredRejectionList>;
}

export function createFieldRoundsApi(http: Http): FieldRoundsApi {
  const { api } = http;
  // The upload's body is the file's bytes, which openapi-fetch would serialise as JSON: sent raw.
  const send: SendJson = createSender(http.fetchFn, http.base, () => http.csrf());
  return {
    upload: (mode, organisationId, file, fileName) =>
      send(
        'POST',
        mode === 'preview' ? '/api/assessment-submissions/preview' : '/api/assessment-submissions',
        file,
        { organisationId: String(organisationId), ...(fileName ? { fileName } : {}) },
      ),
    rounds: (query, signal) =>
      dataOf(api.GET('/assessment-submissions/rounds', { params: { query }, signal })),
    uploads: (query, signal) =>
      dataOf(api.GET('/assessment-submissions/uploads', { params: { query }, signal })),
    rejected: (batchId, query, signal) =>
      dataOf(
        api.GET('/assessment-submissions/uploads/{batchId}/rejected', {
          params: { path: { batchId }, query },
          signal,
        }),
      ),
  };
}
