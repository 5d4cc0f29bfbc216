// How a raion or an oblast is written after a hromada's name (issue #14, item 8): "Бахчисарайський район",
// "Харківська область" — but the Autonomous Republic of Crimea's name already says what it is (not
// "Автономна Республіка Крим область"), and Kyiv and Sevastopol are cities with special status: no
// "область", and their one raion of the COD-AB ("Київ", UA8000) is the city itself, so it is left out
// (not "Київ район, Київ").

/** Oblast-level units whose own name is written without "область": ARC, Kyiv, Sevastopol. */
const NAMED_ALONE = new Set(['UA01', 'UA80', 'UA85']);
/** The cities with special status, whose raion repeats the city's name. */
const CITIES = new Set(['UA80', 'UA85']);

/** "Харківська область"; the Crimea and the two cities keep their name alone. `label` is "область"/"oblast". */
export function oblastWithLabel(name: string, pcode: string, label: string): string {
  return NAMED_ALONE.has(pcode.slice(0, 4)) ? name : `${name} ${label}`;
}

/** "Бахчисарайський район"; null for the raion of Kyiv or Sevastopol (the city, named once as the oblast). */
export function raionWithLabel(name: string, pcode: string, label: string): string | null {
  return CITIES.has(pcode.slice(0, 4)) ? null : `${name} ${label}`;
}
