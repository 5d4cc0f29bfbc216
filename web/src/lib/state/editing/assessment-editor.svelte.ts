import { WriteError } from '../../api/account.ts';
import type { AssessmentPatch, AssessmentView, EditingApi, NewAssessment } from '../../api/editing.ts';
import type { AssessmentComponentId } from '../../api/schema.ts';
import { ASSESSMENT_COMPONENT_IDS } from '../../domain/assessment-components.ts';
import { LatestLoad } from '../latest-load.svelte.ts';
import { toLoadError, type LoadError, type LoadStatus } from '../load-status.ts';
import type { SessionState } from '../session.svelte.ts';

// A community's assessments in the Coverage view's editing area (issue #13 §7: "editing and deleting
// assessments"): the list of the selected hromada's assessments, the form that enters a new one or corrects one
// (PATCH /api/assessments/{id}, prefilled), and deleting one after a confirmation. The server decides who may
// write (its organisation's editors, admins); the list offers Edit and Delete only where it would agree, and
// a refusal still comes back as a problem the form shows (assessment-problems.ts words it in the UI language).

export interface AssessmentDraft {
  assessedOn: string;
  organisationId: number | null;
  assessor: string;
  /** '' = not stated. */
  strategyAdopted: '' | 'yes' | 'no';
  notes: string;
  /** 0–10 as typed; '' = not assessed. */
  scores: Record<AssessmentComponentId, string>;
}

/** A refused write as the form shows it: the HTTP status and error code, the message, the fields it names. */
export interface AssessmentProblem {
  status: number;
  code: string;
  message: string;
  fields: Record<string, string>;
}

export interface AssessmentEditorDeps {
  api: Pick<
    EditingApi,
    'assessments' | 'createAssessment' | 'patchAssessment' | 'deleteAssessment' | 'organisations'
  >;
  session: SessionState;
  /** The organisations the user may choose (their own, or all of them for admins). */
  organisations: () => { id: number; name: string }[];
  today: () => string;
  /** Told after every write that succeeded (the open profile and the maps show it). */
  onchanged: () => void;
}

const emptyScores = () =>
  Object.fromEntries(ASSESSMENT_COMPONENT_IDS.map((c) => [c, ''])) as Record<AssessmentComponentId, string>;

const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

/** The draft of a saved assessment: its fields as the form shows them. */
export function assessmentDraftOf(a: AssessmentView): AssessmentDraft {
  const scores = emptyScores();
  for (const c of ASSESSMENT_COMPONENT_IDS) {
    const v = a.scores[c];
    scores[c] = v === null || v === undefined ? '' : String(v);
  }
  return {
    assessedOn: a.assessedOn,
    organisationId: a.organisationId,
    assessor: a.assessor ?? '',
    strategyAdopted: a.strategyAdopted === null ? '' : a.strategyAdopted ? 'yes' : 'no',
    notes: a.notes ?? '',
    scores,
  };
}

