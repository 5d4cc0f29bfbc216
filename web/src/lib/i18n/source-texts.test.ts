import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOCALISED_SOURCE_IDS, localSource } from './source-texts.ts';

interface RawSource {
  id: string;
  name: string;
  publisher: string;
  attribution: string;
  licence: string;
  caveats: string | null;
  files: { id: string; title?: string }[];
}
const raw = JSON.parse(readFileSync(new URL('../../../../data/sources.json', import.meta.url), 'utf8')) as {
  sources: Omit<RawSource, 'files'>[];
  files: { id: string; source: string; title?: string }[];
};
/** The sources as the API lists them: each with its files. */
const sources: RawSource[] = raw.sources.map((s) => ({
  ...s,
  files: raw.files.filter((f) => f.source === s.id),
}));

const latin = /[A-Za-z]{3,}/g;
/** Latin words that stay Latin in Ukrainian: names and codes (as in tests/support/latin-words.ts). */
const names = new Set([
  'ukr_admbnd_sspe_20240416',
  'OCHA',
  'FISS',
  'HDX',
  'REACH',
  'COD',
  'KSE',
  'Institute',
  'GIZ',
  'LEAD',
  'Loc',
  'Data',
  'Hub',
  'DOI',
  'zenodo',
  'MIT',
  'DeepStateMap',
  'deepstatemap',
  'live',
  'cyterat',
  'deepstate',
  'map',
  'data',
  'GPL',
  'DeepState',
  'programmes',
  'IGO',
  'ADM',
  'HXL',
]);

describe('the sources in Ukrainian', () => {
  it('covers every source of data/sources.json, with every file', () => {
    for (const s of sources) {
      expect(LOCALISED_SOURCE_IDS).toContain(s.id);
      const uk = localSource(s, 'uk');
      for (const f of uk.files)
        expect(f.title, `${s.id}/${f.id}`).not.toBe(s.files.find((x) => x.id === f.id)?.title);
    }
  });

  it('writes no English words in the Ukrainian texts (issue #14: "Unclear", the caveats)', () => {
    for (const s of sources) {
      const uk = localSource(s, 'uk');
      const text = [
        uk.name,
        uk.publisher,
        uk.attribution,
        uk.licence,
        uk.caveats ?? '',
        ...uk.files.map((f) => f.title),
      ].join(' ');
      const words = (text.replace(/ukr_admbnd_sspe_\d+/g, '').match(latin) ?? []).filter(
        (w) => !names.has(w),
      );
      expect(words, s.id).toEqual([]);
    }
  });

  it('keeps the identifiers of provenance: the data-set id, the DOI, the licence name', () => {
    const bySource = Object.fromEntries(sources.map((s) => [s.id, localSource(s, 'uk')]));
    expect(bySource['cod-ab']!.attribution).toContain('ukr_admbnd_sspe_20240416');
    expect(bySource['kse']!.attribution).toContain('10.5281/zenodo.15267573');
    expect(bySource['kse']!.licence).toBe('MIT');
    expect(bySource['ipcg']!.licence.startsWith('CC BY 4.0')).toBe(true);
  });

  it('leaves English and unknown sources as they are', () => {
    const s = sources[0]!;
    expect(localSource(s, 'en')).toBe(s);
    const other = { ...s, id: 'elsewhere' };
    expect(localSource(other, 'uk')).toBe(other);
  });
});
