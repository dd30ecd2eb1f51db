import { updateHandoverRow, type HandoverRow } from '../../db/queries/handovers';
import { insertVersion, listVersions } from '../../db/queries/versions';
import { AppError } from '../api/result';
import type { HandoverFields } from '../api/schemas/handover';
import type { PersonInput } from '../api/schemas/person';
import { contentHash, contentOf, type HandoverContent } from './content';
import type { AppContext, Caller } from './context';
import { fieldChanges } from '../api/domain/field-changes';
import { assertProtocolRules, assertReferenceFree, auditHandover, getHandover } from './handovers';
import { assertManifestAgrees, writeManifest } from './manifest';
import { assertRequiredSignatures } from './report/signatures';

/**
 * Checks that must pass before a record is frozen. Other areas (required signatures, for instance) add theirs
 * here, so every path to "finalized" runs the same ones.
 */
export const finalizeChecks: ((ctx: AppContext, h: HandoverRow) => void)[] = [
  assertManifestAgrees,
  assertRequiredSignatures,
];

function loadForChange(
  ctx: AppContext,
  id: string,
  expectedRevision: number,
  allowed: HandoverRow['status'][],
): HandoverRow {
  const h = getHandover(ctx, id);
  if (!allowed.includes(h.status))
    throw new AppError('NOT_EDITABLE', `Handover ${h.referenceNo} is ${h.status}`, { status: h.status });
  if (h.revision !== expectedRevision)
    throw new AppError('CONFLICT', 'The handover was changed by someone else since it was opened', {
      currentRevision: h.revision,
    });
  return h;
}

function write(ctx: AppContext, id: string, expectedRevision: number, values: Partial<HandoverRow>) {
  if (!updateHandoverRow(ctx.db.orm, id, expectedRevision, values))
    throw new AppError('CONFLICT', 'The handover was changed by someone else since it was opened');
}

/**
 * Freezes the current content as a version; its hash is what reports and exchange bundles refer to. Taking another
 * office's version of a conflicting record (services/exchange/resolve.ts) freezes it here too, like an amendment.
 */
export function snapshot(ctx: AppContext, caller: Caller, h: HandoverRow, reason: string, at: string): string {
  const row = versionRow(contentOf(ctx, h), h.version, reason, at, caller.actor);
  insertVersion(ctx.db.orm, row);
  return row.contentHash;
}

/** The version row that freezes `content`; import and exchange build theirs here too, so hashes agree everywhere. */
export function versionRow(content: HandoverContent, version: number, reason: string, at: string, actor: string) {
  return {
    handoverId: content.id,
    version,
    content: content as unknown as Record<string, unknown>,
    contentHash: contentHash(content),
    reason,
    createdAt: at,
    createdBy: actor,
  };
}

export function finalizeHandover(ctx: AppContext, caller: Caller, id: string, expectedRevision: number): HandoverRow {
  const at = ctx.now().toISOString();
  ctx.db.sqlite.transaction(() => {
    const h = loadForChange(ctx, id, expectedRevision, ['draft']);
    for (const check of finalizeChecks) check(ctx, h);
    write(ctx, id, expectedRevision, { status: 'finalized', version: 1, updatedAt: at, updatedBy: caller.actor });
    const hash = snapshot(ctx, caller, getHandover(ctx, id), '', at);
    auditHandover(ctx, caller, 'handover.finalize', id, { version: 1, contentHash: hash }, at);
  })();
  return getHandover(ctx, id);
}

/** A finalized record is corrected by a new version with a reason; the earlier versions stay as they were. */
export function amendHandover(
  ctx: AppContext,
  caller: Caller,
  id: string,
  expectedRevision: number,
  data: HandoverFields,
  reason: string,
  persons?: PersonInput[],
): HandoverRow {
  const at = ctx.now().toISOString();
  ctx.db.sqlite.transaction(() => {
    const h = loadForChange(ctx, id, expectedRevision, ['finalized']);
    assertProtocolRules(h, data);
    assertReferenceFree(ctx, data.referenceNo, id);
    const before = contentOf(ctx, h);
    const changes = fieldChanges(h, data, Object.keys(data));
    const version = h.version + 1;
    write(ctx, id, expectedRevision, { ...data, version, updatedAt: at, updatedBy: caller.actor });
    if (persons) writeManifest(ctx, id, persons);
    const updated = getHandover(ctx, id);
    const manifestChanged =
      persons !== undefined && JSON.stringify(before.persons) !== JSON.stringify(contentOf(ctx, updated).persons);
    if (changes.length === 0 && !manifestChanged)
      throw new AppError('VALIDATION', 'The amendment changes nothing', {
        issues: [{ path: 'data', key: 'no_changes' }],
      });
    for (const check of finalizeChecks) check(ctx, updated);
    const hash = snapshot(ctx, caller, updated, reason, at);
    auditHandover(
      ctx,
      caller,
      'handover.amend',
      id,
      { version, reason, changes, manifestChanged, contentHash: hash },
      at,
    );
  })();
  return getHandover(ctx, id);
}

export function voidHandover(
  ctx: AppContext,
  caller: Caller,
  id: string,
  expectedRevision: number,
  reason: string,
): HandoverRow {
  const at = ctx.now().toISOString();
  ctx.db.sqlite.transaction(() => {
    const h = loadForChange(ctx, id, expectedRevision, ['draft', 'finalized']);
    write(ctx, id, expectedRevision, { status: 'void', voidReason: reason, updatedAt: at, updatedBy: caller.actor });
    auditHandover(ctx, caller, 'handover.void', id, { reason, previousStatus: h.status }, at);
  })();
  return getHandover(ctx, id);
}

export function setManifest(
  ctx: AppContext,
  caller: Caller,
  id: string,
  expectedRevision: number,
  persons: PersonInput[],
): HandoverRow {
  const at = ctx.now().toISOString();
  ctx.db.sqlite.transaction(() => {
    loadForChange(ctx, id, expectedRevision, ['draft']);
    write(ctx, id, expectedRevision, { updatedAt: at, updatedBy: caller.actor });
    writeManifest(ctx, id, persons);
    auditHandover(ctx, caller, 'handover.manifest', id, { persons: persons.length }, at);
  })();
  return getHandover(ctx, id);
}

export const versionsOf = (ctx: AppContext, id: string) => (getHandover(ctx, id), listVersions(ctx.db.orm, id));
