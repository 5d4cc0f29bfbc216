import type { TextLayerProps } from '@deck.gl/layers';

// Labels are drawn by deck.gl from the system's fonts: MapLibre would need glyph files from a server, and the
// map must work offline. The font stack covers Cyrillic on Windows, macOS, Linux (DejaVu/Liberation) and Android.
export const LABEL_FONT =
  "'Segoe UI', 'Helvetica Neue', Roboto, 'Noto Sans', 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif";

export const LABEL_STYLE = {
  fontFamily: LABEL_FONT,
  characterSet: 'auto',
  fontSettings: { sdf: true, fontSize: 64, buffer: 8, radius: 12, cutoff: 0.22 },
  outlineWidth: 5,
  outlineColor: [255, 255, 255, 235],
  sizeUnits: 'pixels',
  getTextAnchor: 'middle',
  getAlignmentBaseline: 'center',
  billboard: true,
  pickable: false,
} satisfies Partial<TextLayerProps>;
