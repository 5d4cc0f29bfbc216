import type { AssessmentComponentId } from '../api/schema.ts';

// A run-time list of the API's vocabulary, kept out of api/ so that components and map layers, which import
// the API for types only (eslint.config.js), can iterate it.

/**
 * The community-security components of an assessment (issue #3), each 0–10, in the order forms show them.
 * A list of values the UI iterates, so it is written out; `satisfies` holds it to the API's AssessmentScores.
 */
export const ASSESSMENT_COMPONENT_IDS = [
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
] as const satisfies readonly AssessmentComponentId[];
// A compile-time check that the list names every component the API knows (an object of the missing ones).
const _complete: Record<
  Exclude<AssessmentComponentId, (typeof ASSESSMENT_COMPONENT_IDS)[number]>,
  never
> = {};
