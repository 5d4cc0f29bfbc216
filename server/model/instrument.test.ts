import { describe, expect, it } from 'vitest';
import { ASSESSMENT_COMPONENTS } from './assessment-components.ts';
import { INSTRUMENT, RESPONDENT_GROUPS } from './instrument.ts';
import { instrumentItem, itemScore, itemsOfComponent } from './instrument-score.ts';

const xmlName = /^[A-Za-z_][A-Za-z0-9._-]*$/;

describe('the instrument definition', () => {
  it('has at least three items for every assessment component, at least one of them reverse-coded', () => {
    for (const component of ASSESSMENT_COMPONENTS) {
      const items = itemsOfComponent(component);
      expect(items.length, component).toBeGreaterThanOrEqual(3);
      expect(
        items.some((i) => i.direction === -1),
        component,
      ).toBe(true);
      expect(
        items.some((i) => i.direction === 1),
        component,
      ).toBe(true);
    }
    expect(INSTRUMENT.components.map((c) => c.component).sort()).toEqual([...ASSESSMENT_COMPONENTS].sort());
  });

  it('names every item uniquely with a valid XML name', () => {
    const ids = INSTRUMENT.items.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(xmlName);
  });

  it('has Ukrainian and English text for every label and hint', () => {
    const texts = [
      INSTRUMENT.title,
      INSTRUMENT.intro,
      INSTRUMENT.consent.label,
      INSTRUMENT.consent.hint,
      INSTRUMENT.round.label,
      INSTRUMENT.round.hint,
      ...Object.values(INSTRUMENT.location),
      INSTRUMENT.respondentGroup.label,
      ...INSTRUMENT.consent.choices.map((c) => c.label),
      ...INSTRUMENT.respondentGroup.choices.map((c) => c.label),
      ...INSTRUMENT.likert.choices.map((c) => c.label),
      ...INSTRUMENT.components.map((c) => c.label),
      ...INSTRUMENT.items.flatMap((i) => (i.hint ? [i.label, i.hint] : [i.label])),
    ];
    for (const text of texts) {
      expect(text.uk.trim()).not.toBe('');
      expect(text.en.trim()).not.toBe('');
      expect(text.uk, 'the Ukrainian text is Ukrainian').toMatch(/[а-яіїєґ]/i);
    }
  });

  it('asks the six respondent groups', () => {
    expect(INSTRUMENT.respondentGroup.choices.map((c) => c.name)).toEqual([...RESPONDENT_GROUPS]);
  });
});

describe('itemScore', () => {
  const positive = INSTRUMENT.items.find((i) => i.direction === 1)!;
  const reverse = INSTRUMENT.items.find((i) => i.direction === -1)!;

  it('maps the five points onto 0–10 and turns reverse-coded items round', () => {
    expect(['1', '2', '3', '4', '5'].map((a) => itemScore(positive, a))).toEqual([0, 2.5, 5, 7.5, 10]);
    expect(['1', '2', '3', '4', '5'].map((a) => itemScore(reverse, a))).toEqual([10, 7.5, 5, 2.5, 0]);
  });

  it('does not score "hard to say" or a missing answer, and rejects answers off the scale', () => {
    expect(itemScore(positive, 'dk')).toBeNull();
    expect(itemScore(positive, '')).toBeNull();
    expect(itemScore(positive, undefined)).toBeNull();
    expect(itemScore(positive, '6')).toBeUndefined();
    expect(itemScore(positive, '2.5')).toBeUndefined();
    expect(itemScore(positive, 'agree')).toBeUndefined();
  });

  it('finds items by their name in a submission', () => {
    expect(instrumentItem(positive.id)).toBe(positive);
    expect(instrumentItem('no_such_item')).toBeUndefined();
  });
});
