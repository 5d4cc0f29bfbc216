import type { Page } from 'playwright-core';

// Issue #14, item 8: a Ukrainian screen shows no English. What a user meets on a page — its visible text
// and the names a screen reader reads (aria-label, title, placeholder, alt) — tokenised into Latin-script
// words, less a small allow-list of names, codes and units that are written in Latin in Ukrainian too.

/**
 * Written in Latin in a Ukrainian text as well: file formats, standards and codes, the names of publishers,
 * data sets and organisations of the data (as they name themselves), the palette names of their authors,
 * and the language switch ("English", "EN"). Each entry is a whole word, case-sensitive.
 */
export const LATIN_ALLOWED: readonly string[] = [
  // File formats and standards.
  'CSV',
  'XLSX',
  'PNG',
  'GeoJSON',
  'HXL',
  'API',
  'JSON',
  'PDF',
  'OpenAPI',
  'MVT',
  'URL',
  'KATOTTH',
  // Publishers, data sets and organisations named by the sources (data/sources.json).
  'KSE',
  'OCHA',
  'ACLED',
  'HDX',
  'COD',
  'AB',
  'FISS',
  'SSPE',
  'REACH',
  'GIZ',
  'U',
  'LEAD',
  'DeepState',
  'DeepStateMap',
  'cyterat',
  'Loc',
  'Data',
  'Hub',
  'DOI',
  'zenodo',
  'OSM',
  'OpenStreetMap',
  'MapLibre',
  'INFORM',
  'GeoDa',
  'LISA',
  'Gi',
  // Licence names: Creative Commons, MIT, GNU GPL.
  'CC',
  'BY',
  'IGO',
  'MIT',
  'GPL',
  // Palette names (ColorBrewer / viridis authors' names) and the language switch.
  'Viridis',
  'Cividis',
  'English',
  'EN',
  // Symbols and key names: "топ N", the Enter key, the solver HiGHS, the data's "NA" (missing value).
  'N',
  'Enter',
  'HiGHS',
  'NA',
];

/** A pcode (UA63, UA6312001), an HXL tag (#adm3+code), a URL or domain, a DOI: codes, not words. */
const CODES = [
  /\bUA\d+\b/g,
  /#[a-z_]+(\+[a-z_]+)*/g,
  /\bhttps?:\/\/\S+/g,
  /\b[\w-]+(\.[\w-]+)+\/\S*/g,
  /\b[\w-]+\.(org|com|net|live|io|ua|eu|int)\b/g,
  /\b10\.\d+\/\S+/g,
  // A path or repository (data/programmes/, cyterat/deepstate-map-data).
  /\b\w[\w.-]*\/[\w./-]*/g,
  // An identifier with a digit or an underscore: ADM3, 3W, GPL-3.0, ukr_admbnd_sspe_20240416.
  /\b\w*[\d_]\w*\b/g,
];

/** The Latin-script words of `text` not in `allowed` (codes, URLs and DOIs removed first). */
export function latinWords(text: string, allowed: ReadonlySet<string>): string[] {
  let t = text;
  for (const re of CODES) t = t.replace(re, ' ');
  return (t.match(/[A-Za-z][A-Za-z’'-]*/g) ?? [])
    .flatMap((w) => w.split(/[-’']/))
    .filter((w) => /[A-Za-z]/.test(w) && !allowed.has(w));
}

/**
 * Each visible text and accessible name on the page, with where it is (a short selector path), skipping
 * subtrees marked with another language than Ukrainian: lang="en" (English on purpose: the switch to English,
 * the API's own message under "details") or lang="uk-Latn" (a Ukrainian name romanised).
 */
export function pageTexts(page: Page): Promise<{ where: string; text: string }[]> {
  // A string, not a function: a function would carry the bundler's helpers (tsx's __name) into the page.
  return page.evaluate(PAGE_TEXTS);
}

const PAGE_TEXTS = `(() => {
  const out = [];
  const path = (el) => {
    const parts = [];
    for (let e = el; e && parts.length < 4; e = e.parentElement)
      parts.unshift(e.id ? '#' + e.id : e.tagName.toLowerCase() + (e.classList[0] ? '.' + e.classList[0] : ''));
    return parts.join(' > ');
  };
  const english = (el) => {
    const l = el.closest('[lang]');
    return !!l && !['uk', 'uk-UA'].includes(l.getAttribute('lang'));
  };
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    const text = (n.textContent || '').trim();
    if (!el || !text || ['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(el.tagName)) continue;
    if (!visible(el) || english(el)) continue;
    out.push({ where: path(el), text });
  }
  for (const el of document.body.querySelectorAll('[aria-label],[title],[placeholder],[alt]')) {
    if (english(el)) continue;
    for (const a of ['aria-label', 'title', 'placeholder', 'alt']) {
      const v = (el.getAttribute(a) || '').trim();
      if (v) out.push({ where: path(el) + '[' + a + ']', text: v });
    }
  }
  return out;
})()`;
