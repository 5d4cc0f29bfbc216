// Numbers and units as an analyst reads them: the API stores values in plain units ("share (0–1)",
// "persons"); the interface shows percentages, grouped thousands and unit names in the interface language.

import type { Lang } from './messages.ts';
import { pluralForm, type PluralForms } from './plural.ts';

export type UnitKind =
  | 'share'
  | 'flag'
  | 'count'
  | 'rate'
  | 'money'
  | 'distance'
  | 'area'
  | 'time'
  | 'density'
  | 'score'
  | 'other';

interface UnitInfo {
  kind: UnitKind;
  /** The suffix shown after a number; empty for shares (they get "%") and flags (they read yes/no). */
  label: Record<Lang, string>;
  /** Fraction digits for one value. */
  digits: number;
  /** A count's noun in its plural forms, for one value ("1 угода", "3 угоди"); `label` stays the heading. */
  forms?: Record<Lang, PluralForms>;
}

/** A counted noun: the label is its "many" form (a heading reads "Одиниці: угод"). */
function counted(uk: PluralForms, en: PluralForms): UnitInfo {
  return { kind: 'count', label: { uk: uk.many, en: en.many }, digits: 0, forms: { uk, en } };
}

const UNITS: Record<string, UnitInfo> = {
  'share (0–1)': { kind: 'share', label: { uk: '%', en: '%' }, digits: 1 },
  'flag (0/1)': { kind: 'flag', label: { uk: 'так / ні', en: 'yes / no' }, digits: 0 },
  persons: counted({ one: 'особа', few: 'особи', many: 'осіб' }, { one: 'person', many: 'persons' }),
  // The KSE data's own units (data/indicators.json), issue #14 item 8: they showed in English.
  agreements: counted({ one: 'угода', few: 'угоди', many: 'угод' }, { one: 'agreement', many: 'agreements' }),
  associations: counted(
    { one: 'об’єднання', few: 'об’єднання', many: 'об’єднань' },
    { one: 'association', many: 'associations' },
  ),
  centres: counted({ one: 'центр', few: 'центри', many: 'центрів' }, { one: 'centre', many: 'centres' }),
  councils: counted({ one: 'рада', few: 'ради', many: 'рад' }, { one: 'council', many: 'councils' }),
  hromadas: counted({ one: 'громада', few: 'громади', many: 'громад' }, { one: 'hromada', many: 'hromadas' }),
  'modules (0–4)': counted(
    { one: 'модуль з 4', few: 'модулі з 4', many: 'модулів з 4' },
    { one: 'module of 4', many: 'modules of 4' },
  ),
  'declarations per resident': {
    kind: 'rate',
    label: { uk: 'декларацій на мешканця', en: 'declarations per resident' },
    digits: 2,
  },
  'per 10,000 residents': {
    kind: 'rate',
    label: { uk: 'на 10 000 мешканців', en: 'per 10,000 residents' },
    digits: 1,
  },
  'thousand UAH': { kind: 'money', label: { uk: 'тис. грн', en: 'thousand UAH' }, digits: 0 },
  'thousand UAH (2015 prices)': {
    kind: 'money',
    label: { uk: 'тис. грн (у цінах 2015 р.)', en: 'thousand UAH (2015 prices)' },
    digits: 0,
  },
  'thousand UAH (2015 prices) per 10,000 residents': {
    kind: 'money',
    label: {
      uk: 'тис. грн (у цінах 2015 р.) на 10 000 мешканців',
      en: 'thousand UAH (2015 prices) per 10,000 residents',
    },
    digits: 0,
  },
  'per 1,000 residents': {
    kind: 'rate',
    label: { uk: 'на 1000 мешканців', en: 'per 1,000 residents' },
    digits: 1,
  },
  'UAH per person': { kind: 'money', label: { uk: 'грн на мешканця', en: 'UAH per resident' }, digits: 0 },
  km: { kind: 'distance', label: { uk: 'км', en: 'km' }, digits: 1 },
  'km²': { kind: 'area', label: { uk: 'км²', en: 'km²' }, digits: 1 },
  minutes: { kind: 'time', label: { uk: 'хв', en: 'min' }, digits: 0 },
  'persons per km²': { kind: 'density', label: { uk: 'осіб на км²', en: 'persons per km²' }, digits: 1 },
  score: { kind: 'score', label: { uk: 'бал', en: 'score' }, digits: 1 },
};

/** What the client knows of a unit; an unknown unit is shown as the API writes it. */
export function unitInfo(unit: string): UnitInfo {
  return UNITS[unit] ?? { kind: 'other', label: { uk: unit, en: unit }, digits: 2 };
}

export function unitLabel(unit: string, lang: Lang): string {
  return unitInfo(unit).label[lang];
}

const locales: Record<Lang, string> = { uk: 'uk-UA', en: 'en-GB' };
const cache = new Map<string, Intl.NumberFormat>();

