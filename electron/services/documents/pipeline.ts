import { createHash } from 'node:crypto';
import QRCode from 'qrcode';
import { writeAudit } from '../../../db/queries/audit';
import { AppError } from '../../api/result';
import type { AppContext, Caller } from '../context';
import { materialFromP12, type SigningMaterial } from '../signing/cms-signer';
import type { Signer } from '../signing/identity';
import { finishUnsigned, signDocument, type RecordMark } from '../signing/sign';
import { QR_PATH, esignWidgetRect } from './layout';
import { typeset, type DocumentKind } from './typst';

/** What the QR code in the footer encodes: the reference and the SHA-256 of the content. */
export const qrPayload = (m: RecordMark) => `TASLEEM:${m.referenceNo};SHA256:${m.contentHash};V:${m.version}`;

const qrCache = new Map<string, Buffer>();

/**
 * The QR code of a mark as an SVG file for the template (footer.qr = "/doc/qr.svg"). A mark is fixed for a record
 * version, so the last few are kept: choosing the mask is most of the work and gives the same code every time.
 */
export async function qrFile(mark: RecordMark): Promise<Record<string, Uint8Array>> {
  const payload = qrPayload(mark);
  let svg = qrCache.get(payload);
  if (!svg) {
    svg = Buffer.from(
      await QRCode.toString(payload, {
        type: 'svg',
        errorCorrectionLevel: 'M',
        margin: 0,
        color: { dark: '#000000', light: '#ffffff' },
      }),
      'utf8',
    );
    if (qrCache.size >= 32) qrCache.delete(qrCache.keys().next().value!);
    qrCache.set(payload, svg);
  }
  return { [QR_PATH]: svg };
}

let opened: { id: string; material: SigningMaterial } | null = null;
/** Opening the .p12 is JavaScript work (~10 ms): the key of the identity in use is kept for the process. */
function materialOf(signer: Signer): SigningMaterial {
  if (opened?.id !== signer.row.id)
    opened = { id: signer.row.id, material: materialFromP12(signer.p12, signer.password) };
  return opened.material;
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
export async function produceDocument(
  ctx: AppContext,
  caller: Caller,
  req: DocumentRequest,
): Promise<ProducedDocument> {
  let made: ReturnType<typeof typeset>;
  try {
    made = typeset(ctx, req.kind, req.data, req.at, req.files);
  } catch (err) {
    throw new AppError('PDF_UNAVAILABLE', err instanceof Error ? err.message.split('\n')[0] : String(err));
  }
  const bytes = req.signer
    ? await signDocument(made.pdf, req.mark, {
        material: materialOf(req.signer),
        widgetRect: esignWidgetRect(req.data.dir),
        name: req.signer.row.subject,
        signingTime: req.at,
        ...req.signature,
      })
    : finishUnsigned(made.pdf, req.mark);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  writeAudit(
    ctx.db.orm,
    {
      actor: caller.actor,
      action: req.audit.action,
      entity: req.audit.entity,
      entityId: req.audit.entityId,
      details: {
        ...req.audit.details,
        fileSha256: sha256,
        pages: made.pages,
        certificate: req.signer?.row.fingerprint ?? null,
      },
    },
    req.at.toISOString(),
  );
  return { bytes, sha256, pages: made.pages };
}
