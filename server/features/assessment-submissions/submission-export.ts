import {
  DONT_KNOW,
  INSTRUMENT,
  LIKERT_POINTS,
  type Bilingual,
  type RespondentGroup,
} from '../../model/instrument.ts';
import { parseCsv, parseDate } from '../../pipeline/parse/csv.ts';

// Field submissions of the instrument as KoboToolbox and ODK Central export them, read into one normalised shape
// (issue #13, section 3). Pure: what needs the database (is the pcode a current hromada, was this submission
// imported before) is checked by the service. Names come from the one instrument definition, so a column is
// found whether the export writes the group path (`assessment/cohesion_trust/cohesion_trust_1` in Kobo,
// `assessment-cohesion_trust-cohesion_trust_1` in ODK Central) or the bare XML name (Kobo with "include groups
// in headers" off). KoboToolbox's "Export with labels" (in Ukrainian or English) is read too: each header is the
// question's label in that language (after its groups' labels, `Group label/Question label`), mapped back to the
// question through the same instrument definition the form was generated from, and each answer is its choice's
// label (e.g. "Цілком згоден / згодна"). There the hromada is its name, which the service resolves with its
// raion's and oblast's names against the units the form offered.

export type SubmissionExportFormat = 'kobo' | 'odk-central';

/** One accepted submission, normalised: answers are the Likert points 1…5 as answered, null for "hard to say". */
export interface NormalizedSubmission {
  /** Spreadsheet row (header = 1). */
  row: number;
  /** The submission's instance id, without the `uuid:` prefix: the same in Kobo's `_uuid` and ODK's instanceID. */
  id: string;
  submittedAt: string | null;
  formVersion: string;
  roundDate: string;
  pcode: string;
  group: RespondentGroup;
  consent: true;
  answers: Record<string, number | null>;
  /**
   * In a labels export: the hromada, raion and oblast names as answered (then `pcode` is the hromada's name),
   * for the service to resolve against the database's units.
   */
  unitNames?: { oblast: string; raion: string; hromada: string };
}

/** A row that is not imported, with where and why. A declined consent keeps no answers, only this. */
export interface SubmissionRejection {
  row: number;
  /** The submission id when the row has one (so a rejected row can be traced back in Kobo or Central). */
  id: string | null;
  field: string | null;
  reason: string;
}

export interface ParsedSubmissionExport {
  fileName: string;
  format: SubmissionExportFormat;
  /** How the columns are named: XML names, or KoboToolbox labels in one of the form's languages. */
  headers: HeaderLanguage;
  submissions: NormalizedSubmission[];
  rejections: SubmissionRejection[];
}

/** A table of string cells, as read from a CSV or a worksheet. */
export interface SubmissionTable {
  fileName: string;
  headers: string[];
  rows: { rowNumber: number; values: Record<string, string> }[];
}

export class SubmissionExportError extends Error {
  override readonly name = 'SubmissionExportError';
}

/**
 * Why a row was not imported, as a code a client can translate (issue #13, section 3). The message stays the
 * server's English sentence with the detail (the value, the column); the code is read from its fixed start, so
 * that the rows stored in rejected_rows (reason text only) get the same codes as a preview's.
 */
