// The components a community-security assessment scores, each 0–10 (issue #3): the five community-safety
// components of the CPI's social dimension and the six IDP-integration dimensions of the Needs index, as the
// background texts name them (shared/background). Pure vocabulary, so that the server and the web client (which
// iterates it in its forms) share one list and one wording; frozen migrations keep their own copy.
export const ASSESSMENT_COMPONENTS = [
  'cohesion_trust',
  'stakeholder_communication',
  'police_community',
  'resident_leadership',
  'vulnerable_integration',
  'idp_economic',
  'idp_social',
  'idp_youth',
  'idp_legal',
  'idp_cultural',
  'idp_information',
] as const;
export type AssessmentComponent = (typeof ASSESSMENT_COMPONENTS)[number];

/** Uk/en names. */
export interface ComponentName {
  uk: string;
  en: string;
}

/**
 * The one wording of each component (issue #13): the background texts' own terms (shared/background:
 * "згуртованість громади, високий рівень довіри в ній", "лідерський потенціал жителів громади", "Інтеграція
 * через інформаційний простір" …). The instrument's headings, the models' component names (data/models, a
 * test checks them) and the web client's labels all read them from here.
 */
export const ASSESSMENT_COMPONENT_NAMES: Readonly<Record<AssessmentComponent, ComponentName>> = {
  cohesion_trust: { uk: 'Згуртованість громади і довіра', en: 'Community cohesion and trust' },
  stakeholder_communication: {
    uk: 'Злагоджена комунікація між зацікавленими сторонами',
    en: 'Communication between stakeholders',
  },
  police_community: { uk: 'Взаємодія поліції та громади', en: 'Police–community cooperation' },
  resident_leadership: { uk: 'Лідерський потенціал жителів громади', en: "Residents' leadership" },
  vulnerable_integration: {
    uk: 'Інтегрованість вразливих суспільних груп у громаду',
    en: 'Integration of vulnerable groups',
  },
  idp_economic: { uk: 'Економічна інтеграція ВПО', en: 'Economic integration of IDPs' },
  idp_youth: { uk: 'Інтеграція молоді', en: 'Youth integration' },
  idp_social: { uk: 'Соціальна інтеграція ВПО', en: 'Social integration of IDPs' },
  idp_legal: { uk: 'Правова інтеграція ВПО', en: 'Legal integration of IDPs' },
  idp_cultural: { uk: 'Культурна інтеграція', en: 'Cultural integration' },
  idp_information: {
    uk: 'Інтеграція через інформаційний простір',
    en: 'Integration through the information space',
  },
};
