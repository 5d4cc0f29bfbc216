// The Explore view's table (issue #14 item 4): hromadas × the shown measure (and the second measure of a
// bivariate map), sorted and filtered as the analyst chooses, and "download what I see" — exactly the rows
// on screen, in their order — as CSV with an HXL hashtag row (hxlstandard.org), XLSX with the same two header
// rows, or GeoJSON. Every file carries the measure, its period, the sources with their licences and the
// filter, so a figure can be traced back after it leaves the app.

import { FORMULA_TRIGGER } from '../../../../../server/shared/table-export/formula-trigger.ts';
import type { MeasureData } from '../../state/explore/measure.svelte.ts';
import type { LevelIndex } from '../../map/unit-index.ts';

/** One hromada's row. `value2` is the second measure's value (bivariate map), absent without one. */
export interface TableRow {
  pcode: string;
  nameUk: string;
  nameEn: string;
  oblastPcode: string;
  oblastUk: string;
  oblastEn: string;
  value: number | null;
  /** Index only: rank among the ranked units, the class word's number and the confidence (0–1). */
  rank: number | null;
  class: number | null;
  confidence: number | null;
  value2: number | null;
  /** The values of the indicators added as columns, in their order. */
  extras: (number | null)[];
}

/** A column to sort by; `x0`, `x1` … are the added indicators. */
export type SortKey = 'name' | 'oblast' | 'value' | 'rank' | 'confidence' | 'value2' | `x${number}`;
export interface Sort {
  key: SortKey;
  dir: 'asc' | 'desc';
}

/** Every drawn hromada of the index with the measure's values; hromadas without a value keep a row (null). */
export function buildRows(
  hromadas: LevelIndex,
  oblasts: LevelIndex | null,
  data: MeasureData,
  second: MeasureData | null,
  extras: readonly MeasureData[] = [],
): TableRow[] {
  return hromadas.pcodes.map((pcode) => {
    const n = hromadas.names.get(pcode)!;
    const oblastPcode = pcode.slice(0, 4);
    const o = oblasts?.names.get(oblastPcode);
    const s = data.scores?.get(pcode);
    return {
      pcode,
      nameUk: n.nameUk,
      nameEn: n.nameEn,
      oblastPcode,
      oblastUk: o?.nameUk ?? oblastPcode,
      oblastEn: o?.nameEn ?? oblastPcode,
      value: data.values.get(pcode) ?? null,
      rank: s?.rank ?? null,
      class: s?.class ?? null,
      confidence: s ? s.confidence : null,
      value2: second ? (second.values.get(pcode) ?? null) : null,
      extras: extras.map((d) => d.values.get(pcode) ?? null),
    };
  });
}

/** The rows in one oblast (null: all) whose name, oblast or pcode contains the query (any case, either language). */
export function filterRows(rows: readonly TableRow[], oblast: string | null, query: string): TableRow[] {
  const q = query.trim().toLocaleLowerCase('uk');
  return rows.filter(
    (r) =>
      (!oblast || r.oblastPcode === oblast) &&
      (!q ||
        [r.nameUk, r.nameEn, r.oblastUk, r.oblastEn, r.pcode].some((s) =>
          s.toLocaleLowerCase('uk').includes(q),
        )),
  );
}

/**
 * The rows in the order asked. Rows without the sorted value go last in either direction (a missing value is
 * not the lowest one); ties keep the name order, so the same view always lists the same "top 5".
 */
export function sortRows(rows: readonly TableRow[], sort: Sort, lang: 'uk' | 'en'): TableRow[] {
  const collator = new Intl.Collator(lang === 'uk' ? 'uk' : 'en');
  const name = (r: TableRow) => (lang === 'uk' ? r.nameUk : r.nameEn);
  const sign = sort.dir === 'asc' ? 1 : -1;
  const byName = (a: TableRow, b: TableRow) =>
    collator.compare(name(a), name(b)) || a.pcode.localeCompare(b.pcode);
  return [...rows].sort((a, b) => {
    if (sort.key === 'name') return sign * byName(a, b);
    if (sort.key === 'oblast') {
      const o = collator.compare(
        lang === 'uk' ? a.oblastUk : a.oblastEn,
        lang === 'uk' ? b.oblastUk : b.oblastEn,
      );
      return sign * o || byName(a, b);
    }
    const key = sort.key;
    const read = (r: TableRow) =>
      key.startsWith('x') ? (r.extras[Number(key.slice(1))] ?? null) : r[key as 'value'];
    const va = read(a);
    const vb = read(b);
    if (va === null && vb === null) return byName(a, b);
    if (va === null) return 1;
    if (vb === null) return -1;
    return sign * (va - vb) || byName(a, b);
  });
}

