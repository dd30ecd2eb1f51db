import { SignPdf } from '@signpdf/signpdf';
import { NodeCmsSigner, type SigningMaterial } from './cms-signer';
import { appendUpdate, type Placeholder } from './incremental';

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
export const PRODUCER = 'Tasleem (Typst, @signpdf)';

/** An unsigned document (a draft): producer and record mark only, appended to Typst's bytes. */
export function finishUnsigned(pdf: Uint8Array, mark: RecordMark): Buffer {
  return appendUpdate(pdf, { producer: PRODUCER, info: { [RECORD_MARK_KEY]: formatRecordMark(mark) } });
}

/** The signature's fields as the placeholder carries them, and the material that signs. */
export type SignOptions = Omit<Placeholder, 'appName' | 'signatureLength'> & { material: SigningMaterial };

/**
 * The producer, the record mark and the signature placeholder as one incremental update (incremental.ts), then the
 * CMS from Node's crypto (cms-signer.ts) spliced in by @signpdf. Title, author, subject and dates are Typst's (set
 * from the same data), so the XMP and the Info dictionary agree.
 */
export async function signDocument(pdf: Uint8Array, mark: RecordMark, opts: SignOptions): Promise<Buffer> {
  const { material, ...fields } = opts;
  const prepared = appendUpdate(pdf, {
    producer: PRODUCER,
    info: { [RECORD_MARK_KEY]: formatRecordMark(mark) },
    signature: { ...fields, appName: 'Tasleem', signatureLength: SIGNATURE_LENGTH },
  });
  return new SignPdf().sign(prepared, new NodeCmsSigner(material), opts.signingTime);
}
