import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { INSTRUMENT } from '../../model/instrument.ts';
import { FIXTURE_UNITS } from './instrument-fixture.ts';
import { formOutline } from './instrument-outline.ts';
import { toXlsForm, xlsFormSheets } from './xlsform.ts';

// The XLSForm rules (https://xlsform.org/en/ and pyxform's checks) that a form must meet before KoboToolbox or
// pyxform accepts it, checked on the workbook as written, read back with exceljs.

// Every column a rule reads is there, empty when the sheet lacks it, so that a rule never meets `undefined`.
const RULE_COLUMNS = [
  'type',
  'name',
  'list_name',
  'relevant',
  'choice_filter',
  'form_id',
  'version',
] as const;
type Row = Record<string, string> & Record<(typeof RULE_COLUMNS)[number], string>;
type Sheet = { columns: string[]; rows: Row[] };

const asRow = (cells: Record<string, string>): Row =>
  ({ ...Object.fromEntries(RULE_COLUMNS.map((c) => [c, ''])), ...cells }) as Row;

async function readWorkbook(buffer: Buffer): Promise<Map<string, Sheet>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheets = new Map<string, Sheet>();
  workbook.eachSheet((worksheet) => {
    const values = (row: ExcelJS.Row) =>
      Array.from({ length: worksheet.columnCount }, (_, i) => String(row.getCell(i + 1).value ?? ''));
    const columns = values(worksheet.getRow(1));
    const rows: Row[] = [];
    worksheet.eachRow((row, n) => {
      if (n > 1) rows.push(asRow(Object.fromEntries(values(row).map((v, i) => [columns[i], v]))));
    });
    sheets.set(worksheet.name, { columns, rows });
  });
  return sheets;
}

const XML_NAME = /^[A-Za-z_][A-Za-z0-9._-]*$/;
const LANGUAGE_COLUMN = /^(label|hint)::[^()]+ \([a-z]{2,3}\)$/;
const KNOWN_TYPES = /^(note|date|integer|decimal|text|begin_group|end_group|select_one [A-Za-z_][\w.-]*)$/;

/** Every way the workbook breaks the XLSForm rules; empty when it keeps them. */
function xlsFormProblems(sheets: Map<string, Sheet>): string[] {
  const problems: string[] = [];
  const survey = sheets.get('survey');
  const choices = sheets.get('choices');
  const settings = sheets.get('settings');
  if (!survey || !choices || !settings) return ['the sheets survey, choices and settings are all required'];
  for (const column of ['type', 'name'])
    if (!survey.columns.includes(column)) problems.push(`survey lacks ${column}`);
  for (const column of ['list_name', 'name'])
    if (!choices.columns.includes(column)) problems.push(`choices lacks ${column}`);
  for (const sheet of [survey, choices]) {
    if (!sheet.columns.some((c) => c.startsWith('label::'))) problems.push('no label column');
    for (const c of sheet.columns.filter((c) => c.includes('::')))
      if (!LANGUAGE_COLUMN.test(c)) problems.push(`${c}: a language is named "Name (code)"`);
  }
  const labelColumns = survey.columns.filter((c) => c.startsWith('label::'));

  // Names: valid XML names, unique in the form; groups balanced.
  const names = new Set<string>();
  const open: string[] = [];
  for (const row of survey.rows) {
    if (!KNOWN_TYPES.test(row.type)) problems.push(`unknown type "${row.type}"`);
    if (row.type === 'end_group') {
      if (open.pop() === undefined) problems.push('end_group without begin_group');
      continue;
    }
    if (row.type === 'begin_group') open.push(row.name);
    if (!XML_NAME.test(row.name)) problems.push(`"${row.name}" is not a valid XML name`);
    if (names.has(row.name)) problems.push(`"${row.name}" is used twice`);
    names.add(row.name);
    if (row.type !== 'begin_group')
      for (const c of labelColumns) if (!row[c]?.trim()) problems.push(`${row.name} has no ${c}`);
  }
  if (open.length) problems.push(`groups left open: ${open.join(', ')}`);

  // Choice lists: every select's list exists; choice names unique within their list and labelled.
  const lists = new Map<string, Set<string>>();
  for (const row of choices.rows) {
    const list = lists.get(row.list_name) ?? new Set<string>();
    if (list.has(row.name)) problems.push(`choice ${row.list_name}/${row.name} is used twice`);
    if (!row.name) problems.push(`a choice of ${row.list_name} has no name`);
    for (const c of labelColumns)
      if (!row[c]?.trim()) problems.push(`choice ${row.list_name}/${row.name} has no ${c}`);
    list.add(row.name);
    lists.set(row.list_name, list);
  }
  for (const row of survey.rows.filter((r) => r.type.startsWith('select_one '))) {
    const list = row.type.slice('select_one '.length);
    if (!lists.has(list)) problems.push(`${row.name}: no choice list ${list}`);
  }

  // References: ${name} in relevant and choice_filter name a question; choice_filter reads existing columns.
  for (const row of survey.rows) {
    for (const column of ['relevant', 'choice_filter'] as const) {
      for (const [, ref] of row[column].matchAll(/\$\{([^}]+)\}/g))
        if (ref && !names.has(ref)) problems.push(`${row.name}: ${column} refers to unknown \${${ref}}`);
    }
    for (const [, column] of row.choice_filter.matchAll(/(?:^|[\s(])([A-Za-z_][\w.-]*)\s*=/g))
      if (column && !choices.columns.includes(column))
        problems.push(`${row.name}: choice_filter reads no column ${column}`);
  }

  const setting = settings.rows[0] ?? asRow({});
  for (const column of ['form_id', 'version'])
    if (!setting[column]?.trim()) problems.push(`settings has no ${column}`);
  if (setting.form_id && !XML_NAME.test(setting.form_id)) problems.push('form_id is not a valid XML name');
  return problems;
}

