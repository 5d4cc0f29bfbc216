import { WriteError, type IndexError, type RowError } from '../../api/account.ts';
import type { Programme, ProgrammeStatus } from '../../api/coverage.ts';
import type {
  EditingApi,
  ImportResult,
  ProgrammeDetail,
  ProgrammeFields,
  SiteInput,
} from '../../api/editing.ts';
import { AssessmentEditor } from './assessment-editor.svelte.ts';
import type { FieldRoundsApi } from '../../api/field-rounds.ts';
import { LatestLoad } from '../latest-load.svelte.ts';
import { toLoadError, type LoadError, type LoadStatus } from '../load-status.ts';
import type { SessionState } from '../session.svelte.ts';
import { FieldRoundsState } from './field-rounds.svelte.ts';

/** What the editing card shows. */
export type EditPane = 'list' | 'programme' | 'upload' | 'assessment' | 'field-rounds';

/** The programme form as typed (strings, so that a half-typed budget is kept as typed). */
export interface ProgrammeDraft {
  organisationId: number | null;
  title: string;
  sector: string;
  donor: string;
  periodStart: string;
  periodEnd: string;
  status: ProgrammeStatus | '';
  budget: string;
  currency: string;
  description: string;
}

/** A refused save, as the form shows it: a message, the fields and the codes or rows it names. */
export interface SaveProblem {
  message: string;
  status: number;
  fields: Record<string, string>;
  items: IndexError[];
  rows: RowError[];
}

/** The part of CoverageState editing needs: reload after a save, and clicks on the map while picking. */
export interface CoverageTarget {
  refresh(): Promise<void>;
  picker: ((pcode: string) => void) | null;
}

export interface EditingDeps {
  api: EditingApi;
  /** Told after every write that succeeded (e.g. so that the open profile shows the change). */
  onchanged?: () => void;
  session: SessionState;
  coverage: CoverageTarget;
  /** Today as YYYY-MM-DD; the clock by default. */
  today?: () => string;
  /** A hromada's names (from the boundaries), for the site chips. */
  nameOf?: (pcode: string) => { nameUk: string; nameEn: string } | undefined;
  /** Field-round uploads (issue #13): the pane exists when given. */
  fieldRounds?: FieldRoundsApi;
}

export const emptyDraft = (organisationId: number | null, today: string): ProgrammeDraft => ({
  organisationId,
  title: '',
  sector: '',
  donor: '',
  periodStart: today,
  periodEnd: '',
  status: 'active',
  budget: '',
  currency: '',
  description: '',
});

export function draftOf(p: Programme): ProgrammeDraft {
  return {
    organisationId: p.organisation.id,
    title: p.title,
    sector: p.sector,
    donor: p.donor ?? '',
    periodStart: p.periodStart,
    periodEnd: p.periodEnd ?? '',
    status: p.status ?? '',
    budget: p.budget === null ? '' : String(p.budget),
    currency: p.currency ?? '',
    description: p.description ?? '',
  };
}

const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

/** The API's fields from a draft; a budget that is not a number is sent as typed so that the API names it. */
export function fieldsOf(d: ProgrammeDraft): ProgrammeFields {
  const budget = d.budget.trim().replace(/\s/g, '').replace(',', '.');
  return {
    organisationId: d.organisationId ?? 0,
    title: d.title.trim(),
    sector: d.sector.trim(),
    periodStart: d.periodStart,
    periodEnd: orNull(d.periodEnd),
    donor: orNull(d.donor),
    status: d.status === '' ? null : d.status,
    budget: budget === '' ? null : Number.isFinite(Number(budget)) ? Number(budget) : (budget as never),
    currency: orNull(d.currency.toUpperCase()),
    description: orNull(d.description),
  };
}

/** Codes pasted in any layout (commas, spaces, lines): pcodes UA + 7 digits or KATOTTG UA + 17. */
export function parseCodes(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .map((s) => s.trim().toUpperCase())
        .filter(Boolean),
    ),
  ];
}

const problemOf = (err: unknown): SaveProblem =>
  err instanceof WriteError
    ? { message: err.message, status: err.status, fields: err.fields, items: err.items, rows: err.rows }
    : { message: toLoadError(err).message, status: 0, fields: {}, items: [], rows: [] };

