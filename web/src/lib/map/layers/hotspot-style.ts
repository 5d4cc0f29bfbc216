// How the hotspot layer draws each class, shared by the layer, the legend and the PNG export. Outlines over the
// fill, in colours that stay visible on the fills they fall on: high-valued hromadas are dark on every palette,
// so their outlines are black (clusters solid, outliers dashed); low-valued ones are pale, so theirs are a
// strong blue; the low-among-high outliers — the watch list — magenta, a colour no palette uses.

/** What a significant hromada is on the hotspot layer: a LISA cluster or outlier, or a Gi* hot or cold spot. */
export type HotspotClass = 'HH' | 'LL' | 'HL' | 'LH' | 'hot' | 'cold';

export interface HotspotStyle {
  colour: string;
  dashed: boolean;
}

export const HOTSPOT_STYLE: Record<HotspotClass, HotspotStyle> = {
  HH: { colour: '#0b0d10', dashed: false },
  LL: { colour: '#1460c8', dashed: false },
  HL: { colour: '#0b0d10', dashed: true },
  LH: { colour: '#d0157f', dashed: false },
  hot: { colour: '#0b0d10', dashed: false },
  cold: { colour: '#1460c8', dashed: false },
};
