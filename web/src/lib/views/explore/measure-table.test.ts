import { describe, expect, it } from 'vitest';
import type { LevelIndex } from '../../map/unit-index.ts';
import type { MeasureData } from '../../state/explore/measure.svelte.ts';
import {
  buildRows,
  defaultSort,
  filterRows,
  sortRows,
  tableFileName,
  toCsv,
  toGeoJson,
  toXlsx,
  type TableStamp,
} from './measure-table.ts';

// FIXTURE: four made-up hromadas in two oblasts with made-up scores, to test the table's order, filters and
// files; not real data.
const level = (entries: [string, string, string][]): LevelIndex => ({
  level: 'hromada',
  pcodes: entries.map((e) => e[0]),
  names: new Map(entries.map(([p, uk, en]) => [p, { nameUk: uk, nameEn: en, parentPcode: null }])),
  bbox: new Map(),
  label: new Map(entries.map(([p], i) => [p, [30 + i, 48] as [number, number]])),
  extent: [0, 0, 1, 1],
});
const hromadas = level([
  ['UA1400001', 'Альфа', 'Alfa'],
  ['UA1400002', 'Бета', 'Beta'],
  ['UA1400003', 'Гамма', 'Hamma'],
  ['UA6300001', 'Дельта', 'Delta'],
]);
const oblasts = level([
  ['UA14', 'Донецька', 'Donetska'],
  ['UA63', 'Харківська', 'Kharkivska'],
]);
const score = (pcode: string, s: number, rank: number | null, confidence: number) =>
  [pcode, { pcode, score: s, rank, class: 3, confidence }] as const;
const data = {
  key: 'index:cpi',
  kind: 'index',
  id: 'cpi',
  period: '2022–2026',
  unit: 'index',
  values: new Map([
    ['UA1400001', 5.1],
    ['UA1400002', 7.9],
    ['UA6300001', 9.2],
  ]),
  scores: new Map([
    score('UA1400001', 5.1, 3, 0.9),
    score('UA1400002', 7.9, 2, 0.8),
    score('UA6300001', 9.2, 1, 0.7),
  ]),
  classes: null,
  ranked: 3,
  inputs: [],
} as unknown as MeasureData;

const rows = buildRows(hromadas, oblasts, data, null);
const stamp: TableStamp = {
  measure: { id: 'cpi', name: 'Community Priority Index', unit: '', period: '2022–2026' },
  second: null,
  extras: [],
  oblast: 'Донецька',
  query: '',
  sources: [{ name: 'KSE', licence: 'CC BY 4.0', attribution: '© KSE' }],
  generatedAt: '2026-12-04T18:00:00Z',
  url: 'http://atlas/?m=index:cpi&o=UA14',
};

