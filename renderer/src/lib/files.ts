/**
 * A file read in the page: only the report logo, kept as a data URL in the settings. Every other chosen file is
 * admitted (components/FilePicker.tsx, admitFile) and a file the app made is saved with saveHeldFile (api/client.ts).
 */

/** FileReader keeps the window responsive while a large file is read. */
export function readAsDataUrl(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}