export const REJECTION_CODES = [
  'no_id',
  'duplicate_in_file',
  'no_consent',
  'consent_missing',
  'not_approved',
  'unknown_form_id',
  'unknown_form_version',
  'round_date',
  'hromada_missing',
  'unknown_respondent_group',
  'out_of_range_answer',
  'unknown_hromada',
  'round_of_other_organisation',
  'malformed_row',
  'other',
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

const REASON_STARTS: [RejectionCode, RegExp][] = [
  ['no_id', /^no submission id/],
  ['duplicate_in_file', /^duplicate submission id in this file/],
  ['no_consent', /^no consent/],
  ['consent_missing', /^consent missing/],
  ['not_approved', /^not approved in KoboToolbox/],
  ['unknown_form_id', /^unknown form id /],
  ['unknown_form_version', /^unknown form version /],
  ['round_date', /^round date/],
  ['hromada_missing', /^hromada missing/],
  ['unknown_respondent_group', /^unknown respondent group /],
  ['out_of_range_answer', /^out-of-range answer/],
  ['unknown_hromada', /^unknown hromada /],
  ['round_of_other_organisation', /^round of another organisation/],
  ['malformed_row', /^(malformed quotes|has \d+ fields, the header has)/],
];

/** The code of a rejection reason as this module and the service write it; `other` for anything else. */
export function rejectionCode(reason: string): RejectionCode {
  return REASON_STARTS.find(([, start]) => start.test(reason))?.[0] ?? 'other';
}

/** The form versions this instrument has had: a submission naming another is rejected (issue #13, section 3). */
export const KNOWN_FORM_VERSIONS: readonly string[] = [INSTRUMENT.version];

// Metadata columns by export format (KoboToolbox "Export data" CSV/XLSX; ODK Central "Download all records").
const META = {
  id: ['_uuid', 'meta/instanceID', 'meta-instanceID', 'instanceID', 'KEY'],
  submittedAt: ['_submission_time', 'SubmissionDate'],
  // ODK Central writes the form version it received; Kobo's `__version__` is its own deployment id, not the
  // XLSForm version, so it is not read (a Kobo export without a version column is taken as the current form).
  formVersion: ['FormVersion', '_version_', 'version'],
  formId: ['_xform_id_string', 'formId'],
  validationStatus: ['_validation_status'],
} as const;

const likertByLabel = new Map<string, string>(
  INSTRUMENT.likert.choices.flatMap((c) => [
    [c.name.toLowerCase(), c.name],
    [c.label.en.toLowerCase(), c.name],
    [c.label.uk.toLowerCase(), c.name],
  ]),
);
const consentByLabel = new Map<string, string>(
  INSTRUMENT.consent.choices.flatMap((c) => [
    [c.name.toLowerCase(), c.name],
    [c.label.en.toLowerCase(), c.name],
    [c.label.uk.toLowerCase(), c.name],
  ]),
);
const groupByLabel = new Map<string, RespondentGroup>(
  INSTRUMENT.respondentGroup.choices.flatMap((c) => [
    [c.name.toLowerCase(), c.name as RespondentGroup],
    [c.label.en.toLowerCase(), c.name as RespondentGroup],
    [c.label.uk.toLowerCase(), c.name as RespondentGroup],
  ]),
);

/** `names`: the XML names of the form's questions; `uk` / `en`: their labels in that language (Kobo "labels"). */
export type HeaderLanguage = 'names' | keyof Bilingual;
const LABEL_LANGUAGES = ['uk', 'en'] as const satisfies readonly (keyof Bilingual)[];

/** The label of each question by its XML name: what a labels export writes as that question's header. */
const QUESTION_LABELS = new Map<string, Bilingual>([
  [INSTRUMENT.consent.name, INSTRUMENT.consent.label],
  [INSTRUMENT.round.name, INSTRUMENT.round.label],
  ['oblast', INSTRUMENT.location.oblast],
  ['raion', INSTRUMENT.location.raion],
  ['hromada', INSTRUMENT.location.hromada],
  [INSTRUMENT.respondentGroup.name, INSTRUMENT.respondentGroup.label],
  ...INSTRUMENT.items.map((item) => [item.id, item.label] as const),
]);

/** Spreadsheets and Kobo may differ from the form in spaces, case and the apostrophe's code point (' ’ ʼ). */
export const normaliseLabel = (s: string) =>
  s.normalize('NFC').replace(/[’ʼ`]/g, "'").replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * The header of a question in a labels export: exactly its label, or a group path ending in it. Kobo joins the
 * groups' labels (their names when unlabelled, as `assessment` here) with "/" by default.
 */
function findLabelHeader(headers: readonly string[], label: string): string | undefined {
  const wanted = normaliseLabel(label);
  return (
    headers.find((h) => normaliseLabel(h) === wanted) ??
    headers.find((h) => normaliseLabel(h).endsWith(`/${wanted}`))
  );
}

/** The header of a field: exactly its name, or a group path ending in it (`…/name` in Kobo, `…-name` in ODK). */
function findHeader(headers: readonly string[], names: readonly string[]): string | undefined {
  for (const name of names) {
    const exact = headers.find((h) => h === name);
    if (exact) return exact;
  }
  for (const name of names) {
    const pathed = headers.find((h) => h.endsWith(`/${name}`) || h.endsWith(`-${name}`));
    if (pathed) return pathed;
  }
  return undefined;
}

export function detectFormat(headers: readonly string[]): SubmissionExportFormat {
  if (headers.some((h) => h === 'SubmissionDate' || h === 'meta-instanceID')) return 'odk-central';
  if (headers.some((h) => h === '_uuid' || h === '_submission_time' || h.includes('/'))) return 'kobo';
  if (headers.some((h) => h.includes('-'))) return 'odk-central';
  return 'kobo';
}

const stripUuid = (id: string) => id.trim().replace(/^uuid:/, '');

/** Where each field of the form is in an export whose questions are headed as `language` says. */
function locateColumns(headers: readonly string[], language: HeaderLanguage) {
  const meta = (names: readonly string[]) => findHeader(headers, names);
  const column = (names: readonly string[]) => {
    if (language === 'names') return findHeader(headers, names);
    const label = QUESTION_LABELS.get(names[0]!);
    return label === undefined ? undefined : findLabelHeader(headers, label[language]);
  };
  const columns = {
    id: meta(META.id),
    submittedAt: meta(META.submittedAt),
    formVersion: meta(META.formVersion),
    formId: meta(META.formId),
    validationStatus: meta(META.validationStatus),
    consent: column([INSTRUMENT.consent.name]),
    roundDate: column([INSTRUMENT.round.name]),
    oblast: column(['oblast']),
    raion: column(['raion']),
    hromada: column(['hromada']),
    group: column([INSTRUMENT.respondentGroup.name]),
  };
  const itemColumns = INSTRUMENT.items.map((item) => ({ item, header: column([item.id]) }));
  const missing = [
    ...(['id', 'consent', 'roundDate', 'hromada', 'group'] as const)
      .filter((k) => columns[k] === undefined)
      .map((k) => (k === 'id' ? '_uuid / meta-instanceID' : k === 'roundDate' ? INSTRUMENT.round.name : k)),
    // A labels export names the hromada only with its raion and oblast: all three are needed then.
    ...(language === 'names' ? [] : (['oblast', 'raion'] as const).filter((k) => columns[k] === undefined)),
    ...itemColumns.filter((c) => c.header === undefined).map((c) => c.item.id),
  ];
  return { columns, itemColumns, missing };
}

/** Reads a table of an export into accepted submissions and rejected rows, each rejection with its reason. */
export function readSubmissionTable(table: SubmissionTable): ParsedSubmissionExport {
  const { headers, fileName } = table;
  const format = detectFormat(headers);
  // XML names first (what the fixtures and ODK Central write); else Kobo's label headers in either language.
  const byNames = locateColumns(headers, 'names');
  const byLabels = LABEL_LANGUAGES.map((language) => ({ language, ...locateColumns(headers, language) }));
  const found =
    byNames.missing.length === 0
      ? { language: 'names' as const, ...byNames }
      : byLabels.find((l) => l.missing.length === 0);
  if (!found) {
    const { missing } = byNames;
    throw new SubmissionExportError(
      `${fileName}: not an export of the ${INSTRUMENT.formId} form: missing column(s) ` +
        `${missing.slice(0, 8).join(', ')}${missing.length > 8 ? ` and ${missing.length - 8} more` : ''}. ` +
        'Export with "XML values and headers" or with labels in Ukrainian or English (KoboToolbox), or as CSV ' +
        'from ODK Central.',
    );
  }
  const { language, columns, itemColumns } = found;
  const submissions: NormalizedSubmission[] = [];
  const rejections: SubmissionRejection[] = [];
  const seen = new Set<string>();
  for (const { rowNumber, values } of table.rows) {
    const cell = (header: string | undefined) => (header === undefined ? '' : (values[header] ?? '').trim());
    const id = stripUuid(cell(columns.id)) || null;
    const reject = (field: string | null, reason: string) =>
      rejections.push({ row: rowNumber, id, field, reason });

    if (!id) {
      reject(columns.id ?? null, 'no submission id');
      continue;
    }
    if (seen.has(id)) {
      reject(columns.id ?? null, 'duplicate submission id in this file');
      continue;
    }
    seen.add(id);
    const consent = consentByLabel.get(cell(columns.consent).toLowerCase());
    if (consent !== 'yes') {
      // Declined or unanswered: nothing but the refusal is kept (the form itself asks nothing more then).
      reject(columns.consent!, consent === 'no' ? 'no consent' : 'consent missing');
      continue;
    }
    const status = cell(columns.validationStatus).toLowerCase().replace(/\s+/g, '_');
    if (status === 'validation_status_not_approved' || status === 'not_approved') {
      reject(columns.validationStatus!, 'not approved in KoboToolbox (_validation_status)');
      continue;
    }
    const formId = cell(columns.formId);
    if (formId !== '' && formId !== INSTRUMENT.formId) {
      reject(columns.formId!, `unknown form id "${formId}" (expected ${INSTRUMENT.formId})`);
      continue;
    }
    const formVersion = cell(columns.formVersion) || INSTRUMENT.version;
    if (!KNOWN_FORM_VERSIONS.includes(formVersion)) {
      reject(columns.formVersion!, `unknown form version "${formVersion}"`);
      continue;
    }
    // Kobo and Central write dates as YYYY-MM-DD; a timestamp keeps its date part.
    const round = parseDate(cell(columns.roundDate).slice(0, 10));
    if (!round.ok || round.value === null) {
      reject(columns.roundDate!, round.ok ? 'round date missing' : `round date: ${round.reason}`);
      continue;
    }
    const pcode = cell(columns.hromada);
    if (pcode === '') {
      reject(columns.hromada!, 'hromada missing');
      continue;
    }
    const group = groupByLabel.get(cell(columns.group).toLowerCase());
    if (!group) {
      reject(columns.group!, `unknown respondent group "${cell(columns.group)}"`);
      continue;
    }
    const answers: Record<string, number | null> = {};
    let bad: { field: string; reason: string } | undefined;
    for (const { item, header } of itemColumns) {
      const raw = cell(header);
      const name = likertByLabel.get(raw.toLowerCase());
      if (raw === '' || name === DONT_KNOW) answers[item.id] = null;
      else if (name !== undefined) answers[item.id] = Number(name);
      else {
        bad = { field: header!, reason: `answer "${raw}" is not 1–${LIKERT_POINTS} or "${DONT_KNOW}"` };
        break;
      }
    }
    if (bad) {
      reject(bad.field, `out-of-range answer: ${bad.reason}`);
      continue;
    }
    submissions.push({
      row: rowNumber,
      id,
      submittedAt: cell(columns.submittedAt) || null,
      formVersion,
      roundDate: round.value,
      pcode,
      group,
      consent: true,
      answers,
      ...(language === 'names'
        ? {}
        : { unitNames: { oblast: cell(columns.oblast), raion: cell(columns.raion), hromada: pcode } }),
    });
  }
  return { fileName, format, headers: language, submissions, rejections };
}

/** A KoboToolbox or ODK Central CSV export (`,` or `;` detected from the header line). */
export function parseSubmissionCsv(text: string, fileName: string): ParsedSubmissionExport {
  const parsed = parseCsv(text, { fileName });
  const result = readSubmissionTable(parsed);
  // Rows papaparse could not split are rejected too, so every row of the file is accounted for.
  const broken = parsed.problems.map((p) => ({ row: p.rowNumber, id: null, field: null, reason: p.reason }));
  return { ...result, rejections: [...broken, ...result.rejections].sort((a, b) => a.row - b.row) };
}
