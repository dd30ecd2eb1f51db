/** Bytes cross the boundary as base64: out to a download or an object URL, in from a picked or dropped file. */
export function base64ToBlob(base64: string, mime: string): Blob {
  return new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], { type: mime });
}

/** A Blob behind a temporary <a download>: a download in browser mode, a save dialog in Electron. */
export function downloadBase64(base64: string, mime: string, fileName: string): void {
  const url = URL.createObjectURL(base64ToBlob(base64, mime));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoked later: revoking at once can cancel the download in some Chromium versions.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export const downloadFile = (file: { base64: string; mime: string; fileName: string }) =>
  downloadBase64(file.base64, file.mime, file.fileName);

/** FileReader keeps the window responsive while a large file is read. */
export function readAsDataUrl(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

export const readAsBase64 = async (file: Blob) => (await readAsDataUrl(file)).replace(/^data:[^,]*,/, '');
