import ExcelJS from 'exceljs';
import { FORM_LANGUAGES, type FormOutline, type OutlineNode } from './instrument-outline.ts';

// The instrument as an XLSForm (https://xlsform.org/en/), the spreadsheet KoboToolbox and pyxform read:
// sheets survey, choices and settings; one label/hint column per language; the cascade through choice_filter
// on extra columns of the choices sheet; consent through `relevant` on the group that holds everything after it.

export type SheetRow = Record<string, string>;

export interface XlsFormSheets {
  survey: { columns: string[]; rows: SheetRow[] };
  choices: { columns: string[]; rows: SheetRow[] };
  settings: { columns: string[]; rows: SheetRow[] };
}

const labelColumns = FORM_LANGUAGES.map((l) => `label::${l.name}`);
const hintColumns = FORM_LANGUAGES.map((l) => `hint::${l.name}`);

function texts(prefix: 'label' | 'hint', text: { uk: string; en: string } | undefined): SheetRow {
  if (!text) return {};
  return Object.fromEntries(FORM_LANGUAGES.map((l) => [`${prefix}::${l.name}`, text[l.key]]));
}

function surveyRows(node: OutlineNode): SheetRow[] {
  switch (node.kind) {
    case 'note':
      return [{ type: 'note', name: node.name, ...texts('label', node.label) }];
    case 'date':
      return [
        {
          type: 'date',
          name: node.name,
          ...texts('label', node.label),
          ...texts('hint', node.hint),
          required: node.required ? 'yes' : '',
        },
      ];
    case 'select_one':
      return [
        {
          type: `select_one ${node.list}`,
          name: node.name,
          ...texts('label', node.label),
          ...texts('hint', node.hint),
          required: node.required ? 'yes' : '',
          choice_filter: node.filter ? `${node.filter.column}=\${${node.filter.question}}` : '',
        },
      ];
    case 'group':
      return [
        {
          type: 'begin_group',
          name: node.name,
          ...texts('label', node.label),
          relevant: node.relevant ? `\${${node.relevant.question}} = '${node.relevant.equals}'` : '',
          appearance: node.fieldList ? 'field-list' : '',
        },
        ...node.children.flatMap(surveyRows),
        { type: 'end_group', name: node.name },
      ];
  }
}

/** The three sheets as rows of named cells (pure: what the workbook will hold). */
export function xlsFormSheets(outline: FormOutline): XlsFormSheets {
  const filterColumns = [...new Set(outline.lists.flatMap((l) => l.filterColumns))];
  return {
    survey: {
      columns: [
        'type',
        'name',
        ...labelColumns,
        ...hintColumns,
        'required',
        'relevant',
        'choice_filter',
        'appearance',
      ],
      rows: outline.nodes.flatMap(surveyRows),
    },
    choices: {
      columns: ['list_name', 'name', ...labelColumns, ...filterColumns],
      rows: outline.lists.flatMap((list) =>
        list.choices.map((c) => ({
          list_name: list.name,
          name: c.name,
          ...texts('label', c.label),
          ...c.filters,
        })),
      ),
    },
    settings: {
      columns: ['form_title', 'form_id', 'version', 'default_language'],
      rows: [
        {
          form_title: outline.title.uk,
          form_id: outline.formId,
          version: outline.version,
          default_language: FORM_LANGUAGES[0].name,
        },
      ],
    },
  };
}

/** The XLSForm workbook (.xlsx) of the outline. */
export async function toXlsForm(outline: FormOutline): Promise<Buffer> {
  const sheets = xlsFormSheets(outline);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Hromada Atlas';
  workbook.title = outline.title.en;
  for (const [name, sheet] of Object.entries(sheets) as [keyof XlsFormSheets, XlsFormSheets['survey']][]) {
    const worksheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    worksheet.addRow(sheet.columns).font = { bold: true };
    for (const row of sheet.rows) worksheet.addRow(sheet.columns.map((c) => row[c] ?? ''));
    sheet.columns.forEach((c, i) => {
      worksheet.getColumn(i + 1).width = c.startsWith('label') || c.startsWith('hint') ? 60 : 18;
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