const outline = formOutline(INSTRUMENT, FIXTURE_UNITS);

describe('the generated XLSForm', () => {
  it('keeps the XLSForm rules', async () => {
    const sheets = await readWorkbook(await toXlsForm(outline));
    expect(xlsFormProblems(sheets)).toEqual([]);
    expect(sheets.get('settings')?.rows[0]).toMatchObject({
      form_id: INSTRUMENT.formId,
      version: INSTRUMENT.version,
      default_language: 'Ukrainian (uk)',
    });
  });

  it('asks every item of the definition, five points and "hard to say", with both languages', async () => {
    const survey = (await readWorkbook(await toXlsForm(outline))).get('survey')!;
    for (const item of INSTRUMENT.items) {
      expect(survey.rows.find((r) => r.name === item.id)).toMatchObject({
        type: `select_one ${INSTRUMENT.likert.listName}`,
        required: 'yes',
        'label::Ukrainian (uk)': item.label.uk,
        'label::English (en)': item.label.en,
      });
    }
  });

  it('ends after a "no" to consent and cascades oblast → raion → hromada', () => {
    const { survey, choices } = xlsFormSheets(outline);
    expect(survey.rows.find((r) => r.type === 'begin_group')?.relevant).toBe("${consent} = 'yes'");
    expect(survey.rows.find((r) => r.name === 'raion')?.choice_filter).toBe('oblast=${oblast}');
    expect(survey.rows.find((r) => r.name === 'hromada')?.choice_filter).toBe('raion=${raion}');
    expect(choices.rows.filter((r) => r.list_name === 'hromada')).toContainEqual(
      expect.objectContaining({
        name: 'UA6314017',
        raion: 'UA6314',
        'label::Ukrainian (uk)': 'Чугуївська',
      }),
    );
  });

  it('would be caught breaking a rule (the check itself works)', async () => {
    const sheets = await readWorkbook(await toXlsForm(outline));
    const survey = sheets.get('survey')!;
    survey.rows.push(
      asRow({ type: 'select_one no_such_list', name: 'bad name' }),
      asRow({ type: 'date', name: 'consent', relevant: '${nowhere} = 1' }),
    );
    const problems = xlsFormProblems(sheets);
    expect(problems).toContain('bad name: no choice list no_such_list');
    expect(problems).toContain('"bad name" is not a valid XML name');
    expect(problems).toContain('"consent" is used twice');
    expect(problems).toContain('consent: relevant refers to unknown ${nowhere}');
  });
});
