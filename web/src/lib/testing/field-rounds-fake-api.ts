// Test support: a FieldRoundsApi that answers as the API does over an in-memory list of committed uploads,
// recording its calls and failing or holding them on demand (fake-calls.ts). The preview's content is a
// hand-made FIXTURE shaped like the answer to tests/fixtures/submissions/FIXTURE-kobo-semicolon.csv.

import type {
  FieldRound,
  FieldRoundsApi,
  StoredRejection,
  SubmissionImportResult,
  SubmissionUpload,
} from '../api/field-rounds.ts';
import { fakeCalls, type CallControls } from './fake-calls.ts';

type Method = 'upload' | 'rounds' | 'uploads' | 'rejected';

/** A preview of one round in UA6314017 with one insufficient component and two rejected rows. */
export function fixturePreview(accepted = 12): SubmissionImportResult {
  return {
    mode: 'preview',
    committed: false,
    format: 'kobo',
    rowsRead: accepted + 2,
    accepted,
    duplicates: [],
    rejected: [
      { row: 14, id: 'fixture-kobo-0013', field: 'consent', code: 'no_consent', message: 'no consent' },
      {
        row: 16,
        id: 'fixture-kobo-0015',
        field: 'hromada',
        code: 'unknown_hromada',
        message: 'unknown hromada "UA9999999"',
      },
    ],
    rounds:
      accepted === 0
        ? []
        : [
            {
              pcode: 'UA6314017',
              roundDate: '2026-11-01',
              respondents: accepted,
              newSubmissions: accepted,
              action: 'create',
              components: [
                {
                  component: 'cohesion_trust',
                  status: 'scored',
                  n: accepted,
                  score: 5.5,
                  low: 4.5,
                  high: 6.5,
                  weighting: 'unweighted',
                },
                {
                  component: 'police_community',
                  status: 'insufficient',
                  n: 4,
                  score: null,
                  low: null,
                  high: null,
                  weighting: null,
                },
              ],
            },
          ],
    batchId: null,
  };
}

export interface FakeFieldRoundsApi {
  api: FieldRoundsApi;
  controls: CallControls<Method>;
  /** The next preview's answer (a fixture of `accepted` new submissions by default). */
  setPreview(result: SubmissionImportResult): void;
  /** Rejected rows of every upload, this many (paged by the fake as the API pages them). */
  setRejectedRows(n: number): void;
}

export function fakeFieldRoundsApi(): FakeFieldRoundsApi {
  const { controls, answer } = fakeCalls<Method>();
  let preview = fixturePreview();
  let rejectedRows = 2;
  const rounds = new Map<number, FieldRound[]>();
  const uploads = new Map<number, SubmissionUpload[]>();
  let nextBatch = 100;

  const api: FieldRoundsApi = {
    upload: (mode, organisationId, file, fileName) =>
      answer('upload', [mode, organisationId, file, fileName], undefined, () => {
        if (mode === 'preview') return preview;
        const batchId = nextBatch++;
        uploads.set(organisationId, [
          {
            batchId,
            fileName: fileName ?? 'submissions.csv',
            at: '2026-12-04T17:00:00.000Z',
            uploadedBy: 'Олена',
            rowsRead: preview.rowsRead,
            accepted: preview.accepted,
            rejected: preview.rejected.length,
            status: 'succeeded',
          },
          ...(uploads.get(organisationId) ?? []),
        ]);
        rounds.set(organisationId, [
          ...preview.rounds.map((r) => ({
            pcode: r.pcode,
            nameUk: 'Чугуївська',
            nameEn: 'Chuhuivska',
            roundDate: r.roundDate,
            respondents: r.respondents,
            formVersions: ['2026120401'],
            assessmentId: 7,
            batchIds: [batchId],
          })),
          ...(rounds.get(organisationId) ?? []),
        ]);
        return { ...preview, mode: 'commit', committed: true, batchId };
      }),
    rounds: (query, signal) =>
      answer('rounds', [query], signal, () => ({
        items: rounds.get(query.organisationId) ?? [],
        nextCursor: null,
      })),
    uploads: (query, signal) =>
      answer('uploads', [query], signal, () => ({
        items: uploads.get(query.organisationId) ?? [],
        nextCursor: null,
      })),
    rejected: (batchId, query, signal) =>
      answer('rejected', [batchId, query], signal, () => {
        const all: StoredRejection[] = Array.from({ length: rejectedRows }, (_, i) => ({
          row: i + 2,
          field: 'consent',
          code: 'no_consent',
          message: 'no consent',
        }));
        const start = query.cursor ? Number(query.cursor) : 0;
        const end = start + (query.limit ?? 100);
        return { items: all.slice(start, end), nextCursor: end < all.length ? String(end) : null };
      }),
  };
  return {
    api,
    controls,
    setPreview: (r) => {
      preview = r;
    },
    setRejectedRows: (n) => {
      rejectedRows = n;
    },
  };
}
