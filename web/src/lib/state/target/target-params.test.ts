import { describe, expect, it } from 'vitest';
import {
  DEFAULT_BUDGET,
  defaultTargetParams,
  formatTargetParams,
  formatWeights,
  parseTargetParams,
  parseWeights,
} from './target-params.ts';

// view-params.ts owns these; the Target view must never write them.
const SHELL_KEYS = ['v', 'm', 'p', 'c', 'pal', 'sel', 'ob', 'lang', 'at'];

describe('target-params', () => {
  it('leaves every default out, so that the plain Target view adds nothing to the link', () => {
    expect(formatTargetParams(defaultTargetParams())).toEqual({});
    expect(parseTargetParams('')).toEqual(defaultTargetParams());
    expect(parseTargetParams('?v=target&m=index:cpi&sel=UA6312027')).toEqual(defaultTargetParams());
  });

  it('round-trips every key, all of them starting with t and none of them the shell’s', () => {
    const p = defaultTargetParams();
    p.model = 'needs';
    p.weights = { cpi: { pressure: 2.5 }, needs: { displacement: 0.3, economic: 4 } };
    p.scenarios = { cpi: 'aB3_x-9Q', needs: 'zz' };
    p.cost = { type: 'per_capita', amount: 42.5 };
    p.budget = 2_500_000;
    p.maxCount = 12;
    p.filters = {
      oblasts: ['UA12', 'UA59'],
      populationMin: 1000,
      populationMax: 50_000,
      excludeOccupied: false,
      minConfidence: 0.5,
      sector: 'social cohesion',
    };
    p.run = true;
    const q = formatTargetParams(p);
    expect(q).toEqual({
      tm: 'needs',
      twc: 'pressure:2.5',
      twn: 'displacement:0.3,economic:4',
      tsc: 'aB3_x-9Q',
      tsn: 'zz',
      tc: 'pc:42.5',
      tb: '2500000',
      tn: '12',
      tfo: 'UA12,UA59',
      tfp: '1000-50000',
      tfx: '0',
      tfc: '0.5',
      tfs: 'social cohesion',
      tr: '1',
    });
    for (const k of Object.keys(q)) {
      expect(k.startsWith('t')).toBe(true);
      expect(SHELL_KEYS).not.toContain(k);
    }
    expect(parseTargetParams(`?${new URLSearchParams(q).toString()}`)).toEqual(p);
  });

  it('keeps an open population range on either side', () => {
    expect(parseTargetParams('?tfp=-20000').filters).toMatchObject({
      populationMin: null,
      populationMax: 20000,
    });
    expect(parseTargetParams('?tfp=5000-').filters).toMatchObject({
      populationMin: 5000,
      populationMax: null,
    });
    const p = defaultTargetParams();
    p.filters.populationMax = 20000;
    expect(formatTargetParams(p)).toEqual({ tfp: '-20000' });
  });

  it('falls back to the default for malformed values rather than failing', () => {
    const p = parseTargetParams(
      '?tm=pi&twc=pressure:-1,Bad:2,ok:x,fine:3,a:1:2,huge:1000&tsc=../x&tc=flat:-5&tb=0&tn=2.5' +
        '&tfo=UA1,UA12,x&tfp=9-1&tfx=1&tfc=1.5&tr=yes',
    );
    expect(p.model).toBe('gap');
    expect(p.weights.cpi).toEqual({ fine: 3 });
    expect(p.scenarios.cpi).toBeNull();
    expect(p.cost).toEqual(defaultTargetParams().cost);
    expect(p.budget).toBe(DEFAULT_BUDGET);
    expect(p.maxCount).toBeNull();
    expect(p.filters.oblasts).toEqual(['UA12']);
    expect([p.filters.populationMin, p.filters.populationMax]).toEqual([null, null]);
    expect(p.filters.excludeOccupied).toBe(true);
    expect(p.filters.minConfidence).toBeNull();
    expect(p.run).toBe(false);
  });

  it('writes weights sorted by node id so that the same weights give the same link', () => {
    expect(formatWeights({ b: 2, a: 0.30000000000000004 })).toBe('a:0.3,b:2');
    expect(parseWeights('a:0.3,b:2')).toEqual({ a: 0.3, b: 2 });
    expect(parseWeights(null)).toEqual({});
  });
});
