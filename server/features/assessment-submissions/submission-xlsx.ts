import ExcelJS from 'exceljs';
import {
  readSubmissionTable,
  SubmissionExportError,
  type ParsedSubmissionExport,
} from './submission-export.ts';

// KoboToolbox's XLSX export: the same columns as its CSV on the first worksheet (repeat groups, which this form
// has none of, would be further sheets).

/** Text of a cell as the CSV export would have written it (dates as YYYY-MM-DD, numbers as written). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    return '';
  }
  return String(value);
}

export async function parseSubmissionXlsx(
  body: ArrayBuffer | Buffer,
  fileName: string,
): Promise<ParsedSubmissionExport> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(body as ArrayBuffer);
  } catch {
    throw new SubmissionExportError(`${fileName}: not a readable .xlsx workbook`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new SubmissionExportError(`${fileName}: the workbook has no worksheet`);
  const headerRow = sheet.getRow(1);
  const headers: string[] = [];
  headerRow.eachCell({ includeEmpty: true }, (cell, col) => (headers[col - 1] = cellText(cell.value).trim()));
  const rows: { rowNumber: number; values: Record<string, string> }[] = [];
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const values: Record<string, string> = {};
    headers.forEach((h, i) => {
      if (h && !(h in values)) values[h] = cellText(row.getCell(i + 1).value);
    });
    if (Object.values(values).some((v) => v.trim() !== '')) rows.push({ rowNumber, values });
  });
  return readSubmissionTable({ fileName, headers, rows });
}
