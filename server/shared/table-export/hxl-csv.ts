import Papa from 'papaparse';
import { FORMULA_TRIGGER } from './formula-trigger.ts';
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

// The web client imports the pattern from formula-trigger.ts without papaparse (issue #15: papaparse is lazy there).
export { FORMULA_TRIGGER } from './formula-trigger.ts';
