import { describe, expect, it } from 'vitest';
import { CLASS_METHODS } from './classify.ts';
import { buildChoropleth, FADED_OPACITY } from './choropleth.ts';
import { classWord, classWordsNote, unitClass } from './unit-class.ts';

// Issue #14, item 6: whatever the classing, a unit's colour and its word come from the same classes. Today's
// tooltip put the model's class word («середній», from fixed thresholds) beside a quantile colour: Криворізька
// «4,5 · середній» was red on the map.

const LABELS = ['дуже низький', 'низький', 'середній', 'високий', 'дуже високий'].map((uk, i) => ({
  uk,
  en: ['very low', 'low', 'medium', 'high', 'very high'][i]!,
}));
const FIXED = { thresholds: [2, 4, 6, 8], labels: LABELS, domain: [0, 10] as [number, number] };

// Most hromadas score low, so 4.5 (the model's «середній») is in the top quantile.
const values = new Map<string, number>();
for (let i = 0; i < 40; i++) values.set(`UA${String(1000000 + i)}`, 0.1 * i); // 0–3.9
values.set('UA1204000', 4.5); // Криворізька, as in the issue
values.set('UA1204001', 7.2);
values.set('UA0102001', 9.9); // not compared: faded

const comparable = new Set([...values.keys()].filter((p) => p !== 'UA0102001'));

describe('unitClass', () => {
  for (const method of CLASS_METHODS) {
    it(`gives every unit the colour and the word of its own class (${method})`, () => {
      const c = buildChoropleth({ values, method, palette: 'ylorrd', fixed: FIXED, comparable });
      for (const lang of ['uk', 'en'] as const) {
        for (const pcode of values.keys()) {
          const u = unitClass(c, pcode, lang)!;
          const i = c.classOf.get(pcode)!;
          // The map fills class i with colours[i]; the legend names class i with classWord: the same pair.
          expect(u.colour, pcode).toBe(c.colours[i]);
          expect(u.word, pcode).toBe(classWord(c, i, lang));
          expect(u.word, pcode).toBeTruthy();
          // A model word only ever stands beside the model's own classes.
          const modelWord = LABELS.map((l) => l[lang]);
          if (c.classification.kind === 'fixed') expect(modelWord).toContain(u.word);
          else expect(modelWord).not.toContain(u.word);
        }
      }
    });
  }

  it('names Криворізька by its quantile class, in the top class colour, on a quantile map', () => {
    const c = buildChoropleth({ values, method: 'quantile', palette: 'ylorrd', fixed: FIXED, comparable });
    const k = c.classification.bins.length;
    const u = unitClass(c, 'UA1204000', 'uk')!;
    expect(u.colour).toBe(c.colours[k - 1]);
    expect(u.word).toBe(`квантиль ${k} з ${k}`);
    expect(unitClass(c, 'UA1204000', 'en')!.word).toBe(`quantile ${k} of ${k}`);
  });

  it('gives the model word under the model classes, in that class colour', () => {
    const c = buildChoropleth({ values, method: 'fixed', palette: 'ylorrd', fixed: FIXED });
    const u = unitClass(c, 'UA1204000', 'uk')!;
    expect(u.word).toBe('середній');
    expect(u.colour).toBe(c.colours[2]);
    expect(classWordsNote(c, 'uk')).toBe('');
  });

  it('draws a faded unit faded in its swatch too, and gives none to a unit without a value', () => {
    const c = buildChoropleth({ values, method: 'quantile', palette: 'ylorrd', comparable });
    expect(unitClass(c, 'UA0102001', 'uk')!.opacity).toBe(FADED_OPACITY);
    expect(unitClass(c, 'UA1204000', 'uk')!.opacity).toBe(1);
    expect(unitClass(c, 'UA9999999', 'uk')).toBeNull();
    expect(unitClass(null, 'UA1204000', 'uk')).toBeNull();
  });

  it('says in the legend how the classes are named', () => {
    const c = buildChoropleth({ values, method: 'quantile', palette: 'ylorrd' });
    expect(classWordsNote(c, 'uk')).toContain('«квантиль 1 з 5»');
    expect(classWordsNote(c, 'en')).toContain('“quantile 1 of 5”');
  });
});