describe('the Explore table', () => {
  it('keeps a row for a hromada without a value, with its oblast named', () => {
    const g = rows.find((r) => r.pcode === 'UA1400003')!;
    expect(g).toMatchObject({ value: null, rank: null, oblastUk: 'Донецька', oblastEn: 'Donetska' });
  });

  it('filters by the oblast and by text in either language', () => {
    expect(filterRows(rows, 'UA14', '').map((r) => r.pcode)).toEqual(['UA1400001', 'UA1400002', 'UA1400003']);
    expect(filterRows(rows, null, 'бет').map((r) => r.pcode)).toEqual(['UA1400002']);
    expect(filterRows(rows, null, 'DELTA').map((r) => r.pcode)).toEqual(['UA6300001']);
    expect(filterRows(rows, 'UA63', 'alfa')).toEqual([]);
  });

  it('sorts an index by rank by default and puts missing values last either way', () => {
    const sort = defaultSort('index');
    expect(sort).toEqual({ key: 'rank', dir: 'asc' });
    // "The top 2 in Donetsk oblast": the oblast filter first, then the rank order.
    const top = sortRows(filterRows(rows, 'UA14', ''), sort, 'uk').slice(0, 2);
    expect(top.map((r) => r.nameEn)).toEqual(['Beta', 'Alfa']);
    expect(sortRows(rows, { key: 'value', dir: 'desc' }, 'en').map((r) => r.pcode)).toEqual([
      'UA6300001',
      'UA1400002',
      'UA1400001',
      'UA1400003',
    ]);
    expect(sortRows(rows, { key: 'value', dir: 'asc' }, 'en').at(-1)!.pcode).toBe('UA1400003');
    expect(sortRows(rows, { key: 'name', dir: 'desc' }, 'uk')[0]!.nameUk).toBe('Дельта');
  });

  it('writes the rows shown as CSV with an HXL row and the stamp', async () => {
    const shown = sortRows(filterRows(rows, 'UA14', ''), defaultSort('index'), 'uk');
    const lines = (await toCsv(shown, stamp, 'index')).trim().split('\n');
    expect(lines).toHaveLength(2 + 3);
    expect(lines[0]).toMatch(/^pcode,Hromada \(uk\),/);
    expect(lines[1]).toMatch(/^#adm3\+code,#adm3\+name\+i_uk,.*#indicator\+value\+cpi,#indicator\+rank/);
    expect(lines[1]).toContain('#meta+licence');
    expect(lines[2]).toMatch(/^UA1400002,Бета,Beta,UA14,Донецька,Donetska,7.9,2,3,0.8,2022–2026,/);
    expect(lines[2]).toContain('KSE: CC BY 4.0');
    expect(lines[2]).toContain('oblast: Донецька');
    expect(lines[4]).toMatch(/^UA1400003,Гамма,Hamma,UA14,Донецька,Donetska,,,,,/);
  });

  it('rounds scores to two decimals and confidence to three in the files', async () => {
    const precise = [{ ...rows[0]!, value: 5.123456, confidence: 0.412850619 }];
    expect((await toCsv(precise, stamp, 'index')).split('\n')[2]).toMatch(/,5\.12,3,3,0\.413,/);
  });

  it('defuses a cell a spreadsheet would run as a formula', async () => {
    const evil = [{ ...rows[0]!, nameEn: '=HYPERLINK("x")' }];
    expect((await toCsv(evil, stamp, 'index')).split('\n')[2]).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it('writes GeoJSON points with the columns and the stamp', () => {
    const g = JSON.parse(toGeoJson(rows.slice(0, 2), stamp, 'index', (p) => hromadas.label.get(p)));
    expect(g.metadata.sources[0].licence).toBe('CC BY 4.0');
    expect(g.metadata.measure.period).toBe('2022–2026');
    expect(g.features[1]).toEqual({
      type: 'Feature',
      id: 'UA1400002',
      geometry: { type: 'Point', coordinates: [31, 48] },
      properties: {
        pcode: 'UA1400002',
        name_uk: 'Бета',
        name_en: 'Beta',
        oblast_pcode: 'UA14',
        oblast_uk: 'Донецька',
        oblast_en: 'Donetska',
        value: 7.9,
        rank: 2,
        class: 3,
        confidence: 0.8,
      },
    });
  });

  it('writes an XLSX with the HXL row, numbers as numbers and the licences', async () => {
    const buf = await toXlsx(rows.slice(1, 2), stamp, 'index');
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf);
    const sheet = wb.getWorksheet('data')!;
    expect(sheet.getRow(2).getCell(1).value).toBe('#adm3+code');
    expect(sheet.getRow(3).getCell(7).value).toBe(7.9);
    const about = wb.getWorksheet('about')!;
    const texts: string[] = [];
    about.eachRow((r) => texts.push(String(r.values)));
    expect(texts.join('\n')).toContain('CC BY 4.0');
    expect(texts.join('\n')).toContain('2022–2026');
  });

  it('adds chosen indicators as columns: sortable, in the CSV with their period and HXL tag', async () => {
    const idp = {
      key: 'indicator:idp_share',
      kind: 'indicator',
      id: 'idp_share',
      period: '2024',
      unit: 'share',
      values: new Map([
        ['UA1400001', 0.3],
        ['UA1400003', 0.1],
      ]),
      scores: null,
    } as unknown as MeasureData;
    const withIdp = buildRows(hromadas, oblasts, data, null, [idp]);
    expect(withIdp.find((r) => r.pcode === 'UA1400002')!.extras).toEqual([null]);
    expect(sortRows(withIdp, { key: 'x0', dir: 'desc' }, 'en').map((r) => r.pcode)).toEqual([
      'UA1400001',
      'UA1400003',
      'UA1400002',
      'UA6300001',
    ]);
    const s = { ...stamp, extras: [{ id: 'idp_share', name: 'IDP share', unit: 'share', period: '2024' }] };
    const lines = (await toCsv(withIdp.slice(0, 1), s, 'index')).split('\n');
    expect(lines[0]).toContain('IDP share (share), 2024');
    expect(lines[1]).toContain('#indicator+confidence,#indicator+value+idp_share,');
    expect(lines[2]).toMatch(/^UA1400001,.*,0\.9,0\.3,/);
    const g = JSON.parse(toGeoJson(withIdp.slice(0, 1), s, 'index', () => undefined));
    expect(g.features[0].properties.idp_share).toBe(0.3);
  });

  it('names the file by measure, oblast and date', () => {
    expect(tableFileName(stamp, 'UA14', 'csv')).toBe('cpi-UA14-2026-12-04.csv');
    expect(tableFileName(stamp, null, 'xlsx')).toBe('cpi-2026-12-04.xlsx');
  });
});
