import ExcelJS from 'exceljs';
import { scenarioName, type ExportColumn, type ExportStamp } from './export-stamp.ts';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * An Excel workbook of the same table as toHxlCsv: sheet "data" with the human header, the HXL hashtag row
 * (so HXL tools such as the HXL Proxy read it as they read the CSV) and the rows, numbers kept as numbers;
 * sheet "about" with the stamp and every source's licence and attribution, which a spreadsheet can hold
 * apart from the data instead of repeating it in #meta columns on every row.
 */
export async function toXlsx<R>(columns: ExportColumn<R>[], rows: R[], stamp: ExportStamp): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Hromada Atlas';
  workbook.title = stamp.title;
  workbook.created = new Date(stamp.generatedAt);

  // Frozen below row 2: header and hashtags stay in view while scrolling 1,769 hromadas.
  const data = workbook.addWorksheet('data', { views: [{ state: 'frozen', xSplit: 0, ySplit: 2 }] });
  data.addRow(columns.map((c) => c.header)).font = { bold: true };
  data.addRow(columns.map((c) => c.hxl)).font = { italic: true, color: { argb: 'FF555555' } };
  for (const row of rows) data.addRow(columns.map((c) => c.value(row)));
  columns.forEach((c, i) => {
    data.getColumn(i + 1).width = Math.min(40, Math.max(10, c.header.length + 2, c.hxl.length + 2));
  });

  const about = workbook.addWorksheet('about');
  about.columns = [{ width: 16 }, { width: 40 }, { width: 24 }, { width: 80 }];
  const facts: [string, string][] = [
    ['Title', stamp.title],
    ['Model', stamp.model ? `${stamp.model.id} ${stamp.model.version}` : ''],
    ['Scenario', stamp.scenarioName ?? scenarioName(stamp.scenario)],
    ['Scenario id', stamp.scenario?.id ?? ''],
    // The settings that chose the rows (issue #14, item 10): filters, weights, budget.
    ...(stamp.context ?? []).map((c): [string, string] => [c.label, c.value]),
    ['Data as of', stamp.asOf ?? 'latest'],
    ['Generated at', stamp.generatedAt],
    ['Data version', stamp.dataVersion],
  ];
  for (const fact of facts) about.addRow(fact).getCell(1).font = { bold: true };
  about.addRow([]);
  about.addRow(['Source', 'Name', 'Licence', 'Attribution']).font = { bold: true };
  for (const s of stamp.sources) about.addRow([s.id, s.name, s.licence, s.attribution]);

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