/** At most this many pages of 200 in "my programmes" (10,000 programmes). */
const MINE_MAX_PAGES = 50;

/**
 * Editing coverage (issue #6): "my programmes", the programme being edited with its sites (picked on the
 * map or pasted), the 5W upload with its preview, and assessments. Sites are kept as the list the
 * programme should have; Save sends the fields and then the difference. Every save refreshes the Coverage
 * view, so that the map and the counts show the change at once.
 */
export class EditingState {
  readonly #api: EditingApi;
  readonly #session: SessionState;
  readonly #coverage: CoverageTarget;
  readonly #today: () => string;
  readonly #nameOf: NonNullable<EditingDeps['nameOf']>;
  readonly #mine = new LatestLoad();

  pane = $state<EditPane>('list');

  mine = $state.raw<Programme[]>([]);
  get mineStatus(): LoadStatus {
    return this.#mine.status;
  }
  get mineError(): LoadError | null {
    return this.#mine.error;
  }
  /** Every organisation, for admins (who may write for any). */
  allOrganisations = $state.raw<{ id: number; name: string }[]>([]);

  /** The saved programme being edited; null while a new one is drafted. */
  editing = $state.raw<ProgrammeDetail | null>(null);
  draft = $state<ProgrammeDraft>(emptyDraft(null, ''));
  /** The pcodes (or pasted codes) the programme should have after Save. */
  sites = $state.raw<string[]>([]);
  picking = $state(false);
  saving = $state(false);
  problem = $state.raw<SaveProblem | null>(null);
  /** A refused code's message, by the code as sent. */
  siteErrors = $state.raw<Map<string, string>>(new Map());
  saved = $state(false);

  uploadName = $state<string | null>(null);
  uploadText = $state.raw<string | Blob | null>(null);
  upload = $state.raw<ImportResult | null>(null);
  uploadStatus = $state<'idle' | 'previewing' | 'previewed' | 'committing' | 'committed' | 'error'>('idle');
  uploadProblem = $state.raw<SaveProblem | null>(null);

  /** The selected community's assessments and the form that enters or corrects one (assessment-editor). */
  readonly assessments: AssessmentEditor;

  /** The organisations the user may choose: their own, or all of them for admins. */
  get organisations(): { id: number; name: string }[] {
    return this.#session.role === 'admin' && this.allOrganisations.length > 0
      ? this.allOrganisations
      : this.#session.organisations;
  }
  /** The saved sites by pcode, for the difference Save sends. */
  readonly savedSites = $derived(new Set((this.editing?.sites ?? []).map((s) => s.pcode)));
  readonly added = $derived(this.sites.filter((p) => !this.savedSites.has(p)));
  readonly removed = $derived([...this.savedSites].filter((p) => !this.sites.includes(p)));
  readonly uploadBlocked = $derived(
    !this.upload || this.upload.errors.length > 0 || this.upload.rows.length === 0,
  );

  readonly #onchanged: () => void;
  /** The field-rounds pane's state (field-rounds.svelte.ts). */
  readonly fieldRounds: FieldRoundsState | null;

  constructor(deps: EditingDeps) {
    this.#api = deps.api;
    this.#session = deps.session;
    this.#coverage = deps.coverage;
    this.#today = deps.today ?? (() => new Date().toISOString().slice(0, 10));
    this.#nameOf = deps.nameOf ?? (() => undefined);
    this.#onchanged = deps.onchanged ?? (() => {});
    this.assessments = new AssessmentEditor({
      api: deps.api,
      session: deps.session,
      organisations: () => this.organisations,
      today: this.#today,
      onchanged: () => this.#onchanged(),
    });
    this.fieldRounds = deps.fieldRounds
      ? new FieldRoundsState({
          api: deps.fieldRounds,
          session: deps.session,
          coverage: deps.coverage,
          organisations: () => this.organisations,
          onchanged: () => this.#onchanged(),
        })
      : null;
  }

  openFieldRounds(): void {
    this.#reset();
    this.pane = 'field-rounds';
    void this.fieldRounds?.open();
  }

  /** A site's name in `lang`: from the boundaries, else the saved site, else the code as typed. */
  siteName(pcode: string, lang: 'uk' | 'en'): string {
    const n = this.#nameOf(pcode) ?? this.editing?.sites.find((s) => s.pcode === pcode);
    return n ? (lang === 'uk' ? n.nameUk : n.nameEn) : pcode;
  }

