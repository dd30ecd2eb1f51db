import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppContext } from '../context';

/** resources/ of the source tree; the desktop app passes its packaged folder in ctx.resourcesDir. */
export function resourcesDir(ctx: Pick<AppContext, 'resourcesDir'>): string {
  return ctx.resourcesDir ?? process.env.TASLEEM_RESOURCES ?? fileURLToPath(new URL('../../../resources', import.meta.url));
}

const fontsCache = new Map<string, string>();

/**
 * The bundled fonts (resources/fonts/fonts.css) with each url() inlined as a data: URL: the report page loads
 * nothing from disk or network, so printToPDF and playwright see exactly the same document, and the PDF embeds
 * only our fonts (pdffonts shows Noto, never a system font).
 */
export function inlineFontsCss(ctx: Pick<AppContext, 'resourcesDir'>): string {
  const dir = join(resourcesDir(ctx), 'fonts');
  const cached = fontsCache.get(dir);
  if (cached) return cached;
  const css = readFileSync(join(dir, 'fonts.css'), 'utf8').replace(/url\(\.\/([\w.-]+\.woff2)\)/g, (_m, file: string) => `url(data:font/woff2;base64,${readFileSync(join(dir, file)).toString('base64')})`);
  fontsCache.set(dir, css);
  return css;
}
