import { v7 as uuidv7 } from 'uuid';
import { writeAudit } from '../../../db/queries/audit';
import type { HandoverRow } from '../../../db/queries/handovers';
import {
  deleteRoleSignatures,
  deleteSignature,
  getSignature,
  insertSignature,
  listSignatures,
  type HandwrittenSignatureRow,
} from '../../../db/queries/signatures';
import { getVersion } from '../../../db/queries/versions';
import { AppError } from '../../api/result';
import type { HandwrittenSignature, SignerRole } from '../../api/schemas/report';
import { contentHash, contentOf } from '../content';
import type { AppContext, Caller } from '../context';
import { getHandover } from '../handovers';
import { getSettings } from '../settings';

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The hash a report of this record carries: the frozen version's for a finalized record, the live content's otherwise. */
export function recordHash(ctx: AppContext, h: HandoverRow): string {
  if (h.status !== 'draft') {
    const v = getVersion(ctx.db.orm, h.id, h.version);
    if (v) return v.contentHash;
  }
  return contentHash(contentOf(ctx, h));
}

export const toApiSignature = (r: HandwrittenSignatureRow): HandwrittenSignature => ({
  id: r.id,
  handoverId: r.handoverId,
  role: r.role,
  signerName: r.signerName,
  signerTitle: r.signerTitle,
  signedAt: r.signedAt,
  contentHash: r.contentHash,
  createdBy: r.createdBy,
  imageDataUrl: `data:image/png;base64,${Buffer.from(r.image).toString('base64')}`,
});

export function missingRoles(ctx: AppContext, h: HandoverRow, settings = getSettings(ctx)): SignerRole[] {
  const have = new Set(listSignatures(ctx.db.orm, h.id).map((s) => s.role));
  return settings.requiredSigners.filter((r) => !have.has(r));
}

/** A finalize check (services/lifecycle.ts finalizeChecks): the signatures settings mark as required are present. */
export function assertRequiredSignatures(ctx: AppContext, h: HandoverRow): void {
  const missing = missingRoles(ctx, h);
  if (missing.length)
    throw new AppError('SIGNATURES_MISSING', `Missing handwritten signatures: ${missing.join(', ')}`, { missing });
}

/**
 * Stores a signature drawn on the signing screen. Drafts and finalized records can be signed (a record finalized
 * before signatures were required still needs them for its report); a void one cannot. The handing official and the
 * head of delegation sign once each (signing again replaces the drawing); witnesses can be several.
 */
export function addSignature(
  ctx: AppContext,
  caller: Caller,
  input: { handoverId: string; role: SignerRole; signerName: string; signerTitle: string; png: Buffer },
): HandwrittenSignature {
  const h = getHandover(ctx, input.handoverId);
  if (h.status === 'void')
    throw new AppError('NOT_EDITABLE', `Handover ${h.referenceNo} is void`, { status: h.status });
  const image = input.png;
  if (image.length < 67 || !image.subarray(0, 8).equals(PNG_MAGIC))
    throw new AppError('UNSUPPORTED_TYPE', 'The signature is not a PNG image', {
      issues: [{ path: 'fileId', key: 'invalid' }],
    });
  const at = ctx.now().toISOString();
  const id = uuidv7();
  const hash = recordHash(ctx, h);
  ctx.db.sqlite.transaction(() => {
    if (input.role !== 'witness') {
      if (h.status !== 'draft' && listSignatures(ctx.db.orm, h.id).some((s) => s.role === input.role)) {
        throw new AppError('NOT_EDITABLE', `The ${input.role} signature of a finalized record cannot be replaced`, {
          status: h.status,
        });
      }
      deleteRoleSignatures(ctx.db.orm, h.id, input.role);
    }
    insertSignature(ctx.db.orm, {
      id,
      handoverId: h.id,
      role: input.role,
      signerName: input.signerName,
      signerTitle: input.signerTitle,
      signedAt: at,
      image,
      contentHash: hash,
      createdBy: caller.actor,
    });
    writeAudit(
      ctx.db.orm,
      {
        actor: caller.actor,
        action: 'handover.sign',
        entity: 'handover',
        entityId: h.id,
        details: {
          signatureId: id,
          role: input.role,
          signerName: input.signerName,
          contentHash: hash,
          imageBytes: image.length,
        },
      },
      at,
    );
  })();
  return toApiSignature(getSignature(ctx.db.orm, id)!);
}

/** Drafts only: once finalized, what was signed stays. */
export function removeSignature(ctx: AppContext, caller: Caller, id: string): { removed: boolean } {
  const sig = getSignature(ctx.db.orm, id);
  if (!sig) throw new AppError('NOT_FOUND', `No signature ${id}`);
  const h = getHandover(ctx, sig.handoverId);
  if (h.status !== 'draft')
    throw new AppError('NOT_EDITABLE', `Handover ${h.referenceNo} is ${h.status}`, { status: h.status });
  const at = ctx.now().toISOString();
  ctx.db.sqlite.transaction(() => {
    deleteSignature(ctx.db.orm, id);
    writeAudit(
      ctx.db.orm,
      {
        actor: caller.actor,
        action: 'handover.unsign',
        entity: 'handover',
        entityId: h.id,
        details: { signatureId: id, role: sig.role, signerName: sig.signerName },
      },
      at,
    );
  })();
  return { removed: true };
}
