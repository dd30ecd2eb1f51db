import { app, BrowserWindow } from 'electron';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_PRINT_TIMEOUT_MS, type PdfPrinter } from '../services/pdf/printer';

/**
 * The desktop adapter of PdfPrinter: a hidden, sandboxed BrowserWindow (no preload, no node) loads the report HTML
 * from a temp file (data: URLs of a few hundred KB with inlined fonts are unreliable) and prints it with
 * webContents.printToPDF, honouring the template's @page size and margins like the Chromium adapter does.
 * The window is created on first use and kept (warm) until quit; prints are queued on it.
 */
export function createElectronPrinter(): PdfPrinter {
  let win: BrowserWindow | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  const dir = mkdtempSync(join(app.getPath('temp'), 'tasleem-report-'));
  // A hidden window is still a window: once every other window is closed, drop ours so 'window-all-closed' fires.
  app.on('browser-window-created', (_e, created) => {
    created.on('closed', () => {
      if (win && !win.isDestroyed() && BrowserWindow.getAllWindows().every((w) => w === win)) win.destroy();
    });
  });

  const window = () => {
    if (win && !win.isDestroyed()) return win;
    win = new BrowserWindow({
      show: false,
      width: 794,
      height: 1123,
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: true, offscreen: false },
    });
    return win;
  };

  async function print(html: string, timeoutMs: number): Promise<Buffer> {
    const file = join(dir, 'report.html');
    writeFileSync(file, html, { mode: 0o600 });
    const w = window();
    const timer = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('printing timed out')), timeoutMs));
    try {
      await Promise.race([w.loadURL(pathToFileURL(file).toString()), timer]);
      await Promise.race([w.webContents.executeJavaScript('document.fonts.ready.then(() => true)'), timer]);
      return await Promise.race([w.webContents.printToPDF({ preferCSSPageSize: true, printBackground: true }), timer]);
    } finally {
      rmSync(file, { force: true });
    }
  }

  return {
    htmlToPdf(html, opts = {}) {
      const run = queue.then(() => print(html, opts.timeoutMs ?? DEFAULT_PRINT_TIMEOUT_MS));
      queue = run.catch(() => undefined);
      return run;
    },
    async close() {
      if (win && !win.isDestroyed()) win.destroy();
      win = null;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
