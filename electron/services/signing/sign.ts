import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { SignPdf } from '@signpdf/signpdf';
import { PDFDict, PDFDocument, PDFName, PDFRawStream, PDFString } from 'pdf-lib';
import { NodeCmsSigner, type SigningMaterial } from './cms-signer';

/** Room for the PKCS#7 in /Contents (bytes). The default 8 KB is tight for imported certificates with long chains. */
export const SIGNATURE_LENGTH = 16_384;

export interface RecordMark {
  referenceNo: string;
  contentHash: string;
  version: number;
}

/** The record mark as one ASCII literal in the Info dictionary: inside the signed bytes, easy to find again. */
export const RECORD_MARK_KEY = 'TasleemRecord';
/** Reports of totals carry this prefix instead of a handover's reference: there is no single record to match. */
export const TOTALS_MARK_PREFIX = 'TOTALS-';
export const formatRecordMark = (m: RecordMark) => `ref=${m.referenceNo};sha256=${m.contentHash};v=${m.version}`;
export function parseRecordMark(text: string): RecordMark | null {
  const m = /^ref=([A-Za-z0-9][A-Za-z0-9\-/.]{0,39});sha256=([0-9a-f]{64});v=(\d{1,6})$/.exec(text);
  return m ? { referenceNo: m[1], contentHash: m[2], version: Number(m[3]) } : null;
}

/** What the producer line of every document says (the Info dictionary and, to stay PDF/A, its XMP metadata). */
export const PRODUCER = 'Tasleem (Typst, pdf-lib, @signpdf)';

/**
 * Loads Typst's PDF once with pdf-lib to add the producer and the record mark (and, when signing, the placeholder).
 * Title, author, subject and dates are Typst's (set from the same data), so the XMP and the Info dictionary agree.
 */
async function prepare(pdf: Uint8Array, mark: RecordMark): Promise<PDFDocument> {
  // parseSpeed / objectsPerTick: pdf-lib otherwise yields to a timer every 100 objects, a few ms each.
  const doc = await PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: Infinity });
  const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
  info.set(PDFName.of('Producer'), PDFString.of(PRODUCER));
  info.set(PDFName.of(RECORD_MARK_KEY), PDFString.of(formatRecordMark(mark)));
  const metadata = doc.catalog.lookup(PDFName.of('Metadata'));
  if (metadata instanceof PDFRawStream) {
    const xmp = Buffer.from(metadata.getContents()).toString('utf8');
    const withProducer = xmp.replace('<xmp:CreatorTool>', `<pdf:Producer>${PRODUCER}</pdf:Producer><xmp:CreatorTool>`);
    doc.catalog.set(
      PDFName.of('Metadata'),
      doc.context.register(doc.context.stream(Buffer.from(withProducer, 'utf8'), { Type: 'Metadata', Subtype: 'XML' })),
    );
  }
  return doc;
}

/** An unsigned document (a draft): producer and record mark only. */
export async function finishUnsigned(pdf: Uint8Array, mark: RecordMark): Promise<Buffer> {
  const doc = await prepare(pdf, mark);
  return Buffer.from(await doc.save({ useObjectStreams: false, objectsPerTick: Infinity }));
}

export interface SignOptions {
  material: SigningMaterial;
  /** [x1, y1, x2, y2] in PDF points on the first page: the "digitally signed by" box drawn by the template. */
  widgetRect: [number, number, number, number];
  reason: string;
  location: string;
  contactInfo: string;
  name: string;
  signingTime: Date;
}

/**
 * Placeholder with pdf-lib (saved without object streams, signatureLength set explicitly), then the CMS from Node's
 * crypto (cms-signer.ts) through @signpdf. The signed bytes are returned as they are: a signed file never goes back
 * through pdf-lib, which would rewrite it and break the digest.
 */
export async function signDocument(pdf: Uint8Array, mark: RecordMark, opts: SignOptions): Promise<Buffer> {
  const doc = await prepare(pdf, mark);
  pdflibAddPlaceholder({
    pdfDoc: doc,
    pdfPage: doc.getPage(0),
    reason: opts.reason,
    contactInfo: opts.contactInfo,
    name: opts.name,
    location: opts.location,
    signingTime: opts.signingTime,
    signatureLength: SIGNATURE_LENGTH,
    widgetRect: opts.widgetRect,
    appName: 'Tasleem',
  });
  const prepared = Buffer.from(await doc.save({ useObjectStreams: false, objectsPerTick: Infinity }));
  return new SignPdf().sign(prepared, new NodeCmsSigner(opts.material), opts.signingTime);
}
