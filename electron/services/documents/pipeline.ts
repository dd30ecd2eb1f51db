import { createHash } from 'node:crypto';
import QRCode from 'qrcode';
import { writeAudit } from '../../../db/queries/audit';
import { AppError } from '../../api/result';
import type { AppContext, Caller } from '../context';
import { materialFromP12 } from '../signing/cms-signer';
import type { Signer } from '../signing/identity';
import { finishUnsigned, signDocument, type RecordMark } from '../signing/sign';
import { QR_PATH, esignWidgetRect } from './layout';
import { typeset, type DocumentKind } from './typst';

/** What the QR code in the footer encodes: the reference and the SHA-256 of the content. */
export const qrPayload = (m: RecordMark) => `TASLEEM:${m.referenceNo};SHA256:${m.contentHash};V:${m.version}`;

/** The QR code of a mark as an SVG file for the template (footer.qr = "/doc/qr.svg"). */
export async function qrFile(mark: RecordMark): Promise<Record<string, Uint8Array>> {
  const svg = await QRCode.toString(qrPayload(mark), { type: 'svg', errorCorrectionLevel: 'M', margin: 0, color: { dark: '#000000', light: '#ffffff' } });
  return { [QR_PATH]: Buffer.from(svg, 'utf8') };
}

export interface DocumentRequest {
  kind: DocumentKind;
  /** The template's data (resources/typst/<kind>.typ): plain JSON. */
  data: { dir: 'rtl' | 'ltr' };
  /** Images the data points to, by path. */
  files: Record<string, Uint8Array>;
  mark: RecordMark;
  /** Sign with this identity, or leave unsigned (a draft). */
  signer: Signer | null;
  signature: { reason: string; location: string; contactInfo: string };
  audit: { action: string; entity: string; entityId?: string; details: Record<string, unknown> };
  at: Date;
}

export interface ProducedDocument {
  bytes: Buffer;
  sha256: string;
  pages: number;
}

/**
 * The one way a document is made: typeset (Typst) → sign (or finish as an unsigned draft) → hash the file → audit.
 * The handover protocol and the totals report differ only in the data they hand in.
 */
export async function produceDocument(ctx: AppContext, caller: Caller, req: DocumentRequest): Promise<ProducedDocument> {
  let made: ReturnType<typeof typeset>;
  try {
    made = typeset(ctx, req.kind, req.data, req.files);
  } catch (err) {
    throw new AppError('PDF_UNAVAILABLE', err instanceof Error ? err.message.split('\n')[0] : String(err));
  }
  const bytes = req.signer
    ? await signDocument(made.pdf, req.mark, {
        material: materialFromP12(req.signer.p12, req.signer.password),
        widgetRect: esignWidgetRect(req.data.dir),
        name: req.signer.row.subject,
        signingTime: req.at,
        ...req.signature,
      })
    : await finishUnsigned(made.pdf, req.mark);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  writeAudit(ctx.db.orm, { actor: caller.actor, action: req.audit.action, entity: req.audit.entity, entityId: req.audit.entityId, details: { ...req.audit.details, fileSha256: sha256, pages: made.pages, certificate: req.signer?.row.fingerprint ?? null } }, req.at.toISOString());
  return { bytes, sha256, pages: made.pages };
}
