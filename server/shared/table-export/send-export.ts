import type { Context } from 'hono';
import type { ExportFile } from './table-export.ts';

/** An exported file as a download: its content type, and a file name that says what and when. */
export function sendExport(c: Context, file: ExportFile): Response {
  return c.body(file.body, 200, {
    'Content-Type': file.contentType,
    'Content-Disposition': `attachment; filename="${file.fileName}"`,
  });
}
