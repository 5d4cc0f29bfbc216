import { ASSESSMENT_COMPONENT_NAMES, type AssessmentComponent } from './assessment-components.ts';
import { INSTRUMENT_ITEMS, type Bilingual, type InstrumentItem } from './instrument-items.ts';

export type { Bilingual, InstrumentItem } from './instrument-items.ts';

// The field instrument of the community-security assessment (issue #13, section 2): one definition, from which
// the XLSForm (KoboToolbox) and the XForm (ODK Central / Collect) are generated and by which submissions are
// scored, so that the questions asked and the scores computed cannot drift apart. Pure data, browser-safe.

export interface InstrumentChoice {
  name: string;
  label: Bilingual;
}

/** Who answers: the groups whose mix a score can be post-stratified to (issue #13, section 4). */
export const RESPONDENT_GROUPS = [
  'resident',
  'idp',
  'veteran',
  'local_official',
  'police',
  'civil_society',
] as const;
export type RespondentGroup = (typeof RESPONDENT_GROUPS)[number];

/** The five points of agreement, as answered (1 = strongly disagree … 5 = strongly agree). */
export const LIKERT_POINTS = 5;
/** "Hard to say": offered so that nobody is pushed into a guess; not scored. */
export const DONT_KNOW = 'dk';

export interface InstrumentDefinition {
  /** The form id of both generated forms (XLSForm settings form_id, XForm instance root id). */
  formId: string;
  /** Changes whenever a question, choice or label changes: a submission names the version it answered. */
  version: string;
  title: Bilingual;
  /** Shown before consent: who asks, why, and that no names or contact details are asked. */
  intro: Bilingual;
  consent: { name: string; label: Bilingual; hint: Bilingual; choices: InstrumentChoice[] };
  round: { name: string; label: Bilingual; hint: Bilingual };
  location: { oblast: Bilingual; raion: Bilingual; hromada: Bilingual };
  respondentGroup: { name: string; label: Bilingual; choices: InstrumentChoice[] };
  likert: { listName: string; choices: InstrumentChoice[] };
  /** One group of items per component, in this order, with the component's heading. */
  components: { component: AssessmentComponent; label: Bilingual }[];
  items: InstrumentItem[];
}

const groupLabels: Record<RespondentGroup, Bilingual> = {
  resident: { uk: 'Мешканець / мешканка громади', en: 'Resident of the hromada' },
  idp: { uk: 'Внутрішньо переміщена особа (ВПО)', en: 'Internally displaced person (IDP)' },
  veteran: { uk: 'Ветеран / ветеранка війни', en: 'War veteran' },
  local_official: {
    uk: 'Представник / представниця органу місцевого самоврядування',
    en: 'Local self-government official',
  },
  police: { uk: 'Працівник / працівниця поліції', en: 'Police officer' },
  civil_society: {
    uk: 'Представник / представниця організації громадянського суспільства',
    en: 'Civil-society organisation member',
  },
};

// The components' headings: the background texts' own names for them (assessment-components.ts, the one
// wording the models and the web client use too). Listed in the instrument's order.
const COMPONENT_ORDER: readonly AssessmentComponent[] = [
  'cohesion_trust',
  'stakeholder_communication',
  'police_community',
  'resident_leadership',
  'vulnerable_integration',
  'idp_economic',
  'idp_youth',
  'idp_social',
  'idp_legal',
  'idp_cultural',
  'idp_information',
];

export const INSTRUMENT: InstrumentDefinition = {
  formId: 'hromada_atlas_safety',
  version: '2026120401',
  title: {
    uk: 'Безпека в громаді та інтеграція ВПО: опитування',
    en: 'Community safety and IDP integration: survey',
  },
  intro: {
    uk:
      'Це опитування — частина аналізу безпекових ризиків та потенціалу громади з безпеки. Ми не питаємо ' +
      'вашого імені чи контактів; відповіді аналізують лише узагальнено. Участь добровільна, будь-яке питання ' +
      'можна пропустити, відповівши «Важко відповісти».',
    en:
      "This survey is part of an analysis of the community's security risks and security potential. We do not " +
      'ask your name or contact details; answers are analysed only in aggregate. Taking part is voluntary, and ' +
      'any statement can be answered "Hard to say".',
  },
  consent: {
    name: 'consent',
    label: {
      uk: 'Чи погоджуєтеся ви взяти участь в опитуванні?',
      en: 'Do you agree to take part in the survey?',
    },
    hint: {
      uk: 'Якщо ні, опитування завершується, і жодних відповідей не зберігається, крім цієї.',
      en: 'If not, the survey ends here and no answers are kept but this one.',
    },
    choices: [
      { name: 'yes', label: { uk: 'Так', en: 'Yes' } },
      { name: 'no', label: { uk: 'Ні', en: 'No' } },
    ],
  },
  round: {
    name: 'round_date',
    label: { uk: 'Дата раунду оцінювання', en: 'Date of the assessment round' },
    hint: {
      uk: 'Дата, якою організація позначила цей раунд (не дата інтерв’ю)',
      en: 'The date the organisation gave this round (not the interview date)',
    },
  },
  location: {
    oblast: { uk: 'Область', en: 'Oblast' },
    raion: { uk: 'Район', en: 'Raion' },
    hromada: { uk: 'Територіальна громада', en: 'Hromada' },
  },
  respondentGroup: {
    name: 'respondent_group',
    label: { uk: 'До якої групи ви належите?', en: 'Which group do you belong to?' },
    choices: RESPONDENT_GROUPS.map((name) => ({ name, label: groupLabels[name] })),
  },
  likert: {
    listName: 'agree5',
    choices: [
      { name: '1', label: { uk: 'Зовсім не згоден / не згодна', en: 'Strongly disagree' } },
      { name: '2', label: { uk: 'Скоріше не згоден / не згодна', en: 'Disagree' } },
      { name: '3', label: { uk: 'Ні так, ні ні', en: 'Neither agree nor disagree' } },
      { name: '4', label: { uk: 'Скоріше згоден / згодна', en: 'Agree' } },
      { name: '5', label: { uk: 'Цілком згоден / згодна', en: 'Strongly agree' } },
      { name: DONT_KNOW, label: { uk: 'Важко відповісти', en: 'Hard to say' } },
    ],
  },
  components: COMPONENT_ORDER.map((component) => ({
    component,
    label: ASSESSMENT_COMPONENT_NAMES[component],
  })),
  items: INSTRUMENT_ITEMS,
};
