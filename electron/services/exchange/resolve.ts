import { writeAudit } from '../../../db/queries/audit';
import { getConflict, markConflictResolved, type ExchangeConflictRow } from '../../../db/queries/exchange-conflicts';
import {
  getHandoverByReference,
  getHandoverRow,
  reindexHandover,
  updateHandoverRow,
  type HandoverRow,
} from '../../../db/queries/handovers';
import { replacePersons } from '../../../db/queries/persons';
import { AppError } from '../../api/result';
import { contentFields } from '../content';
import type { AppContext, Caller } from '../context';
import { assertReferenceFree, getHandover } from '../handovers';
import { snapshot } from '../lifecycle';
import { recordHash } from '../report/signatures';
import { addFiles, insertReceived, type BundleRecord } from './merge';

export type ConflictChoice = 'keep_local' | 'take_incoming';
export interface ConflictResolution {
  id: string;
  resolution: 'kept_local' | 'took_incoming';
  resolvedAt: string;
  resolvedBy: string;
  /** The record here that the decision is about (for `reference_taken`, the one holding the reference). */
  handoverId: string | null;
  /** After "take theirs": the new version and its content hash. */
  version: number | null;
  contentHash: string | null;
}

function pendingConflict(ctx: AppContext, id: string): ExchangeConflictRow {
  const c = getConflict(ctx.db.orm, id);
  if (!c) throw new AppError('NOT_FOUND', `No exchange conflict with id ${id}`);
  if (c.resolvedAt) {
    throw new AppError(
      'CONFLICT',
      `The conflict was already resolved (${c.resolution}) by ${c.resolvedBy} at ${c.resolvedAt}`,
      {
        reason: 'io.conflict.already_resolved',
        resolution: c.resolution,
        resolvedAt: c.resolvedAt,
        resolvedBy: c.resolvedBy,
      },
    );
  }
  return c;
}

/** The record here the conflict is about: the same id, or (reference taken) the record holding that reference now. */
function localRecord(ctx: AppContext, c: ExchangeConflictRow): HandoverRow | undefined {
  return (
    getHandoverRow(ctx.db.orm, c.handoverId) ??
    (c.reason === 'io.bundle.reference_taken' ? getHandoverByReference(ctx.db.orm, c.referenceNo) : undefined)
  );
}

function decide(
  ctx: AppContext,
  c: ExchangeConflictRow,
  resolution: ConflictResolution['resolution'],
  caller: Caller,
  note: string,
  at: string,
) {
  if (!markConflictResolved(ctx.db.orm, c.id, { resolution, resolvedAt: at, resolvedBy: caller.actor, note }))
    pendingConflict(ctx, c.id);
}

/**
 * A person's decision on a conflict kept by importBundle, in one transaction. "Keep ours" changes no record. "Take
 * theirs" writes the other office's content (fields and manifest) onto the record here as a new version on top of its
 * own history, with the note as the version's reason, and adds the attachments and signatures this office lacks; the
 * earlier versions stay as they were. A resolved conflict stays in the table as history and cannot be decided again.
 */
export function resolveConflict(
  ctx: AppContext,
  caller: Caller,
  input: { conflictId: string; choice: ConflictChoice; note: string },
): ConflictResolution {
  const at = ctx.now().toISOString();
  const orm = ctx.db.orm;
  return ctx.db.sqlite.transaction((): ConflictResolution => {
    const c = pendingConflict(ctx, input.conflictId);
    const from = { id: c.fromOfficeId, name: c.fromOfficeName };
    const local = localRecord(ctx, c);
    const base = { bundleId: c.bundleId, from, reason: c.reason, note: input.note };
    /** Records the decision and its audit entry (about `entityId`), and answers with what became of the record. */
    const settle = (
      outcome: Pick<ConflictResolution, 'resolution' | 'handoverId' | 'version' | 'contentHash'>,
      entityId: string,
      details: Record<string, unknown>,
    ): ConflictResolution => {
      decide(ctx, c, outcome.resolution, caller, input.note, at);
      writeAudit(
        orm,
        {
          actor: caller.actor,
          action: `exchange.conflict.${outcome.resolution}`,
          entity: 'handover',
          entityId,
          details: { conflictId: c.id, ...base, ...details },
        },
        at,
      );
      return { id: c.id, resolvedAt: at, resolvedBy: caller.actor, ...outcome };
    };

    if (input.choice === 'keep_local') {
      const hash = local ? recordHash(ctx, local) : null;
      return settle(
        { resolution: 'kept_local', handoverId: local?.id ?? null, version: null, contentHash: null },
        local?.id ?? c.handoverId,
        { contentHash: hash },
      );
    }

    const r = c.incoming as unknown as BundleRecord;
    const incomingHash = r.versions[r.versions.length - 1].contentHash;
    if (!local) {
      // The reference was freed since the bundle came: their record simply arrives, as a new one would have.
      assertReferenceFree(ctx, r.handover.referenceNo);
      insertReceived(ctx, r, c.bundleId);
      return settle(
        {
          resolution: 'took_incoming',
          handoverId: r.handover.id,
          version: r.handover.version,
          contentHash: incomingHash,
        },
        r.handover.id,
        {
          previousContentHash: null,
          contentHash: incomingHash,
          incomingContentHash: incomingHash,
          version: r.handover.version,
        },
      );
    }
    if (local.status === 'void') {
      throw new AppError(
        'NOT_EDITABLE',
        `Handover ${local.referenceNo} is void here; the other office's version cannot be taken`,
        { status: local.status, reason: 'io.conflict.local_void' },
      );
    }
    // Their reference may be one another record here uses (they renumbered): refused like an amendment would be.
    assertReferenceFree(ctx, r.handover.referenceNo, local.id);
    const previousContentHash = recordHash(ctx, local);
    // A draft here takes their content and is finalized as version 1; a finalized record gets version n+1. Their
    // record as it is: if they voided it, it is void here too (void is final and adds no version of its own).
    const version = local.status === 'finalized' ? local.version + 1 : 1;
    const fields = contentFields(r.handover) as Partial<HandoverRow>;
    const status =
      r.handover.status === 'void'
        ? { status: 'void' as const, voidReason: r.handover.voidReason }
        : { status: 'finalized' as const };
    if (
      !updateHandoverRow(orm, local.id, local.revision, {
        ...fields,
        ...status,
        version,
        updatedAt: at,
        updatedBy: caller.actor,
      })
    ) {
      throw new AppError('CONFLICT', 'The handover was changed by someone else since it was opened');
    }
    replacePersons(
      orm,
      local.id,
      r.persons.map((p) => ({ ...p, handoverId: local.id })),
    );
    reindexHandover(orm, local.id);
    const updated = getHandover(ctx, local.id);
    const hash = snapshot(ctx, caller, updated, input.note, at);
    // Same id: the content is now exactly theirs, so a later bundle from them merges as unchanged.
    if (local.id === r.handover.id && hash !== incomingHash)
      throw new AppError('INTERNAL', `Taking the other office's content gave hash ${hash}, expected ${incomingHash}`);
    const files = addFiles(ctx, r, local.id);
    return settle({ resolution: 'took_incoming', handoverId: local.id, version, contentHash: hash }, local.id, {
      version,
      previousStatus: local.status,
      status: status.status,
      previousContentHash,
      contentHash: hash,
      incomingContentHash: incomingHash,
      attachmentsAdded: files.attachments,
      signaturesAdded: files.signatures,
    });
  })();
}
