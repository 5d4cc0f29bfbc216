import type { Map as MaplibreMap } from 'maplibre-gl';
import { onMount, untrack } from 'svelte';
import { MediaQuery } from 'svelte/reactivity';
import type { Apis } from '../api/apis.ts';
import type { Unit } from '../api/index.ts';
import { MESSAGES } from '../i18n/messages.ts';
import type { I18n } from '../i18n/context.ts';
import { raionWithLabel } from '../i18n/place-names.ts';
import type { Camera } from '../map/camera.ts';
import { oblastBBox, surroundings, UKRAINE } from '../map/framing.ts';
import type { MapMode } from '../map/map-mode.ts';
import { unitClass } from '../map/unit-class.ts';
import { oblastOf, type BBox } from '../map/unit-index.ts';
import { AdminState } from './admin/admin.svelte.ts';
import { CatalogueState } from './catalogue.svelte.ts';
import { ClientConfigState } from './client-config.svelte.ts';
import { AssessedState } from './coverage/assessed.svelte.ts';
import { CoverageState } from './coverage/coverage.svelte.ts';
import { EditingState } from './editing/editing.svelte.ts';
import { ExploreState } from './explore/explore.svelte.ts';
import { MeasureState } from './explore/measure.svelte.ts';
import { ProfileState } from './profile.svelte.ts';
import { IndexTreeState } from './index-tree.svelte.ts';
import { buildIndexTree, type TreeNode } from '../domain/index-tree.ts';
import { SearchState } from './search.svelte.ts';
import { SessionState } from './session.svelte.ts';
import { TargetState } from './target/target.svelte.ts';
import { UnitIndexState } from './unit-index.svelte.ts';
import { DEFAULT_MEASURE, type MeasureKey, type Tab } from './view-params.ts';
import { ViewState } from './view.svelte.ts';

/** What the app asks of the map (MapView's exported functions). */
export interface MapCamera {
  fitBounds(bbox: BBox, opts?: { maxZoom?: number; animate?: boolean }): void;
  contains(bbox: BBox): boolean;
  getMap(): MaplibreMap | null;
}

/**
 * The app (issue #4): one full-window map shared by three views — Explore (analysts), Coverage (donors) and
 * Target (programme managers) — with search, a profile of the selected hromada, two languages and the whole
 * view in the URL. This wires the state of every view to the one view in the URL; App.svelte lays it out.
 * Each view colours the shared hromada fill (MapMode) and adds its own panel and layers.
 */
export class AppState {
  readonly view: ViewState;
  readonly catalogue: CatalogueState;
  readonly clientConfig = new ClientConfigState();
  readonly units: UnitIndexState;
  readonly measure: MeasureState;
  readonly profile: ProfileState;
  /** The breakdown of the index shown, for the profile's index tree (issue #14, item 3). */
  readonly indexTree: IndexTreeState;
  readonly search: SearchState;
  readonly explore: ExploreState;
  readonly coverage: CoverageState;
  /** Who assessed which community when, in the Coverage view (issue #13, section 5). */
  readonly assessed: AssessedState;
  readonly target: TargetState;
  readonly session: SessionState;
  readonly editing: EditingState;
  readonly admin: AdminState;

  readonly mode: MapMode = $derived.by(() =>
    this.view.tab === 'coverage' ? this.coverage : this.view.tab === 'target' ? this.target : this.explore,
  );
  readonly lang = $derived.by(() => this.view.lang);
  readonly t = $derived.by(() => MESSAGES[this.view.lang]);
  /** The interface language for components (setI18n); the getters stay reactive. */
  readonly i18n: I18n;

  readonly narrow = new MediaQuery('(max-width: 720px)');
  controlsOpen = $state(false);
  /** Set by App (bind:this) once the map is there. */
  map = $state<MapCamera>();
  hover = $state<{ pcode: string; x: number; y: number } | null>(null);
  /** Hover from a list in a view's panel: highlighted on the map, no tooltip (the pointer is not there). */
  listHover = $state<string | null>(null);
  readonly hovered = $derived.by(() => this.hover?.pcode ?? this.listHover);

  readonly extent = $derived.by(() => this.units.hromada?.extent ?? UKRAINE);

  /** What end-to-end tests wait for: the boundaries and the active view's values are loaded. */
  readonly ready = $derived.by(
    () =>
      this.units.status === 'ready' &&
      (this.view.tab === 'explore'
        ? this.measure.status === 'ready'
        : this.mode === this.coverage
          ? this.coverage.status === 'ready'
          : this.target.status === 'ready'),
  );

