import { WriteError } from '../../api/account.ts';
import type {
  FieldRound,
  FieldRoundsApi,
  StoredRejection,
  SubmissionImportResult,
  SubmissionUpload,
} from '../../api/field-rounds.ts';
import { LatestLoad } from '../latest-load.svelte.ts';
import { toLoadError, type LoadError, type LoadStatus } from '../load-status.ts';
import type { SessionState } from '../session.svelte.ts';

/** The part of the Coverage view a committed round changes (its map and counts reload). */
export interface RoundsCoverageTarget {
  refresh(): Promise<void>;
}

export interface FieldRoundsDeps {
  api: FieldRoundsApi;
  session: SessionState;
  coverage: RoundsCoverageTarget;
  /** The organisations the user may upload for: their own, or every one for admins. */
  organisations: () => { id: number; name: string }[];
  /** Told after a commit wrote something (the profile and the index on the map reload). */
  onchanged?: () => void;
}

export type UploadStatus = 'idle' | 'previewing' | 'previewed' | 'committing' | 'committed' | 'error';

/** A refused preview or commit, as the pane shows it. */
export interface UploadProblem {
  message: string;
  status: number;
}

/** Rounds and uploads shown per page (the API's default is 50; the pane shows the newest first). */
const PAGE = 20;

const problemOf = (err: unknown): UploadProblem =>
  err instanceof WriteError
    ? { message: err.message, status: err.status }
    : { message: toLoadError(err).message, status: 0 };

/**
 * The field-rounds pane (issue #13, sections 3 and 7): an organisation's submission export is previewed (what
 * rounds it would create, every rejected row with its reason) and only then committed or dropped; below, the
 * organisation's rounds and uploads, and an upload's rejected rows when asked for. A commit reloads the
 * Coverage view and tells the app, so that the map, the profile and the CPI show the new assessments.
 */
export class FieldRoundsState {
  readonly #api: FieldRoundsApi;
  readonly #session: SessionState;
  readonly #coverage: RoundsCoverageTarget;
  readonly #organisations: () => { id: number; name: string }[];
  readonly #onchanged: () => void;
  readonly #work = new LatestLoad();
  readonly #more = new LatestLoad();

  /** The organisation the upload is for and whose rounds are listed. */
  organisationId = $state<number | null>(null);

  fileName = $state<string | null>(null);
  file = $state.raw<string | Blob | null>(null);
  result = $state.raw<SubmissionImportResult | null>(null);
  status = $state<UploadStatus>('idle');
  problem = $state.raw<UploadProblem | null>(null);

  rounds = $state.raw<FieldRound[]>([]);
  roundsNext = $state<string | null>(null);
  uploads = $state.raw<SubmissionUpload[]>([]);
  uploadsNext = $state<string | null>(null);
  get workStatus(): LoadStatus {
    return this.#work.status;
  }
  get workError(): LoadError | null {
    return this.#work.error;
  }

  /** The upload whose rejected rows are shown, and those rows (all of them, page by page). */
  openUpload = $state<number | null>(null);
  rejected = $state.raw<StoredRejection[]>([]);
  get rejectedStatus(): LoadStatus {
    return this.#more.status;
  }
  get rejectedError(): LoadError | null {
    return this.#more.error;
  }

  /** Commit is possible once a preview found something to import. */
  readonly canCommit = $derived(
    this.status === 'previewed' && this.result !== null && this.result.accepted > 0,
  );

  constructor(deps: FieldRoundsDeps) {
    this.#api = deps.api;
    this.#session = deps.session;
    this.#coverage = deps.coverage;
    this.#organisations = deps.organisations;
    this.#onchanged = deps.onchanged ?? (() => {});
  }

  get organisations(): { id: number; name: string }[] {
    return this.#organisations();
  }

  /** Opens the pane on the user's first organisation (kept if still one of theirs) with nothing chosen. */
  async open(): Promise<void> {
    const orgs = this.organisations;
    if (this.organisationId === null || !orgs.some((o) => o.id === this.organisationId))
      this.organisationId = orgs[0]?.id ?? null;
    this.cancel();
    await this.loadWork();
  }

