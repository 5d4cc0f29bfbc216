import {
  ASSESSMENT_COMPONENT_NAMES as SERVER_NAMES,
  ASSESSMENT_COMPONENTS,
} from '../../../../server/model/assessment-components.ts';
import type { AssessmentComponentId } from '../api/schema.ts';

// The API's vocabulary at run time, kept out of api/ so that components and map layers, which import the API
// for types only (eslint.config.js), can iterate it. The list is the server's own (server/model is pure and
// shared with the client, as the Target view's scoring is).

/** The community-security components of an assessment (issue #3), each 0–10, in the order forms show them. */
export const ASSESSMENT_COMPONENT_IDS: readonly AssessmentComponentId[] = ASSESSMENT_COMPONENTS;
// A compile-time check that the list names every component the API knows (an object of the missing ones).
const _complete: Record<Exclude<AssessmentComponentId, (typeof ASSESSMENT_COMPONENTS)[number]>, never> = {};

/**
 * Each component's name in Ukrainian and English: the server's one wording (the instrument's and the models'
 * terms, from the background texts), never a copy of it.
 */
export const ASSESSMENT_COMPONENT_NAMES: Readonly<Record<AssessmentComponentId, { uk: string; en: string }>> =
  SERVER_NAMES;

/** A component's name in `lang`; an id the list does not know (a newer server) is shown as it is. */
export function componentName(id: string, lang: 'uk' | 'en'): string {
  return (
    (ASSESSMENT_COMPONENT_NAMES as Record<string, { uk: string; en: string } | undefined>)[id]?.[lang] ?? id
  );
}
