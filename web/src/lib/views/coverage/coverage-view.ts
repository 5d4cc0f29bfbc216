// The Coverage view's chunk (lazy-views.ts): its panel and its map layers.
export { default as CoveragePanel } from './CoveragePanel.svelte';
export { default as CoverageLayers } from './CoverageLayers.svelte';