/** The default order: an index by rank (1 first), anything else by value, highest first. */
export function defaultSort(kind: MeasureData['kind']): Sort {
  return kind === 'index' ? { key: 'rank', dir: 'asc' } : { key: 'value', dir: 'desc' };
}

/** Where the table came from, stamped on each file. */
export interface TableStamp {
  /** The measure's name and unit, and the second measure's when the map is bivariate. */
  measure: { id: string; name: string; unit: string; period: string | null };
  second: { id: string; name: string; unit: string; period: string | null } | null;
  /** The indicators added as columns. */
  extras: { id: string; name: string; unit: string; period: string | null }[];
  /** The oblast filter (its name) and the text filter, as shown. */
  oblast: string | null;
  query: string;
  sources: { name: string; licence: string; attribution: string }[];
  generatedAt: string;
  /** The view's permalink. */
  url: string;
}

interface Column {
  header: string;
  hxl: string;
  value: (r: TableRow) => string | number | null;
}

/** The columns of every format: pcode and names with their HXL admin tags, then the values. */
export function tableColumns(stamp: TableStamp, kind: MeasureData['kind']): Column[] {
  const cols: Column[] = [
    { header: 'pcode', hxl: '#adm3+code', value: (r) => r.pcode },
    { header: 'Hromada (uk)', hxl: '#adm3+name+i_uk', value: (r) => r.nameUk },
    { header: 'Hromada (en)', hxl: '#adm3+name+i_en', value: (r) => r.nameEn },
    { header: 'Oblast pcode', hxl: '#adm1+code', value: (r) => r.oblastPcode },
    { header: 'Oblast (uk)', hxl: '#adm1+name+i_uk', value: (r) => r.oblastUk },
    { header: 'Oblast (en)', hxl: '#adm1+name+i_en', value: (r) => r.oblastEn },
    {
      header: `${stamp.measure.name}${stamp.measure.unit ? ` (${stamp.measure.unit})` : ''}`,
      hxl: `#indicator+value+${tag(stamp.measure.id)}`,
      // Scores to two decimals, as the API's own exports (more digits only look precise).
      value: (r) => (kind === 'index' ? round(r.value, 2) : r.value),
    },
  ];
  if (kind === 'index') {
    cols.push(
      { header: 'Rank', hxl: '#indicator+rank', value: (r) => r.rank },
      { header: 'Class', hxl: '#indicator+class', value: (r) => r.class },
      { header: 'Confidence', hxl: '#indicator+confidence', value: (r) => round(r.confidence, 3) },
    );
  }
  if (stamp.second) {
    cols.push({
      header: `${stamp.second.name}${stamp.second.unit ? ` (${stamp.second.unit})` : ''}`,
      hxl: `#indicator+value+${tag(stamp.second.id)}`,
      value: (r) => r.value2,
    });
  }
  stamp.extras.forEach((x, i) =>
    cols.push({
      header: `${x.name}${x.unit ? ` (${x.unit})` : ''}${x.period ? `, ${x.period}` : ''}`,
      hxl: `#indicator+value+${tag(x.id)}`,
      value: (r) => r.extras[i] ?? null,
    }),
  );
  return cols;
}

const round = (v: number | null, digits: number) => (v === null ? null : Number(v.toFixed(digits)));

/** An HXL attribute is lower-case letters, digits and underscores. */
const tag = (id: string) => id.toLowerCase().replace(/[^a-z0-9_]+/g, '_');

/** The stamp as #meta columns repeated on every row: CSV has no header block that HXL tools keep. */
function metaColumns(stamp: TableStamp): Column[] {
  return [
    { header: 'Period', hxl: '#date+period', value: () => stamp.measure.period ?? '' },
    { header: 'Filter', hxl: '#meta+filter', value: () => filterText(stamp) },
    { header: 'Generated', hxl: '#date+generated', value: () => stamp.generatedAt },
    { header: 'Sources', hxl: '#meta+source', value: () => sourcesText(stamp) },
    { header: 'Licence', hxl: '#meta+licence', value: () => licencesText(stamp) },
    { header: 'View', hxl: '#meta+url', value: () => stamp.url },
  ];
}

const filterText = (s: TableStamp) =>
  [s.oblast ? `oblast: ${s.oblast}` : 'all oblasts', s.query ? `text: ${s.query}` : '']
    .filter(Boolean)
    .join('; ');
