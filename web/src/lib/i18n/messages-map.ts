// MapLibre's own interface strings (the canvas's accessible name, the zoom buttons, the scale's units) in the
// interface language (issue #14, item 8: the Ukrainian map said "Map", "Zoom in", "100 km"). Keys are
// MapLibre's locale keys (maplibre-gl `locale` option); the ones the map shows are listed.

import type { Lang } from './messages.ts';

export type MapLocale = Record<
  | 'Map.Title'
  | 'NavigationControl.ZoomIn'
  | 'NavigationControl.ZoomOut'
  | 'NavigationControl.ResetBearing'
  | 'ScaleControl.Meters'
  | 'ScaleControl.Kilometers'
  | 'AttributionControl.ToggleAttribution'
  | 'Popup.Close',
  string
>;

export const MAP_LOCALE: Record<Lang, MapLocale> = {
  uk: {
    'Map.Title': 'Карта',
    'NavigationControl.ZoomIn': 'Збільшити',
    'NavigationControl.ZoomOut': 'Зменшити',
    'NavigationControl.ResetBearing': 'Повернути на північ',
    'ScaleControl.Meters': 'м',
    'ScaleControl.Kilometers': 'км',
    'AttributionControl.ToggleAttribution': 'Показати або сховати джерела карти',
    'Popup.Close': 'Закрити',
  },
  en: {
    'Map.Title': 'Map',
    'NavigationControl.ZoomIn': 'Zoom in',
    'NavigationControl.ZoomOut': 'Zoom out',
    'NavigationControl.ResetBearing': 'Reset bearing to north',
    'ScaleControl.Meters': 'm',
    'ScaleControl.Kilometers': 'km',
    'AttributionControl.ToggleAttribution': 'Toggle attribution',
    'Popup.Close': 'Close popup',
  },
};
