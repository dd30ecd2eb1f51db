/**
 * Turns finished HTML into PDF bytes. One adapter per transport: a hidden BrowserWindow with webContents.printToPDF
 * in the desktop app (electron/main/pdf-printer.ts), Debian's Chromium through playwright-core in browser mode and
 * the CLI (./playwright-printer.ts). Both wait for document.fonts.ready and honour the template's @page size and
 * margins, so the same template gives the same document.
 */
export interface PdfPrinter {
  htmlToPdf(html: string, opts?: PdfPrintOptions): Promise<Buffer>;
  close(): Promise<void>;
}

export interface PdfPrintOptions {
  /** Give up after this long (ms); a hung renderer must not hang an export. */
  timeoutMs?: number;
}

export const DEFAULT_PRINT_TIMEOUT_MS = 30_000;
