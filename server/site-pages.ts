import { readFileSync } from 'node:fs';
import path from 'node:path';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { repoRoot } from './config.ts';

// The two server-rendered pages of the product (issue #14, items 11 and 13): the methodology, so the UI can
// link to it instead of citing a file name, and a real "not found" page in the reader's language.

export type PageLang = 'uk' | 'en';

/**
 * The reader's language: `?lang=` as the web client spells it (view-params.ts), else English when the
 * browser puts English first, else Ukrainian (the client's default).
 */
export function pageLang(query: string | undefined, acceptLanguage: string | undefined): PageLang {
  if (query === 'en' || query === 'uk') return query;
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'uk';
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A heading's anchor, as GitHub makes it: lower case, punctuation dropped, spaces to hyphens. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/<[^>]+>/g, '')
    .replace(/&[a-z]+;|&#\d+;/g, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .trim()
    .replace(/\s+/g, '-');
}

/**
 * Markdown to HTML with GitHub's tables, raw HTML of the file escaped (micromark's default: the file is ours,
 * but nothing from it runs), and an id on every h2/h3 so the UI can link to a section ("#coverage-and-gap").
 */
export function markdownToHtml(markdown: string): string {
  const html = micromark(markdown, { extensions: [gfm()], htmlExtensions: [gfmHtml()] });
  return html.replace(/<h([23])>(.*?)<\/h\1>/g, (_m, level: string, inner: string) => {
    return `<h${level} id="${slug(inner)}">${inner}</h${level}>`;
  });
}

const PAGE_CSS = `
  body { font: 16px/1.55 system-ui, sans-serif; color: #1d2330; margin: 0; background: #fafbfc; }
  header, main, footer { max-width: 52rem; margin: 0 auto; padding: 0 1.2rem; }
  header { padding-top: 1rem; display: flex; gap: 1rem; align-items: baseline; flex-wrap: wrap; }
  header a { color: #1f4f99; }
  h1 { font-size: 1.7rem; line-height: 1.25; margin: 1rem 0 0.6rem; }
  h2 { margin-top: 2rem; font-size: 1.3rem; }
  a { color: #1f4f99; }
  code { background: #eef0f4; padding: 0 0.2em; border-radius: 3px; font-size: 0.92em; overflow-wrap: anywhere; }
  .summary h2 { margin-top: 0.3rem; }
  .summary { background: #eef4fb; border-left: 4px solid #1f4f99; padding: 0.6rem 1rem; border-radius: 4px; }
  .table { overflow-x: auto; }
  table { border-collapse: collapse; margin: 0.8rem 0; font-size: 0.92rem; }
  th, td { border: 1px solid #c9ced8; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
  footer { padding-bottom: 2rem; color: #4b5262; font-size: 0.9rem; }
`;

function page(lang: PageLang, title: string, body: string): string {
  return (
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${escapeHtml(title)}</title><link rel="icon" href="/favicon.svg">` +
    `<style>${PAGE_CSS}</style></head><body>${body}</body></html>`
  );
}

const TEXT = {
  uk: {
    atlas: 'Атлас громад',
    toMap: 'До карти',
    other: 'English',
    methodology: 'Методологія',
    summaryTitle: 'Коротко українською',
    englishBelow: 'Повний текст методології нижче — англійською.',
    notFoundTitle: 'Сторінку не знайдено',
    notFound: (p: string) =>
      `За адресою ${p} нічого немає. Можливо, посилання застаріле або містить помилку.`,
    notFoundActions: 'Відкрийте карту громад або методологію атласу.',
  },
  en: {
    atlas: 'Hromada Atlas',
    toMap: 'To the map',
    other: 'Українська',
    methodology: 'Methodology',
    summaryTitle: 'In brief',
    englishBelow: 'The full methodology follows.',
    notFoundTitle: 'Page not found',
    notFound: (p: string) => `There is nothing at ${p}. The link may be out of date or mistyped.`,
    notFoundActions: 'Open the map of hromadas or the atlas methodology.',
  },
} as const;

/**
 * A summary of docs/methodology.md for readers of the Ukrainian interface (the full text is English). Terms as
 * in the project's Ukrainian background texts: громада, конфліктний потенціал, потреби, згуртованість, ВПО.
 */
const SUMMARY_UK = `
<p>Атлас зводить відкриті показники до трьох мір для кожної громади: <strong>конфліктного потенціалу</strong>,
<strong>потреб</strong> (зокрема інтеграції ВПО) і <strong>розриву в покритті</strong> допомогою — і щоразу каже,
наскільки він певен.</p>
<ul>
<li><strong>Шкала.</strong> Як в індексі ризиків INFORM (Спільний дослідницький центр ЄК), кожна модель — ієрархія
«індекс → виміри → складники → показники»; кожен рівень на шкалі 0–10, більше — гірше. Показники нормуються
до фіксованих меж моделі, тож новий випуск даних мовчки не змінює минулого.</li>
<li><strong>Пропуски даних</strong> ніколи не стають нулем і не беруться від сусідів: ваги перерозподіляються
між наявними значеннями; громада без жодного оціненого виміру лишається без оцінки, з поясненням чому.</li>
<li><strong>Класи</strong>: межі 2,0 · 3,5 · 5,0 · 6,5 — дуже низький, низький, середній, високий, дуже високий.
<strong>Місце</strong>: 1 — найгірше; однакові оцінки ділять місце.</li>
<li><strong>Достовірність</strong> показує, яка частка моделі спирається на дані; <strong>діапазон місць</strong>
(5–95 %) — наскільки місце залежить від вибору ваг і способу агрегування (1 000 прогонів Монте-Карло).</li>
<li><strong>Покриття і розрив</strong>: покриття — присутність програми, що діє на дату (кількості людей у потребі
у відкритих даних немає); розрив = потреби × (1 − покриття); пріоритет = конфліктний потенціал × потреби ×
(1 − покриття).</li>
<li><strong>Гарячі точки</strong>: локальний індекс Морана (LISA) і Gi* Getis–Ord за сусідством громад, з
контролем частки хибних відкриттів (Benjamini–Hochberg).</li>
<li><strong>Чого немає у відкритих даних</strong>: більшості складників соціальної крихкості й інтеграції ВПО
(їх вимірюють лише оцінювання в громадах), кількості людей у потребі, актуального населення, даних про безпекові
інциденти.</li>
</ul>`;

let methodologyCache: string | undefined;

/** docs/methodology.md as HTML, read and rendered once per process (the file ships with the server). */
function methodologyBody(): string {
  methodologyCache ??= markdownToHtml(readFileSync(path.join(repoRoot, 'docs', 'methodology.md'), 'utf8'))
    // Wide tables scroll on their own on a phone instead of widening the page.
    .replace(/<table>/g, '<div class="table" tabindex="0" role="region" aria-label="table"><table>')
    .replace(/<\/table>/g, '</table></div>');
  return methodologyCache;
}

function header(lang: PageLang, here: string): string {
  const t = TEXT[lang];
  const other: PageLang = lang === 'uk' ? 'en' : 'uk';
  const mapHref = lang === 'uk' ? '/' : '/?lang=en';
  return (
    `<header><a href="${mapHref}">${t.toMap}</a>` +
    `<a href="${here}?lang=${other}" lang="${other}">${t.other}</a></header>`
  );
}

/** GET /methodology: in Ukrainian, a summary and then the English full text (marked lang="en"); in English, the text. */
export function methodologyPage(lang: PageLang): string {
  const t = TEXT[lang];
  const lead =
    lang === 'uk'
      ? `<section class="summary" aria-labelledby="summary"><h2 id="summary">${t.summaryTitle}</h2>` +
        `${SUMMARY_UK}<p>${t.englishBelow}</p></section>`
      : '';
  return page(
    lang,
    `${t.methodology} — ${t.atlas}`,
    `${header(lang, '/methodology')}<main>` +
      (lang === 'uk' ? `<h1>${t.methodology}</h1>${lead}<div lang="en">` : `${lead}<div>`) +
      `${lang === 'uk' ? methodologyBody().replace(/^<h1>Methodology<\/h1>/, '<h2>Methodology</h2>') : methodologyBody()}</div></main>` +
      `<footer>${t.atlas}</footer>`,
  );
}

/** A path as a link's href; a path encodeURI refuses (a lone surrogate) links to the map instead. */
function safeEncode(p: string): string {
  try {
    return encodeURI(p);
  } catch {
    return '/';
  }
}

/** The 404 page of an unknown path outside /api and /tiles. */
export function notFoundPage(lang: PageLang, requestPath: string): string {
  const t = TEXT[lang];
  const q = lang === 'uk' ? '' : '?lang=en';
  return page(
    lang,
    `${t.notFoundTitle} — ${t.atlas}`,
    `${header(lang, escapeHtml(safeEncode(requestPath)))}<main>` +
      `<h1>${t.notFoundTitle}</h1><p>${escapeHtml(t.notFound(requestPath))}</p>` +
      `<p>${t.notFoundActions}</p><ul><li><a href="/${q}">${t.toMap}</a></li>` +
      `<li><a href="/methodology${q}">${t.methodology}</a></li></ul></main>`,
  );
}
