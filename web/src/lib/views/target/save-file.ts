import type { DownloadedFile } from '../../api/target.ts';

/** Hands a file the server made to the browser's downloads, under the name the server gave it. */
export function saveFile(file: DownloadedFile): void {
  const url = URL.createObjectURL(file.blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.filename;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has its own copy once it started; a moment later the object URL can go.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
