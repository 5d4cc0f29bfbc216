import type { Bilingual, InstrumentDefinition } from '../../model/instrument.ts';

// The form as a tree of questions and a set of choice lists, built once from the instrument definition and the
// database's units. Both generators (XLSForm and XForm) render this one outline, so names, order, relevance,
// required answers and the cascade are the same in both forms by construction (issue #13, section 2).

/** A unit offered in the oblast → raion → hromada cascade: its pcode and names, and its parent's pcode. */
export interface CascadeUnit {
  pcode: string;
  parentPcode: string | null;
  nameUk: string;
  nameEn: string;
}

/** The units the cascade offers, as read from the database (admin_units). */
export interface CascadeUnits {
  oblasts: CascadeUnit[];
  raions: CascadeUnit[];
  hromadas: CascadeUnit[];
}

export type OutlineNode =
  | { kind: 'note'; name: string; label: Bilingual }
  | { kind: 'date'; name: string; label: Bilingual; hint?: Bilingual; required: boolean }
  | {
      kind: 'select_one';
      name: string;
      list: string;
      label: Bilingual;
      hint?: Bilingual;
      required: boolean;
      /** Only the choices whose `column` equals the answer to `question` (the cascade). */
      filter?: { column: string; question: string };
    }
  | {
      kind: 'group';
      name: string;
      label?: Bilingual;
      /** Asked only when `question` was answered `equals` (consent). */
      relevant?: { question: string; equals: string };
      /** All its questions on one screen. */
      fieldList: boolean;
      children: OutlineNode[];
    };

export interface OutlineChoice {
  name: string;
  label: Bilingual;
  /** Values of the list's filter columns (the parent unit's pcode in the cascade). */
  filters: Record<string, string>;
}

export interface OutlineList {
  name: string;
  /** Extra columns of the list that a choice filter reads. */
  filterColumns: string[];
  choices: OutlineChoice[];
}

export interface FormOutline {
  formId: string;
  version: string;
  title: Bilingual;
  nodes: OutlineNode[];
  lists: OutlineList[];
}

/** The group holding everything asked after consent: irrelevant, so never asked nor kept, without a "yes". */
export const CONSENTED_GROUP = 'assessment';
export const CONSENT_LIST = 'yes_no';
export const RESPONDENT_GROUP_LIST = 'respondent_group';

const unitChoices = (units: CascadeUnit[], parentColumn?: string): OutlineChoice[] =>
  units.map((u) => ({
    name: u.pcode,
    label: { uk: u.nameUk, en: u.nameEn },
    filters: parentColumn && u.parentPcode ? { [parentColumn]: u.parentPcode } : {},
  }));

export function formOutline(definition: InstrumentDefinition, units: CascadeUnits): FormOutline {
  const { consent, round, location, respondentGroup, likert } = definition;
  const componentGroups: OutlineNode[] = definition.components.map(({ component, label }) => ({
    kind: 'group',
    name: component,
    label,
    fieldList: true,
    children: definition.items
      .filter((item) => item.component === component)
      .map((item) => ({
        kind: 'select_one',
        name: item.id,
        list: likert.listName,
        label: item.label,
        ...(item.hint ? { hint: item.hint } : {}),
        required: true, // "Hard to say" is an answer: required keeps a skipped screen from passing silently
      })),
  }));
  return {
    formId: definition.formId,
    version: definition.version,
    title: definition.title,
    nodes: [
      { kind: 'note', name: 'intro', label: definition.intro },
      {
        kind: 'select_one',
        name: consent.name,
        list: CONSENT_LIST,
        label: consent.label,
        hint: consent.hint,
        required: true,
      },
      {
        kind: 'group',
        name: CONSENTED_GROUP,
        relevant: { question: consent.name, equals: 'yes' },
        fieldList: false,
        children: [
          { kind: 'date', name: round.name, label: round.label, hint: round.hint, required: true },
          { kind: 'select_one', name: 'oblast', list: 'oblast', label: location.oblast, required: true },
          {
            kind: 'select_one',
            name: 'raion',
            list: 'raion',
            label: location.raion,
            required: true,
            filter: { column: 'oblast', question: 'oblast' },
          },
          {
            kind: 'select_one',
            name: 'hromada',
            list: 'hromada',
            label: location.hromada,
            required: true,
            filter: { column: 'raion', question: 'raion' },
          },
          {
            kind: 'select_one',
            name: respondentGroup.name,
            list: RESPONDENT_GROUP_LIST,
            label: respondentGroup.label,
            required: true,
          },
          ...componentGroups,
        ],
      },
    ],
    lists: [
      { name: CONSENT_LIST, filterColumns: [], choices: consent.choices.map((c) => ({ ...c, filters: {} })) },
      {
        name: RESPONDENT_GROUP_LIST,
        filterColumns: [],
        choices: respondentGroup.choices.map((c) => ({ ...c, filters: {} })),
      },
      {
        name: likert.listName,
        filterColumns: [],
        choices: likert.choices.map((c) => ({ ...c, filters: {} })),
      },
      { name: 'oblast', filterColumns: [], choices: unitChoices(units.oblasts) },
      { name: 'raion', filterColumns: ['oblast'], choices: unitChoices(units.raions, 'oblast') },
      { name: 'hromada', filterColumns: ['raion'], choices: unitChoices(units.hromadas, 'raion') },
    ],
  };
}

/**
 * The form's languages as XLSForm and XForm name them: "Name (code)", the form ODK Collect and Enketo read to
 * know the language's code (XLSForm spec, "Multiple language support"). Ukrainian is the default.
 */
export const FORM_LANGUAGES = [
  { key: 'uk', name: 'Ukrainian (uk)' },
  { key: 'en', name: 'English (en)' },
] as const satisfies readonly { key: keyof Bilingual; name: string }[];