/** A typed score as the API reads it: '' → null (not assessed), '4,5' → 4.5; not a number is sent as typed. */
function scoreOf(typed: string): number | null {
  const v = typed.trim().replace(',', '.');
  if (v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : (v as never);
}

const problemOf = (err: unknown): AssessmentProblem =>
  err instanceof WriteError
    ? { status: err.status, code: err.code, message: err.message, fields: err.fields }
    : { status: 0, code: 'NETWORK', message: toLoadError(err).message, fields: {} };

export class AssessmentEditor {
  readonly #deps: AssessmentEditorDeps;
  readonly #list = new LatestLoad();

  /** The community whose assessments `list` holds. */
  pcode = $state<string | null>(null);
  list = $state.raw<AssessmentView[]>([]);
  /** Organisation names by id, for the list (GET /api/organisations is public). */
  organisationNames = $state.raw<Map<number, string>>(new Map());
  get listStatus(): LoadStatus {
    return this.#list.status;
  }
  get listError(): LoadError | null {
    return this.#list.error;
  }

  /** The saved assessment the form corrects; null while a new one is entered. */
  editingId = $state<number | null>(null);
  draft = $state<AssessmentDraft>({
    assessedOn: '',
    organisationId: null,
    assessor: '',
    strategyAdopted: '',
    notes: '',
    scores: emptyScores(),
  });
  saving = $state(false);
  problem = $state.raw<AssessmentProblem | null>(null);
  /** Which action the problem is of: the form's save, or a deletion from the list. */
  problemSource = $state<'save' | 'delete'>('save');
  /** The pcode whose assessment was just saved (the form says so until the next change). */
  saved = $state<string | null>(null);
  /** The assessment whose deletion waits for "Yes, delete". */
  confirmingDelete = $state<number | null>(null);
  deleted = $state(false);

  constructor(deps: AssessmentEditorDeps) {
    this.#deps = deps;
  }

  /** Whether the user may correct or delete `a`: an admin, or an editor of its organisation. */
  canEdit(a: AssessmentView): boolean {
    const { session } = this.#deps;
    if (session.role === 'admin') return true;
    if (session.role !== 'editor' || a.organisationId === null) return false;
    return session.organisations.some((o) => o.id === a.organisationId);
  }

  /** Loads community `pcode`'s assessments (the list is cleared for null). */
  async load(pcode: string | null): Promise<void> {
    if (pcode !== this.pcode) {
      this.pcode = pcode;
      this.list = [];
      this.confirmingDelete = null;
      if (this.editingId !== null) this.startNew();
    }
    if (pcode === null) {
      this.#list.clear();
      return;
    }
    const { api } = this.#deps;
    const names = this.organisationNames;
    await this.#list.run(
      (signal) =>
        Promise.all([
          api.assessments(pcode, signal),
          names.size > 0 ? Promise.resolve(null) : api.organisations(signal),
        ]),
      ([rows, organisations]) => {
        this.list = rows;
        if (organisations) this.organisationNames = new Map(organisations.map((o) => [o.id, o.name]));
      },
    );
  }

  /** An empty form for a new assessment: today, the first organisation, the user as assessor. */
  startNew(): void {
    this.editingId = null;
    this.draft = {
      assessedOn: this.#deps.today(),
      organisationId: this.#deps.organisations()[0]?.id ?? null,
      assessor: this.#deps.session.user?.name ?? '',
      strategyAdopted: '',
      notes: '',
      scores: emptyScores(),
    };
    this.problem = null;
    this.saved = null;
    this.deleted = false;
  }

  /** The form prefilled with a saved assessment, to correct it. */
  edit(a: AssessmentView): void {
    this.editingId = a.id;
    this.draft = assessmentDraftOf(a);
    this.problem = null;
    this.saved = null;
    this.deleted = false;
    this.confirmingDelete = null;
  }

  /** Enters the draft as a new assessment of `pcode` (POST) or corrects the one being edited (PATCH). */
  async save(pcode: string): Promise<boolean> {
    const d = this.draft;
    this.saving = true;
    this.problem = null;
    this.saved = null;
    this.deleted = false;
    const scores: NewAssessment['scores'] = {};
    for (const c of ASSESSMENT_COMPONENT_IDS) {
      const v = scoreOf(d.scores[c]);
      // A new assessment sends what was scored; a correction sends every component, null clearing one.
      if (v !== null || this.editingId !== null) scores[c] = v;
    }
    const fields = {
      assessedOn: d.assessedOn,
      organisationId: d.organisationId ?? 0,
      assessor: orNull(d.assessor),
      strategyAdopted: d.strategyAdopted === '' ? null : d.strategyAdopted === 'yes',
      notes: orNull(d.notes),
      scores,
    };
    const id = this.editingId;
    try {
      const { api, session } = this.#deps;
      if (id === null) await session.write(() => api.createAssessment({ pcode, ...fields }));
      else await session.write(() => api.patchAssessment(id, fields satisfies AssessmentPatch));
      this.saved = pcode;
      this.#deps.onchanged();
      await this.load(pcode);
      return true;
    } catch (err) {
      this.problem = problemOf(err);
      this.problemSource = 'save';
      if (this.problem.status === 404) await this.load(pcode);
      return false;
    } finally {
      this.saving = false;
    }
  }

  askDelete(id: number): void {
    this.confirmingDelete = id;
    this.problem = null;
    this.deleted = false;
  }

  cancelDelete(): void {
    this.confirmingDelete = null;
  }

  /** Deletes the assessment waiting for confirmation (the server keeps the row, marked deleted). */
  async confirmDelete(): Promise<boolean> {
    const id = this.confirmingDelete;
    if (id === null) return false;
    this.saving = true;
    this.problem = null;
    try {
      await this.#deps.session.write(() => this.#deps.api.deleteAssessment(id));
      this.confirmingDelete = null;
      this.deleted = true;
      if (this.editingId === id) {
        this.startNew();
        this.deleted = true;
      }
      this.#deps.onchanged();
      await this.load(this.pcode);
      return true;
    } catch (err) {
      this.problem = problemOf(err);
      this.problemSource = 'delete';
      this.confirmingDelete = null;
      if (this.problem.status === 404) await this.load(this.pcode);
      return false;
    } finally {
      this.saving = false;
    }
  }

  dispose(): void {
    this.#list.abort();
  }
}
