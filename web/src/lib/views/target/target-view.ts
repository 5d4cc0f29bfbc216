// The Target view's chunk (lazy-views.ts): its panel and its map layers.
export { default as TargetPanel } from './TargetPanel.svelte';
export { default as TargetLayers } from './TargetLayers.svelte';
