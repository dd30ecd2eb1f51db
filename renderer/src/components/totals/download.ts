import type { ExportedFile } from '../../../../electron/api/schemas/totals';

/** Saves a file produced by the main side: a Blob behind a temporary <a download> (browser mode and Electron alike). */
export function downloadFile(file: ExportedFile): void {
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoked later: revoking at once can cancel the download in some Chromium versions.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
