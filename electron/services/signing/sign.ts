import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { P12Signer } from '@signpdf/signer-p12';
import { SignPdf } from '@signpdf/signpdf';
import { PDFDict, PDFDocument, PDFName, PDFString } from 'pdf-lib';

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

export interface DocumentInfo {
  title: string;
  subject: string;
  author: string;
  mark: RecordMark;
}

/** Loads Chromium's PDF once with pdf-lib to set the document info (and, when signing, the placeholder). */
async function prepare(pdf: Buffer, info: DocumentInfo, at: Date): Promise<PDFDocument> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  doc.setTitle(info.title, { showInWindowTitleBar: true });
  doc.setSubject(info.subject);
  doc.setAuthor(info.author);
  doc.setCreator('Tasleem');
  doc.setProducer('Tasleem (Chromium, pdf-lib, @signpdf)');
  doc.setCreationDate(at);
  doc.setModificationDate(at);
  const infoDict = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
  infoDict.set(PDFName.of(RECORD_MARK_KEY), PDFString.of(formatRecordMark(info.mark)));
  return doc;
}

/** An unsigned report (a draft): document info only. */
export async function finishUnsigned(pdf: Buffer, info: DocumentInfo, at: Date): Promise<Buffer> {
  const doc = await prepare(pdf, info, at);
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

export interface SignOptions {
  p12: Buffer;
  password: string;
  /** [x1, y1, x2, y2] in PDF points on the first page: the "digitally signed by" box drawn by the template. */
  widgetRect: [number, number, number, number];
  reason: string;
  location: string;
  contactInfo: string;
  name: string;
  signingTime: Date;
}

/**
 * Placeholder with pdf-lib (saved without object streams, signatureLength set explicitly), then the PKCS#7 with
 * @signpdf. The signed bytes are returned as they are: a signed file never goes back through pdf-lib, which would
 * rewrite it and break the digest.
 */
export async function signReport(pdf: Buffer, info: DocumentInfo, opts: SignOptions): Promise<Buffer> {
  const doc = await prepare(pdf, info, opts.signingTime);
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
  const prepared = Buffer.from(await doc.save({ useObjectStreams: false }));
  // A P12Signer signs once; a new one per report.
  const signer = new P12Signer(opts.p12, { passphrase: opts.password });
  return new SignPdf().sign(prepared, signer, opts.signingTime);
}