  /** Another organisation: a preview made for the last one no longer applies. */
  async selectOrganisation(id: number): Promise<void> {
    if (id === this.organisationId) return;
    this.organisationId = id;
    this.cancel();
    await this.loadWork();
  }

  /** Drops the chosen file and its preview; nothing was written. */
  cancel(): void {
    this.fileName = null;
    this.file = null;
    this.result = null;
    this.status = 'idle';
    this.problem = null;
  }

  /** Sends the chosen file for a preview (writes nothing). */
  async preview(fileName: string, file: string | Blob): Promise<void> {
    const org = this.organisationId;
    this.fileName = fileName;
    this.file = file;
    this.result = null;
    this.problem = null;
    if (org === null) return;
    this.status = 'previewing';
    try {
      this.result = await this.#session.write(() => this.#api.upload('preview', org, file, fileName));
      this.status = 'previewed';
    } catch (err) {
      this.problem = problemOf(err);
      this.status = 'error';
    }
  }

  /** Commits the previewed file; then the lists, the Coverage view and the app's profile and index reload. */
  async commit(): Promise<boolean> {
    const org = this.organisationId;
    const file = this.file;
    if (org === null || file === null || !this.canCommit) return false;
    this.status = 'committing';
    this.problem = null;
    try {
      this.result = await this.#session.write(() =>
        this.#api.upload('commit', org, file, this.fileName ?? undefined),
      );
      this.status = 'committed';
    } catch (err) {
      this.problem = problemOf(err);
      this.status = 'error';
      return false;
    }
    await Promise.all([this.loadWork(), this.#coverage.refresh()]);
    this.#onchanged();
    return true;
  }

  /** The first page of the organisation's rounds and of its uploads. */
  async loadWork(): Promise<void> {
    const org = this.organisationId;
    this.openUpload = null;
    this.rejected = [];
    if (org === null) {
      this.#work.clear();
      this.rounds = [];
      this.uploads = [];
      this.roundsNext = this.uploadsNext = null;
      return;
    }
    await this.#work.run(
      (signal) =>
        Promise.all([
          this.#api.rounds({ organisationId: org, limit: PAGE }, signal),
          this.#api.uploads({ organisationId: org, limit: PAGE }, signal),
        ]),
      ([rounds, uploads]) => {
        this.rounds = rounds.items;
        this.roundsNext = rounds.nextCursor;
        this.uploads = uploads.items;
        this.uploadsNext = uploads.nextCursor;
      },
    );
  }

  /** The next page of rounds or of uploads, added below. */
  async more(list: 'rounds' | 'uploads'): Promise<void> {
    const org = this.organisationId;
    const cursor = list === 'rounds' ? this.roundsNext : this.uploadsNext;
    if (org === null || cursor === null) return;
    if (list === 'rounds')
      await this.#work.run(
        (signal) => this.#api.rounds({ organisationId: org, limit: PAGE, cursor }, signal),
        (page) => {
          this.rounds = [...this.rounds, ...page.items];
          this.roundsNext = page.nextCursor;
        },
      );
    else
      await this.#work.run(
        (signal) => this.#api.uploads({ organisationId: org, limit: PAGE, cursor }, signal),
        (page) => {
          this.uploads = [...this.uploads, ...page.items];
          this.uploadsNext = page.nextCursor;
        },
      );
  }

  /** Shows an upload's rejected rows (every page of them), or hides them when they are shown. */
  async toggleRejected(batchId: number): Promise<void> {
    if (this.openUpload === batchId) {
      this.#more.clear();
      this.openUpload = null;
      this.rejected = [];
      return;
    }
    this.openUpload = batchId;
    this.rejected = [];
    await this.#more.run(
      async (signal) => {
        const rows: StoredRejection[] = [];
        let cursor: string | undefined;
        // At most 20 pages of 1000: a field export has hundreds of rows, not tens of thousands.
        for (let i = 0; i < 20; i++) {
          const page = await this.#api.rejected(
            batchId,
            { limit: 1000, ...(cursor ? { cursor } : {}) },
            signal,
          );
          rows.push(...page.items);
          if (!page.nextCursor) break;
          cursor = page.nextCursor;
        }
        return rows;
      },
      (rows) => {
        this.rejected = rows;
      },
    );
  }

  dispose(): void {
    this.#work.abort();
    this.#more.abort();
  }
}
