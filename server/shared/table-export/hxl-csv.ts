import Papa from 'papaparse';
import { scenarioName, type ExportColumn, type ExportStamp } from './export-stamp.ts';

/**
 * CSV with a human header row and an HXL hashtag row (the humanitarian exchange standard), then the data.
 * The stamp goes into every row as #meta columns: CSV has no place for a header block that HXL tools keep.
 */
export function toHxlCsv<R>(columns: ExportColumn<R>[], rows: R[], stamp: ExportStamp): string {
  const meta: ExportColumn<R>[] = [
    {
      header: 'Model',
      hxl: '#meta+model',
      value: () => (stamp.model ? `${stamp.model.id} ${stamp.model.version}` : null),
    },
    {
      header: 'Scenario',
      hxl: '#meta+scenario+name',
      value: () => stamp.scenarioName ?? scenarioName(stamp.scenario),
    },
    { header: 'Scenario id', hxl: '#meta+scenario+code', value: () => stamp.scenario?.id ?? null },
    ...(stamp.context ?? []).map((c): ExportColumn<R> => ({
      header: c.label,
      hxl: `#meta+${c.key}`,
      value: () => c.value,
    })),
    { header: 'Data as of', hxl: '#date+reported', value: () => stamp.asOf ?? 'latest' },
    { header: 'Generated', hxl: '#date+generated', value: () => stamp.generatedAt },
    { header: 'Data version', hxl: '#meta+data_version', value: () => stamp.dataVersion },
    {
      header: 'Sources',
      hxl: '#meta+source',
      value: () => stamp.sources.map((s) => `${s.name} (${s.licence})`).join('; '),
    },
  ];
  const all = [...columns, ...meta];
  return Papa.unparse(
    [all.map((c) => c.header), all.map((c) => c.hxl), ...rows.map((r) => all.map((c) => c.value(r) ?? ''))],
    { newline: '\n', escapeFormulae: FORMULA_TRIGGER },
  );
}

/**
 * CSV injection (issue #11 item 9; OWASP, https://owasp.org/www-community/attacks/CSV_Injection): a spreadsheet
 * runs a cell that begins with =, +, -, @, tab or carriage return as a formula, so a hromada or scenario name
 * such as `=HYPERLINK(…)` would become a live link in the reader's Excel. Such a text cell is written with a
 * leading single quote (and quoted), which spreadsheets read as "this is text". Papaparse applies this to
 * strings only: numbers stay numbers, so a negative score is `-0.5`, not `'-0.5` (a number is not a formula, and
 * the prefix would turn it into text in the reader's spreadsheet). Our own pattern rather than papaparse's default
 * `/^[=+\-@\t\r].*$/`, whose `.*$` fails on a cell with a line break and lets `=…\n…` through. NUL is added
 * as OWASP ASVS (V1.2.10, CSV and formula injection) lists it.
 */
export const FORMULA_TRIGGER = /^[=+\-@\t\r\0]/;
