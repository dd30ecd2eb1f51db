import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from './chromium';
import { DEFAULT_PRINT_TIMEOUT_MS, type PdfPrinter, type PdfPrintOptions } from './printer';

/**
 * Chromium through playwright-core, launched on the first report and kept warm: launching costs ~0.5 s, printing a
 * page on a warm one ~0.1 s. Prints run one at a time on one page (two cores shared with everything else; a queue is
 * cheaper than a second renderer). JavaScript is off in the page: the report has no scripts; fonts are awaited
 * from outside through CDP, which the page's CSP does not govern.
 */
export function createPlaywrightPrinter(): PdfPrinter {
  let browser: Promise<Browser> | null = null;
  let page: Promise<Page> | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  const getPage = () => {
    browser ??= chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
    page ??= browser.then(async (b) => {
      b.on('disconnected', () => {
        browser = null;
        page = null;
      });
      const context = await b.newContext({ javaScriptEnabled: true, offline: true });
      return context.newPage();
    });
    return page;
  };

  async function print(html: string, opts: PdfPrintOptions): Promise<Buffer> {
    const p = await getPage();
    const timeout = opts.timeoutMs ?? DEFAULT_PRINT_TIMEOUT_MS;
    await p.setContent(html, { waitUntil: 'load', timeout });
    await p.evaluate('document.fonts.ready.then(() => true)');
    return p.pdf({ preferCSSPageSize: true, printBackground: true });
  }

  return {
    htmlToPdf(html, opts = {}) {
      const run = queue.then(() => print(html, opts));
      queue = run.catch(() => undefined);
      return run;
    },
    async close() {
      const b = browser;
      browser = null;
      page = null;
      if (b) await (await b.catch(() => null))?.close();
    },
  };
}
