// How a source is credited in a small space (legends, the footer, the coverage sources): the licence without
// its bracketed note, and the publisher up to its first qualifier.

import type { Source } from '../api/index.ts';

/** "CC BY 4.0 (HDX)" → "CC BY 4.0". */
export function shortLicence(licence: string): string {
  return licence.split(' (')[0]!;
}

/**
 * A measure's credit line: each of its sources as "publisher (licence)", then its own note, joined by "; ";
 * "—" when it has neither.
 */
export function sourceCredits(
  sourceIds: readonly string[],
  sources: readonly Source[],
  note: string | null,
): string {
  return (
    [
      ...sourceIds
        .map((id) => sources.find((s) => s.id === id))
        .filter((s): s is Source => !!s)
        .map((s) => `${s.publisher.split(/[;(,]/)[0]!.trim()} (${shortLicence(s.licence)})`),
      ...(note ? [note] : []),
    ].join('; ') || '—'
  );
}
