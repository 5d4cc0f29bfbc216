import type { AssessmentComponent } from './assessment-components.ts';
import { DONT_KNOW, INSTRUMENT, LIKERT_POINTS, type InstrumentItem } from './instrument.ts';

// How an answer becomes a score: the same definition the forms are generated from says which component an item
// measures and in which direction, so the questions and the scores cannot drift apart (issue #13, section 2).

const itemsById: ReadonlyMap<string, InstrumentItem> = new Map(INSTRUMENT.items.map((i) => [i.id, i]));

/** The instrument's item of that id (the question's name in a submission), if there is one. */
export function instrumentItem(id: string): InstrumentItem | undefined {
  return itemsById.get(id);
}

/**
 * One answer on the 0–10 scale of assessment scores, reverse-coded items turned round: "strongly agree" is 10
 * for a +1 item and 0 for a reverse-coded one. "Hard to say" and a missing answer are null (not scored);
 * anything else off the scale is an error for the importer to report, so it returns undefined.
 */
export function itemScore(
  item: InstrumentItem,
  answer: string | null | undefined,
): number | null | undefined {
  if (answer === null || answer === undefined || answer === '' || answer === DONT_KNOW) return null;
  const point = Number(answer);
  if (!Number.isInteger(point) || point < 1 || point > LIKERT_POINTS) return undefined;
  const agreement = (point - 1) / (LIKERT_POINTS - 1); // 0 … 1
  return 10 * (item.direction === 1 ? agreement : 1 - agreement);
}

/** The items of each component, in form order. */
export function itemsOfComponent(component: AssessmentComponent): InstrumentItem[] {
  return INSTRUMENT.items.filter((i) => i.component === component);
}
