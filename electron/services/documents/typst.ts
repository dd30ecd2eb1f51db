import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppContext } from '../context';
import { stampData } from './frame';

/** resources/ of the source tree; the desktop app passes its packaged folder in ctx.resourcesDir. */
export function resourcesDir(ctx: Pick<AppContext, 'resourcesDir'>): string {
  return (
    ctx.resourcesDir ?? process.env.TASLEEM_RESOURCES ?? fileURLToPath(new URL('../../../resources', import.meta.url))
  );
}

export type DocumentKind = 'handover' | 'totals';

/**
 * The compiler sees a virtual project: the templates and fonts are read by Node (so they can sit inside the desktop
 * app's asar archive) and handed over as sources and font blobs; the data (/doc/data.json), the moment of making
 * (/doc/stamp.json) and the images of one document are mapped as files for its compile only. Nothing is escaped by
 * hand anywhere: the data goes in as JSON. Files rather than sys.inputs: the inputs are part of Typst's library, so
 * new inputs invalidate every memoized evaluation and layout (8 ms a warm compile), where a changed file invalidates
 * only what read it (1 ms when the same record is exported again: only the stamp changed).
 */
const ROOT = '/tasleem';
const TEMPLATES = ['parts.typ', 'handover.typ', 'totals.typ'];
const FONTS = ['NotoSans-Regular.ttf', 'NotoSans-Bold.ttf', 'NotoNaskhArabic-Regular.ttf', 'NotoNaskhArabic-Bold.ttf'];

const DATA_PATH = '/doc/data.json';
const STAMP_PATH = '/doc/stamp.json';

let warm: { dir: string; compiler: NodeCompiler } | null = null;

/** One compiler per process, created on the first document (~0.1 s: fonts parsed once) and kept warm. */
function compilerFor(dir: string): NodeCompiler {
  if (warm?.dir === dir) return warm.compiler;
  const compiler = NodeCompiler.create({
    workspace: ROOT,
    fontArgs: [{ fontBlobs: FONTS.map((f) => readFileSync(join(dir, 'fonts', f))) }],
  });
  for (const t of TEMPLATES) compiler.addSource(`${ROOT}/${t}`, readFileSync(join(dir, 'typst', t), 'utf8'));
  warm = { dir, compiler };
  return compiler;
}

export interface Typeset {
  pdf: Buffer;
  pages: number;
}

/**
 * Typesets one document as PDF/A-2b (untagged: level b asks for none, and tagging costs a third of the export).
 * `data` is the content, `at` the moment of making (the PDF's date, and the time in the signed box). `files` are the
 * document's images by their absolute path in the template's data (for example "/doc/qr.svg"). Compiling is
 * synchronous native work of a few milliseconds; the global cache is trimmed after every document so memory stays
 * flat over thousands of reports.
 */
export function typeset(
  ctx: Pick<AppContext, 'resourcesDir'>,
  kind: DocumentKind,
  data: unknown,
  at: Date,
  images: Record<string, Uint8Array> = {},
): Typeset {
  const compiler = compilerFor(resourcesDir(ctx));
  const files: Record<string, Uint8Array> = {
    ...images,
    [DATA_PATH]: Buffer.from(JSON.stringify(data), 'utf8'),
    [STAMP_PATH]: Buffer.from(JSON.stringify(stampData(at)), 'utf8'),
  };
  const paths = Object.keys(files);
  for (const p of paths) compiler.mapShadow(ROOT + p, Buffer.from(files[p]));
  try {
    const run = compiler.compile({ mainFilePath: `${ROOT}/${kind}.typ` });
    const doc = run.result;
    if (!doc || run.hasError()) {
      const diagnostics = run.takeDiagnostics()?.shortDiagnostics ?? run.takeError()?.shortDiagnostics ?? [];
      throw new Error(
        `Typst could not typeset the ${kind} document: ${diagnostics.map((x: { message?: string }) => x.message ?? String(x)).join('; ') || 'unknown error'}`,
      );
    }
    // The document's date is `auto` in the template (a date there would be a style of the whole page, parts.typ):
    // the export writes this moment, to the second, into the Info dictionary and the XMP metadata.
    const creationTimestamp = Math.floor(at.getTime() / 1000);
    return {
      pdf: compiler.pdf(doc, { pdfStandard: 'a-2b', pdfTags: false, creationTimestamp }),
      pages: doc.numOfPages,
    };
  } finally {
    for (const p of paths) compiler.unmapShadow(ROOT + p);
    compiler.evictCache(10);
  }
}