  readonly oblasts = $derived.by(() =>
    this.units.oblast
      ? [...this.units.oblast.names.entries()]
          .map(([pcode, n]) => ({ pcode, name: this.lang === 'uk' ? n.nameUk : n.nameEn }))
          .sort((a, b) => a.name.localeCompare(b.name, this.lang))
      : [],
  );

  readonly selectedName = $derived.by(() => {
    const n = this.view.selected ? this.units.hromada?.names.get(this.view.selected) : undefined;
    return n ? (this.lang === 'uk' ? n.nameUk : n.nameEn) : null;
  });

  /** The index shown in the profile, when the map shows one. */
  readonly profileIndex = $derived.by(() => {
    const { measure, view } = this;
    const data = measure.data;
    if (!data || data.kind !== 'index' || !data.classes || !view.selected || !measure.meta) return null;
    return {
      name: measure.meta.name[this.lang],
      score: data.scores?.get(view.selected) ?? null,
      ranked: data.ranked,
      mapClass: this.#profileClass(data.scores?.get(view.selected)?.class ?? null, data.classes.labels),
      tree: this.profileTree,
      trend: this.profileTree ? (this.indexTree.data?.trend ?? null) : null,
      indicatorsOf: (componentId: string) => this.#indicatorsOf(componentId),
      treeStatus: this.indexTree.status,
      retryTree: () => void this.indexTree.invalidate(),
    };
  });