  /**
   * Every page of a programme list (issue #11: the API pages it), 200 at a time, up to MINE_MAX_PAGES pages:
   * an editor's own programmes are what this pane shows, all of them.
   */
  async #allPages(query: { organisation?: number }, signal: AbortSignal): Promise<Programme[]> {
    const out: Programme[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MINE_MAX_PAGES; page++) {
      const list = await this.#api.programmes(
        { ...query, limit: 200, ...(cursor ? { cursor } : {}) },
        signal,
      );
      out.push(...list.programmes);
      if (!list.nextCursor) break;
      cursor = list.nextCursor;
    }
    return out;
  }

  /**
   * "My programmes": GET /api/programmes?organisation=<id> for each of the user's organisations, or all
   * programmes for admins.
   */
  async loadMine(): Promise<void> {
    const user = this.#session.user;
    if (!user || !this.#session.canEditAny) {
      // Signed out (or not an editor): nothing of the last user's editing stays, map clicks select again.
      this.#mine.clear();
      this.mine = [];
      this.setPicking(false);
      this.editing = null;
      this.pane = 'list';
      return;
    }
    const admin = user.role === 'admin';
    await this.#mine.run(
      (signal) =>
        Promise.all([
          admin
            ? Promise.all([this.#allPages({}, signal)])
            : Promise.all(user.organisations.map((o) => this.#allPages({ organisation: o.id }, signal))),
          admin ? this.#api.organisations(signal) : Promise.resolve(null),
        ]),
      ([lists, organisations]) => {
        const byCode = new Map<string, Programme>();
        for (const l of lists) for (const p of l) byCode.set(p.code, p);
        this.mine = [...byCode.values()].sort((a, b) => a.title.localeCompare(b.title));
        if (organisations) this.allOrganisations = organisations.map((o) => ({ id: o.id, name: o.name }));
      },
    );
  }

  #reset(): void {
    this.problem = null;
    this.siteErrors = new Map();
    this.saved = false;
    this.setPicking(false);
  }

  startNew(): void {
    this.#reset();
    this.editing = null;
    this.draft = emptyDraft(this.organisations[0]?.id ?? null, this.#today());
    this.sites = [];
    this.pane = 'programme';
  }

  /** Opens a programme with all its sites (GET /api/programmes/{code}: the list may be windowed). */
  async edit(code: string): Promise<void> {
    this.#reset();
    try {
      const p = await this.#api.programme(code);
      this.#show(p);
      this.pane = 'programme';
    } catch (err) {
      this.problem = problemOf(err);
    }
  }

  #show(p: ProgrammeDetail): void {
    this.editing = p;
    this.draft = draftOf(p);
    this.sites = p.sites.map((s) => s.pcode);
  }

  back(): void {
    this.#reset();
    this.pane = 'list';
  }

  /** While on, a click on a hromada of the map adds it as a site, or removes it when it is one. */
  setPicking(on: boolean): void {
    this.picking = on;
    this.#coverage.picker = on ? (pcode) => this.toggleSite(pcode) : null;
  }

  toggleSite(pcode: string): void {
    this.saved = false;
    this.sites = this.sites.includes(pcode) ? this.sites.filter((p) => p !== pcode) : [...this.sites, pcode];
  }

  removeSite(pcode: string): void {
    this.saved = false;
    this.sites = this.sites.filter((p) => p !== pcode);
    const errors = new Map(this.siteErrors);
    errors.delete(pcode);
    this.siteErrors = errors;
  }

  /** Adds pasted codes to the sites; the API checks them on Save and names each bad one. */
  pasteCodes(text: string): number {
    const codes = parseCodes(text).filter((c) => !this.sites.includes(c));
    if (codes.length) {
      this.saved = false;
      this.sites = [...this.sites, ...codes];
    }
    return codes.length;
  }

  /**
   * Saves the draft: a new programme with its sites, or the changed fields, the added sites and the removed
   * ones of a saved one; then reloads it, "my programmes" and the Coverage view.
   */
  async save(): Promise<boolean> {
    this.saving = true;
    this.problem = null;
    this.siteErrors = new Map();
    this.saved = false;
    let sent: string[] = [];
    try {
      const fields = fieldsOf(this.draft);
      let code: string;
      const current = this.editing;
      if (!current) {
        sent = [...this.sites];
        const created = await this.#session.write(() =>
          this.#api.createProgramme({ ...fields, sites: sent.map((pcode): SiteInput => ({ pcode })) }),
        );
        code = created.code;
      } else {
        code = current.code;
        const patch = changedFields(draftOf(current), this.draft, fields);
        if (Object.keys(patch).length > 0)
          await this.#session.write(() => this.#api.patchProgramme(code, patch));
        sent = this.added;
        if (sent.length > 0)
          await this.#session.write(() =>
            this.#api.addSites(
              code,
              sent.map((pcode) => ({ pcode })),
            ),
          );
        for (const pcode of this.removed) await this.#session.write(() => this.#api.removeSite(code, pcode));
      }
      const fresh = await this.#api.programme(code);
      this.#show(fresh);
      this.saved = true;
      await this.#programmesChanged();
      return true;
    } catch (err) {
      const problem = problemOf(err);
      this.problem = problem;
      this.siteErrors = new Map(
        problem.items.map((i) => [sent[i.index] ?? i.pcode, i.message] as [string, string]),
      );
      return false;
    } finally {
      this.saving = false;
    }
  }

  /** After programmes were written: "my programmes" and the Coverage view load again, and the app is told. */
  async #programmesChanged(): Promise<void> {
    await Promise.all([this.loadMine(), this.#coverage.refresh()]);
    this.#onchanged();
  }

  /** Deletes the programme being edited (kept in the database as deleted). */
  async remove(): Promise<boolean> {
    const current = this.editing;
    if (!current) return false;
    this.saving = true;
    this.problem = null;
    try {
      await this.#session.write(() => this.#api.deleteProgramme(current.code));
      this.editing = null;
      this.pane = 'list';
      this.setPicking(false);
      await this.#programmesChanged();
      return true;
    } catch (err) {
      this.problem = problemOf(err);
      return false;
    } finally {
      this.saving = false;
    }
  }

  openUpload(): void {
    this.#reset();
    this.clearUpload();
    this.pane = 'upload';
  }

  clearUpload(): void {
    this.uploadName = null;
    this.uploadText = null;
    this.upload = null;
    this.uploadStatus = 'idle';
    this.uploadProblem = null;
  }

  /** Reads a chosen file and asks the API what it would change (writes nothing). */
  async preview(fileName: string, text: string | Blob): Promise<void> {
    this.uploadName = fileName;
    this.uploadText = text;
    this.upload = null;
    this.uploadProblem = null;
    this.uploadStatus = 'previewing';
    try {
      this.upload = await this.#session.write(() => this.#api.importCsv('preview', text, fileName));
      this.uploadStatus = 'previewed';
    } catch (err) {
      this.uploadProblem = problemOf(err);
      this.uploadStatus = 'error';
    }
  }

  /** Commits the previewed file: everything in one transaction, or nothing. */
  async commit(): Promise<boolean> {
    const text = this.uploadText;
    if (text === null || this.uploadBlocked) return false;
    this.uploadStatus = 'committing';
    this.uploadProblem = null;
    try {
      this.upload = await this.#session.write(() =>
        this.#api.importCsv('commit', text, this.uploadName ?? undefined),
      );
      this.uploadStatus = 'committed';
      await this.#programmesChanged();
      return true;
    } catch (err) {
      this.uploadProblem = problemOf(err);
      this.uploadStatus = 'error';
      return false;
    }
  }

  openAssessment(): void {
    this.#reset();
    this.assessments.startNew();
    this.pane = 'assessment';
  }

  dispose(): void {
    this.#mine.abort();
    this.assessments.dispose();
    this.fieldRounds?.dispose();
    this.#coverage.picker = null;
  }
}

/** The fields of `fields` whose draft differs from the saved programme's. */
function changedFields(
  before: ProgrammeDraft,
  after: ProgrammeDraft,
  fields: ProgrammeFields,
): Partial<ProgrammeFields> {
  const out: Partial<ProgrammeFields> = {};
  for (const k of Object.keys(fields) as (keyof ProgrammeFields)[])
    if (before[k] !== after[k]) (out as Record<string, unknown>)[k] = fields[k];
  return out;
}
