import { describe, expect, it } from 'vitest';
import {
  DEFAULT_VIEW,
  formatCamera,
  formatViewParams,
  measureParts,
  parseCamera,
  parseViewParams,
  type ViewParams,
} from './view-params.ts';

describe('view in the URL', () => {
  it('writes nothing for the default view and reads it back', () => {
    expect(formatViewParams({ ...DEFAULT_VIEW })).toBe('');
    expect(parseViewParams('')).toEqual(DEFAULT_VIEW);
  });

  it('round-trips every part of a view', () => {
    const v: ViewParams = {
      tab: 'target',
      measure: 'indicator:idps_per_1000',
      period: '2023-07-25',
      method: 'equal',
      palette: 'cividis',
      selected: 'UA6312027',
      oblast: 'UA63',
      lang: 'en',
      camera: { zoom: 7.25, lat: 49.99, lon: 36.25 },
      measure2: 'index:gap',
      hotspots: 'gi',
      occupied: '2026-08-22',
      labels: false,
      minConfidence: 0.3,
      hideBelow: 0.2,
      asOf: '2024-07-08',
    };
    const search = formatViewParams(v);
    expect(search).toBe(
      '?v=target&m=indicator:idps_per_1000&p=2023-07-25&c=equal&pal=cividis&sel=UA6312027&ob=UA63&lang=en&at=7.25/49.99/36.25' +
        '&m2=index:gap&hs=gi&occ=2026-08-22&lbl=0&mc=30&hide=20&asof=2024-07-08',
    );
    expect(parseViewParams(search)).toEqual(v);
  });

  it('falls back to the default for each malformed part, keeping the rest', () => {
    const v = parseViewParams(
      '?m=DROP%20TABLE&c=jenks&pal=rainbow&sel=UA63&ob=UA6312&lang=de&at=a/b/c&p=last' +
        '&m2=index:&hs=moran&occ=2026-13&lbl=no&asof=2024-02-30',
    );
    expect(v).toEqual(DEFAULT_VIEW);
    expect(parseViewParams('?m=index:needs&c=nonsense').measure).toBe('index:needs');
  });

  it('reads natural breaks as a class method', () => {
    expect(parseViewParams('?c=natural').method).toBe('natural');
  });

  it('drops a second measure that is the first one', () => {
    expect(parseViewParams('?m=index:needs&m2=index:needs').measure2).toBeNull();
    expect(parseViewParams('?m2=index:cpi').measure2).toBeNull();
    expect(parseViewParams('?m2=indicator:idps_per_1000').measure2).toBe('indicator:idps_per_1000');
  });

  it('refuses a camera off the map', () => {
    expect(parseCamera('30/49/36')).toBeNull();
    expect(parseCamera('6/95/36')).toBeNull();
    expect(parseCamera('6/49')).toBeNull();
    expect(parseCamera('6.5/49.1/36.2')).toEqual({ zoom: 6.5, lat: 49.1, lon: 36.2 });
  });

  it('rounds the camera to about 10 m', () => {
    expect(formatCamera({ zoom: 6.123456, lat: 49.123456789, lon: 36.987654321 })).toBe(
      '6.12/49.1235/36.9877',
    );
  });

  it('splits a measure key', () => {
    expect(measureParts('index:cpi')).toEqual({ kind: 'index', id: 'cpi' });
    expect(measureParts('indicator:population_2022')).toEqual({ kind: 'indicator', id: 'population_2022' });
  });
});
