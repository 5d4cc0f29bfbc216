// The components a community-security assessment scores, each 0–10 (issue #3): the five community-safety
// components of the CPI's social dimension and the six IDP-integration dimensions of the Needs index, as the
// background texts name them (shared/background). Pure vocabulary, so that the server and the web client (which
// iterates it in its forms) share one list; frozen migrations keep their own copy.
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
