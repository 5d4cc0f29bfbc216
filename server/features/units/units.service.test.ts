import { describe, expect, it } from 'vitest';
import { containsPattern, normaliseSearch } from './units.service.ts';

describe('normaliseSearch', () => {
  // Must equal admin_units.search_text: lower(translate(name, '''’ʼ`´', '')).
  it('drops every apostrophe the generated column drops, and lower-cases both scripts', () => {
    for (const q of ["Кам'янець", 'Кам’янець', 'Камʼянець', 'Кам`янець', 'Кам´янець', 'КАМЯНЕЦЬ']) {
      expect(normaliseSearch(q)).toBe('камянець');
    }
    expect(normaliseSearch("Kam'ianets-Podilskyi")).toBe('kamianets-podilskyi');
    expect(normaliseSearch('Їжакевичі ҐЄІ')).toBe('їжакевичі ґєі');
  });
});

describe('containsPattern', () => {
  it('matches anywhere and takes LIKE wildcards and the escape character literally', () => {
    expect(containsPattern('харків')).toBe('%харків%');
    expect(containsPattern('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
  });
});