  /** A component's indicator nodes with their names in the page's language (the profile's sparklines). */
  #indicatorsOf(componentId: string): { id: string; name: string }[] {
    const model = this.indexTree.data?.model;
    const c = model?.dimensions.flatMap((d) => d.components).find((x) => x.id === componentId);
    return (c?.indicators ?? []).flatMap((n) => {
      // Assessment nodes are not catalogue indicators: the component's own line is their trend.
      const ind = this.catalogue.indicator(n.indicatorId);
      return ind ? [{ id: n.id, name: this.lang === 'uk' ? ind.nameUk : ind.nameEn }] : [];
    });
  }

  /**
   * The class the profile names (issue #14, item 6): while the map shows this index, the map's class for the
   * hromada, swatch and word alike (unit-class.ts), so the profile matches the map whatever the classing.
   * Otherwise (another view's map) the model's class word, with no swatch: no colour on screen to match.
   */
  #profileClass(
    modelClass: number | null,
    labels: readonly { uk: string; en: string }[],
  ): { colour: string | null; opacity: number; word: string | null } | null {
    const { measure, view, lang } = this;
    if (!view.selected) return null;
    if (measure.choropleth && this.mode.choropleth === measure.choropleth) {
      return unitClass(measure.choropleth, view.selected, lang);
    }
    const word = modelClass ? (labels[modelClass - 1]?.[lang] ?? null) : null;
    return word ? { colour: null, opacity: 1, word } : null;
  }

  /**
   * The selected hromada's index tree: the index's breakdown from the full scores, its missing inputs from the
   * profile's values, its assessments' intervals from the profile's trends. Null while either loads.
   */
  readonly profileTree: TreeNode | null = $derived.by(() => {
    const data = this.indexTree.data;
    const profile = this.profile.profile;
    const m = this.measure.data;
    if (!data || !profile || !m || m.kind !== 'index' || data.modelId !== m.id) return null;
    if (profile.pcode !== this.view.selected) return null;
    const row = data.rows.get(profile.pcode);
    if (!row) return null;
    const present = new Set(profile.indicators.map((v) => v.indicatorId));
    return buildIndexTree(data.model, row, { hasValue: (id) => present.has(id), trends: profile.trends });
  });

  readonly tooltip = $derived.by(() => {
    const { hover, units, lang, t } = this;
    if (!hover || this.narrow.current) return null;
    const p = units.hromada?.names.get(hover.pcode);
    if (!p) return null;
    const raion = p.parentPcode ? units.raion?.names.get(p.parentPcode) : undefined;
    const nm = (u: { nameUk: string; nameEn: string }) => (lang === 'uk' ? u.nameUk : u.nameEn);
    const subtitle = [
      raion && p.parentPcode ? raionWithLabel(nm(raion), p.parentPcode, t.raion) : null,
      this.oblastName(oblastOf(hover.pcode)),
    ]
      .filter(Boolean)
      .join(' · ');
    const line = this.mode.describe(hover.pcode, lang);
    return {
      x: hover.x,
      y: hover.y,
      title: nm(p),
      subtitle,
      measure: line?.measure ?? '',
      value: line?.value ?? '',
      detail: line?.detail ?? '',
      swatch: line?.swatch ?? null,
    };
  });

  /** The query string of the view (the active view adds the keys it owns). */
  readonly urlSearch = $derived.by(() => {
    const { view } = this;
    const q = new URLSearchParams(view.search);
    const own =
      view.tab === 'coverage'
        ? this.coverage.query
        : view.tab === 'target'
          ? this.target.query
          : this.explore.changeQuery;
    for (const [k, v] of Object.entries(own)) q.set(k, v);
    const s = q.toString().replace(/%3A/g, ':').replace(/%2F/g, '/').replace(/%2C/g, ',');
    return s ? `?${s}` : '';
  });

  #fittedInitially = false;
  /** Fitting to the screen is not a camera the user chose: the link stays free of it until they move. */
  #suppressCamera = false;

  /** `search`: the page's query string, which the view and the views' own keys start from. */
  constructor(apis: Apis, search: string) {
    const api = apis.atlas;
    const view = ViewState.fromSearch(search);
    const catalogue = new CatalogueState(api);
    const units = new UnitIndexState(api);
    const measure = new MeasureState(api, view, catalogue);
    const profile = new ProfileState(api);
    this.view = view;
    this.catalogue = catalogue;
    this.units = units;
    this.measure = measure;
    this.profile = profile;
    const indexTree = new IndexTreeState(api);
    this.indexTree = indexTree;
    this.search = new SearchState(api);
    this.explore = new ExploreState({ measure, api, view, catalogue, rounds: apis.rounds, search });
    this.assessed = new AssessedState(apis.rounds);
    this.coverage = new CoverageState({
      api: apis.coverage,
      strategies: apis.strategies,
      view,
      catalogue,
      units,
      search,
      assessed: this.assessed,
    });
    this.target = new TargetState({ api: apis.target, view, catalogue, units, search });
    this.session = new SessionState(apis.account);
    this.editing = new EditingState({
      api: apis.editing,
      session: this.session,
      coverage: this.coverage,
      nameOf: (pcode) => units.hromada?.names.get(pcode),
      fieldRounds: apis.fieldRounds,
      // An assessment changes the indices built on it (the CPI's social fragility): the index shown reloads too.
      onchanged: () => void Promise.all([profile.invalidate(), measure.invalidate(), indexTree.invalidate()]),
    });
    this.admin = new AdminState({ api: apis.admin, session: this.session });
    this.i18n = {
      get lang() {
        return view.lang;
      },
      get t() {
        return MESSAGES[view.lang];
      },
    };
  }

  /**
   * Starts the loads and the effects that keep the view, the URL, the page and the map in step. Call it while
   * the app component initialises: the effects live and die with it.
   */
  connect(): void {
    const { view, catalogue, units, clientConfig, measure, profile } = this;
    onMount(() => {
      void catalogue.load();
      void units.load();
      void clientConfig.load();
      return () => {
        catalogue.dispose();
        units.dispose();
        clientConfig.dispose();
        measure.dispose();
        profile.dispose();
        this.indexTree.dispose();
        this.search.dispose();
        this.explore.dispose();
        this.coverage.dispose();
        this.assessed.dispose();
        this.target.dispose();
      };
    });

    // Loads follow the view; untracked, so that the state a load sets does not re-run the load.
    $effect(() => {
      // The ranking threshold changes the ranks an index's scores carry: a new load (cached per threshold).
      const [key, period] = [view.measure, view.period, view.minConfidence, view.asOf];
      untrack(() => void measure.load(key, period));
    });
    $effect(() => {
      const pcode = view.selected;
      untrack(() => void profile.load(pcode));
    });
    // The index tree's breakdown is fetched once the profile of a hromada shows an index.
    $effect(() => {
      const d = measure.data;
      const id = view.selected && d?.kind === 'index' && d.classes ? d.id : null;
      const [pcode, asOf] = [view.selected, view.asOf];
      untrack(() => {
        if (id && pcode) void this.indexTree.load({ modelId: id, pcode, asOf });
      });
    });
    // A view loads what it needs the first time it is shown.
    $effect(() => {
      const tab = view.tab;
      untrack(() => {
        if (tab === 'coverage') void this.coverage.activate();
        if (tab === 'target') void this.target.activate();
      });
    });
    // The URL follows the view (replaceState: moving the map must not fill the history).
    $effect(() => {
      const url = `${location.pathname}${this.urlSearch}${location.hash}`;
      if (url !== `${location.pathname}${location.search}${location.hash}`)
        history.replaceState(history.state, '', url);
    });
    // The basemap's style follows the user's switch (the layer only draws it).
    $effect(() => {
      void clientConfig.basemap;
      untrack(() => void clientConfig.loadBasemapStyle());
    });
    $effect(() => {
      document.documentElement.lang = view.lang;
    });
    $effect(() => {
      const name = measure.meta?.name[this.lang];
      document.title = name ? `${name} — ${this.t.appTitle}` : this.t.appTitle;
    });
    // A link naming a measure that does not exist (any more) opens the default one rather than an empty map.
    $effect(() => {
      if (catalogue.status === 'ready' && !measure.meta && view.measure !== DEFAULT_MEASURE)
        view.setMeasure(DEFAULT_MEASURE);
    });

    // A link without a camera opens on its selected hromada, else on all of Ukraine, once the boundaries (and
    // the panels over the map) are known.
    $effect(() => {
      const g = units.hromada;
      const map = this.map;
      if (this.#fittedInitially || !g || !map || view.camera) return;
      this.#fittedInitially = true;
      const b = view.selected ? g.bbox.get(view.selected) : undefined;
      const box = b ? surroundings(b) : view.oblast ? oblastBBox(g, view.oblast) : null;
      this.#suppressCamera = true;
      untrack(() => map.fitBounds(box ?? g.extent, { maxZoom: 9, animate: false }));
      this.#suppressCamera = false;
    });
  }

  /**
   * The oblasts the map is cut to, named as on screen ("Донецька область"), for the exported map's title
   * (issue #14, item 10): the view's oblast filter, or the Target view's oblast filter.
   */
  readonly exportOblasts: string[] = $derived.by(() => {
    const pcodes =
      this.view.tab === 'target' ? this.target.filters.oblasts : this.view.oblast ? [this.view.oblast] : [];
    return pcodes.map((p) =>
      p === 'UA80' || p === 'UA85' ? this.oblastName(p) : `${this.oblastName(p)} ${this.t.oblastLabel}`,
    );
  });

  oblastName = (pcode: string): string => {
    const n = this.units.oblast?.names.get(pcode);
    return n ? (this.lang === 'uk' ? n.nameUk : n.nameEn) : pcode;
  };

  /** The map moved: the link keeps the camera, unless the app itself is fitting the map to the screen. */
  moved(camera: Camera): void {
    if (!this.#suppressCamera) this.view.camera = camera;
  }

  setTab(tab: Tab): void {
    this.view.tab = tab;
    this.hover = null;
    this.listHover = null;
  }

  #focusUnit(pcode: string): void {
    const b = this.units.hromada?.bbox.get(pcode);
    if (b && this.map && !this.map.contains(b)) this.map.fitBounds(surroundings(b), { maxZoom: 9 });
  }

  selectFromList = (pcode: string): void => {
    this.view.select(pcode);
    this.#focusUnit(pcode);
  };

  /** A click on the map selects the hromada, unless the Coverage view's site picker takes it. */
  pickOnMap = (pcode: string): void => {
    if (this.view.tab === 'coverage' && this.coverage.picker) this.coverage.picker(pcode);
    else this.view.select(pcode);
  };

  // A search result is flown to even when it is in view: at the scale of Ukraine one hromada is a speck.
  pickSearchResult = (u: Unit): void => {
    this.search.clear();
    this.controlsOpen = false;
    this.view.select(u.pcode);
    const b = this.units.hromada?.bbox.get(u.pcode);
    if (b) this.map?.fitBounds(surroundings(b), { maxZoom: 9 });
  };

  setOblast = (pcode: string | null): void => {
    this.view.oblast = pcode;
    const g = this.units.hromada;
    const box = pcode ? (g ? oblastBBox(g, pcode) : null) : (g?.extent ?? null);
    if (box) this.map?.fitBounds(box, { maxZoom: 9 });
  };

  setMeasure = (key: MeasureKey): void => {
    this.view.setMeasure(key);
  };
}
