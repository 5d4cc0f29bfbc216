import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { ExportColumn } from './export-stamp.ts';
import { toHxlCsv } from './hxl-csv.ts';

const stamp = { title: 't', generatedAt: '2026-12-03T00:00:00Z', dataVersion: 'b1', sources: [] };

describe('toHxlCsv (OWASP CSV injection, issue #11 item 9)', () => {
  const columns: ExportColumn<{ text: string | null; n: number | null }>[] = [
    { header: 'Text', hxl: '#description', value: (r) => r.text },
    { header: 'Number', hxl: '#value', value: (r) => r.n },
  ];
  const cells = (rows: { text: string | null; n: number | null }[]) =>
    Papa.parse<string[]>(toHxlCsv(columns, rows, stamp))
      .data.slice(2)
      .map((r) => r.slice(0, 2));

  it('prefixes text that a spreadsheet would run with a single quote', () => {
    const hostile = [
      '=HYPERLINK("http://x","y")',
      '+1+1',
      '-2+3',
      '@SUM(A1)',
      '\tx',
      '\rx',
      '=1+1\nsecond line',
    ];
    expect(cells(hostile.map((text) => ({ text, n: 1 })))).toEqual(hostile.map((t) => [`'${t}`, '1']));
  });

  it('leaves numbers (negative ones too) and harmless text alone', () => {
    expect(
      cells([
        { text: 'Київ = столиця', n: -0.5 },
        { text: null, n: -3 },
        { text: "it's", n: null },
      ]),
    ).toEqual([
      ['Київ = столиця', '-0.5'],
      ['', '-3'],
      ["it's", ''],
    ]);
  });
});