function nf(lang: Lang, digits: number): Intl.NumberFormat {
  const key = `${lang}:${digits}`;
  let f = cache.get(key);
  if (!f) {
    // signDisplay 'negative': a value that rounds to zero is "0", never "−0".
    f = new Intl.NumberFormat(locales[lang], {
      minimumFractionDigits: 0,
      maximumFractionDigits: digits,
      signDisplay: 'negative',
    });
    cache.set(key, f);
  }
  return f;
}

/** A plain number with at most `digits` fraction digits, grouped, with a true minus sign. */
export function formatNumber(v: number, lang: Lang, digits = 1): string {
  return nf(lang, digits).format(v).replace('-', '−');
}

/** Fraction digits that keep a class break readable for values of this size. */
function digitsFor(v: number, base: number): number {
  const a = Math.abs(v);
  if (a === 0 || a >= 100) return Math.min(base, 0);
  if (a >= 10) return Math.min(base, 1);
  if (a >= 1) return Math.max(base, 1);
  return Math.max(base, 2);
}

/**
 * One value with its unit, e.g. "20,7 км", "23,5 %", "так". `compact` leaves out the unit (legend breaks,
 * where the unit is written once above).
 */
export function formatValue(
  v: number,
  unit: string,
  lang: Lang,
  opts: { compact?: boolean; yes?: string; no?: string; digits?: number } = {},
): string {
  const info = unitInfo(unit);
  switch (info.kind) {
    case 'flag':
      return v >= 0.5
        ? (opts.yes ?? (lang === 'uk' ? 'так' : 'yes'))
        : (opts.no ?? (lang === 'uk' ? 'ні' : 'no'));
    case 'share': {
      const pct = v * 100;
      const s = formatNumber(pct, lang, opts.digits ?? (Math.abs(pct) < 10 && pct !== 0 ? 1 : 0));
      // Ukrainian typography puts a (narrow) space before the per cent sign; English does not.
      return lang === 'uk' ? `${s}\u202f%` : `${s}%`;
    }
    default: {
      if (info.kind === 'score' && opts.digits === undefined && !opts.compact) return formatScore(v, lang);
      const s = formatNumber(v, lang, opts.digits ?? digitsFor(v, info.digits));
      if (opts.compact || info.kind === 'score') return s;
      // A whole count takes the noun form of its number; a fraction (a mean) the form for fractions.
      const label = info.forms ? pluralForm(lang, v, info.forms[lang]) : info.label[lang];
      return `${s} ${label}`;
    }
  }
}

/**
 * Fraction digits that tell a legend's class bounds apart: the fewest (at least what each value would get on
 * its own) with which no two different bounds print the same — "99,6 %" and "100 %", not "100 %" twice.
 */
export function breakDigits(bounds: readonly number[], unit: string, lang: Lang): number | undefined {
  const distinct = [...new Set(bounds)].sort((a, b) => a - b);
  if (distinct.length < 2) return undefined;
  const print = (d: number | undefined) =>
    distinct.map((v) => formatValue(v, unit, lang, { compact: true, digits: d }));
  const unique = (xs: string[]) => new Set(xs).size === xs.length;
  if (unique(print(undefined))) return undefined;
  for (let d = 0; d <= 6; d++) if (unique(print(d))) return d;
  return 6;
}

/** A period as stored (2022, 2022-09, 2022-01-01) in the interface language's date style. */
/** A period or a range of them ("2023-07–2025"), each end as `formatPeriod` writes it; "—" for none. */
export function formatPeriodRange(period: string | null | undefined, lang: Lang): string {
  if (!period) return '—';
  return period
    .split('–')
    .map((p) => formatPeriod(p, lang))
    .join(' – ');
}

export function formatPeriod(period: string | null | undefined, lang: Lang): string {
  if (!period) return '—';
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(period);
  if (!m) return period;
  const [, y, mo, d] = m;
  if (!mo) return y!;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, d ? Number(d) : 1));
  const opts: Intl.DateTimeFormatOptions = d
    ? { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }
    : { month: 'long', year: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(locales[lang], opts).format(date);
}

/** The date of a timestamp (ISO 8601) in the reader's time zone: "21 лист. 2026 р." — when data was imported or changed. */
export function formatTimestampDate(iso: string, lang: Lang): string {
  return new Date(iso).toLocaleDateString(locales[lang], { day: 'numeric', month: 'short', year: 'numeric' });
}

/** An index score (0–10) always with one decimal, "3,0" rather than "3", so that scores line up. */
export function formatScore(v: number, lang: Lang): string {
  return new Intl.NumberFormat(locales[lang], { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
    v,
  );
}

/** 0–1 as a whole percentage. */
export function formatPercent(v: number, lang: Lang): string {
  const s = formatNumber(v * 100, lang, 0);
  return lang === 'uk' ? `${s}\u202f%` : `${s}%`;
}
