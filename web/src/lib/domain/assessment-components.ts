import { ASSESSMENT_COMPONENTS } from '../../../../server/model/assessment-components.ts';
import type { AssessmentComponentId } from '../api/schema.ts';

// The API's vocabulary at run time, kept out of api/ so that components and map layers, which import the API
// for types only (eslint.config.js), can iterate it. The list is the server's own (server/model is pure and
// shared with the client, as the Target view's scoring is).

/** The community-security components of an assessment (issue #3), each 0–10, in the order forms show them. */
export const ASSESSMENT_COMPONENT_IDS: readonly AssessmentComponentId[] = ASSESSMENT_COMPONENTS;
// A compile-time check that the list names every component the API knows (an object of the missing ones).
const _complete: Record<Exclude<AssessmentComponentId, (typeof ASSESSMENT_COMPONENTS)[number]>, never> = {};