const sourcesText = (s: TableStamp) => s.sources.map((x) => x.attribution || x.name).join('; ');
const licencesText = (s: TableStamp) => s.sources.map((x) => `${x.name}: ${x.licence}`).join('; ');

/**
 * CSV: the human header, the HXL hashtag row, then the rows as shown, each with the stamp's #meta columns.
 * papaparse is imported on first use: only a download needs it, never the first map (issue #15, item 1).
 */
export async function toCsv(
  rows: readonly TableRow[],
  stamp: TableStamp,
  kind: MeasureData['kind'],
): Promise<string> {
  const { default: Papa } = await import('papaparse');
  const cols = [...tableColumns(stamp, kind), ...metaColumns(stamp)];
  const lines = [
    cols.map((c) => c.header),
    cols.map((c) => c.hxl),
    ...rows.map((r) => cols.map((c) => c.value(r))),
  ];
  // The server's exports' CSV writer settings: papaparse quoting, and a cell a spreadsheet would run as a formula
  // written as text (FORMULA_TRIGGER, OWASP CSV injection).
  return Papa.unparse(lines, { newline: '\n', escapeFormulae: FORMULA_TRIGGER }) + '\n';
}

/**
 * GeoJSON: one point per hromada at its label point (the client holds no shapes — the map draws vector tiles;
 * the full outlines come with the scores' own GeoJSON from the API), the table's columns as properties and the
 * stamp on the collection.
 */
export function toGeoJson(
  rows: readonly TableRow[],
  stamp: TableStamp,
  kind: MeasureData['kind'],
  labelOf: (pcode: string) => [number, number] | undefined,
): string {
  const cols = tableColumns(stamp, kind);
  const keys = ['pcode', 'name_uk', 'name_en', 'oblast_pcode', 'oblast_uk', 'oblast_en', 'value'];
  if (kind === 'index') keys.push('rank', 'class', 'confidence');
  if (stamp.second) keys.push('value2');
  for (const x of stamp.extras) keys.push(tag(x.id));
  return JSON.stringify({
    type: 'FeatureCollection',
    metadata: {
      measure: stamp.measure,
      second: stamp.second,
      extras: stamp.extras,
      filter: filterText(stamp),
      generatedAt: stamp.generatedAt,
      sources: stamp.sources,
      view: stamp.url,
      geometry: 'label points of the hromadas',
    },
    features: rows.map((r) => {
      const p = labelOf(r.pcode);
      return {
        type: 'Feature',
        id: r.pcode,
        geometry: p ? { type: 'Point', coordinates: p } : null,
        properties: Object.fromEntries(cols.map((c, i) => [keys[i]!, c.value(r)])),
      };
    }),
  });
}

/**
 * XLSX: sheet "data" with the human header, the HXL row and the rows (numbers kept as numbers), sheet "about"
 * with the stamp and each source's licence. ExcelJS is loaded only when a workbook is asked for.
 */
export async function toXlsx(
  rows: readonly TableRow[],
  stamp: TableStamp,
  kind: MeasureData['kind'],
): Promise<ArrayBuffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Hromada Atlas';
  const cols = tableColumns(stamp, kind);
  const data = wb.addWorksheet('data', { views: [{ state: 'frozen', xSplit: 0, ySplit: 2 }] });
  data.addRow(cols.map((c) => c.header)).font = { bold: true };
  data.addRow(cols.map((c) => c.hxl)).font = { italic: true };
  for (const r of rows) data.addRow(cols.map((c) => c.value(r)));
  const about = wb.addWorksheet('about');
  about.addRow(['Measure', stamp.measure.name]);
  about.addRow(['Period', stamp.measure.period ?? '']);
  if (stamp.second) about.addRow(['Second measure', `${stamp.second.name} (${stamp.second.period ?? ''})`]);
  for (const x of stamp.extras) about.addRow(['Column', `${x.name} (${x.period ?? ''})`]);
  about.addRow(['Filter', filterText(stamp)]);
  about.addRow(['Generated', stamp.generatedAt]);
  about.addRow(['View', stamp.url]);
  about.addRow([]);
  about.addRow(['Source', 'Licence', 'Attribution']).font = { bold: true };
  for (const s of stamp.sources) about.addRow([s.name, s.licence, s.attribution]);
  return (await wb.xlsx.writeBuffer()) as ArrayBuffer;
}

/** A file name that says what and when: `cpi-UA14-2026-12-04.csv`. */
export function tableFileName(stamp: TableStamp, oblastPcode: string | null, ext: string): string {
  return (
    [tag(stamp.measure.id), oblastPcode, stamp.generatedAt.slice(0, 10)].filter(Boolean).join('-') + `.${ext}`
  );
}
