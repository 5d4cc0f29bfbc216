import type { AssessedCommunities, AssessedCommunity, RoundsApi } from '../../api/rounds.ts';
import { formatPeriod } from '../../i18n/format.ts';
import type { Lang } from '../../i18n/messages.ts';
import { ROUNDS_MESSAGES } from '../../i18n/messages-rounds.ts';
import { ASSESSED_COLOUR } from '../../map/layers/assessed-style.ts';
import type { LegendOverlay } from '../../map/map-mode.ts';
import { KeyedLoad } from '../keyed-load.svelte.ts';
import type { LoadError, LoadStatus } from '../load-status.ts';

/**
 * "Who assessed when" in the Coverage view (issue #13, section 5): the communities with at least one assessment
 * round, how many rounds, the latest and by whom (GET /api/rounds/communities), as a list and, when shown, an
 * outline on the map. The count is the server's: 0 until someone enters or imports a round.
 */
export class AssessedState {
  /** The outline on the map. */
  shown = $state(false);

  readonly #api: RoundsApi;
  readonly #load = new KeyedLoad<AssessedCommunities>();

  get status(): LoadStatus {
    return this.#load.status;
  }
  get error(): LoadError | null {
    return this.#load.error;
  }
  get data(): AssessedCommunities | null {
    return this.#load.data;
  }

  readonly #byPcode: ReadonlyMap<string, AssessedCommunity> = $derived(
    new Map((this.data?.units ?? []).map((u) => [u.pcode, u])),
  );
  readonly pcodes: ReadonlySet<string> = $derived(new Set(this.#byPcode.keys()));

  constructor(api: RoundsApi) {
    this.#api = api;
  }

  /** Loads the list once (again after reload()). */
  load(): Promise<void> {
    return this.#load.load('all', (signal) => this.#api.communities(signal));
  }

  /** Asks again: after an assessment or an import, the list has changed. */
  reload(): Promise<void> {
    this.#load.forget();
    return this.load();
  }

  /** While the outline is shown: the tooltip's words for an assessed community ("2 rounds · latest …"). */
  describe(pcode: string, lang: Lang): string | null {
    const u = this.shown ? this.#byPcode.get(pcode) : undefined;
    if (!u) return null;
    const m = ROUNDS_MESSAGES[lang];
    return `${m.rounds(u.rounds)} · ${m.assessedLatest} ${formatPeriod(u.latestRound, lang)} · ${u.latestOrganisation ?? m.importedFromFile}`;
  }

  /** While the outline is shown: its entry in the exported map's legend. */
  overlay(lang: Lang): LegendOverlay | null {
    if (!this.shown || !this.data) return null;
    const m = ROUNDS_MESSAGES[lang];
    return {
      title: m.assessedTitle,
      entries: [
        { colour: ASSESSED_COLOUR, label: m.assessedCount(this.data.communitiesAssessed), swatch: 'line' },
      ],
      note: m.assessedOutline,
    };
  }

  dispose(): void {
    this.#load.abort();
  }
}
