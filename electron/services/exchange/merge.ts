import { eq, inArray } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { writeAudit } from '../../../db/queries/audit';
import { insertConflict, listPendingConflicts } from '../../../db/queries/exchange-conflicts';
import {
  getHandoverByReference,
  getHandoverRow,
  insertHandoverRow,
  reindexHandover,
  type HandoverRow,
} from '../../../db/queries/handovers';
import { listPersons, replacePersons, type PersonRow } from '../../../db/queries/persons';
import { insertVersion, listVersions, type VersionRow } from '../../../db/queries/versions';
import { attachments, handovers, handwrittenSignatures } from '../../../db/schema';
import { clip } from '../../api/clip';
import { AppError } from '../../api/result';
import { FILE_LIMITS } from '../../api/domain/limits';
import { contentChanges, plainText } from '../../api/domain/field-changes';
import { CONTENT_FIELDS, contentFrom, contentHash, type HandoverContent } from '../content';
import type { AppContext, Caller } from '../context';
import { sealBundle, openBundle, BundleError } from './bundle';
import { knownOffices, ownKeys } from './office';
import { recordProblem } from './record-schema';

type AttachmentRow = typeof attachments.$inferSelect;
type SignatureRow = typeof handwrittenSignatures.$inferSelect;

/** One handover as it travels: the current row, every version, the manifest, attachments and handwritten signatures. */
export interface BundleRecord {
  handover: Omit<HandoverRow, (typeof LOCAL_COLUMNS)[number]>;
  versions: Omit<VersionRow, 'handoverId'>[];
  persons: Omit<PersonRow, 'handoverId'>[];
  attachments: (Omit<AttachmentRow, 'handoverId' | 'data'> & { data: string })[];
  signatures: (Omit<SignatureRow, 'handoverId' | 'image'> & { image: string })[];
}

export type MergeOutcome = 'new' | 'amended' | 'unchanged' | 'conflict' | 'rejected';
export interface MergeRow {
  id: string;
  referenceNo: string;
  outcome: MergeOutcome;
  reason?: string;
  /** For conflicts: field by field, what this office has and what the bundle brings. */
  sideBySide?: { field: string; local: string; incoming: string }[];
}
export interface MergeReport {
  bundleId: string;
  from: { id: string; name: string };
  counts: Record<MergeOutcome, number>;
  rows: MergeRow[];
}

/** Columns that stay with this office: its own edit counter and how the record reached it. Every other column travels. */
export const LOCAL_COLUMNS = ['revision', 'source', 'sourceRef'] as const satisfies readonly (keyof HandoverRow)[];

export function recordOf(ctx: AppContext, h: HandoverRow): BundleRecord {
  const orm = ctx.db.orm;
  const handover = Object.fromEntries(
    Object.entries(h).filter(([k]) => !(LOCAL_COLUMNS as readonly string[]).includes(k)),
  ) as BundleRecord['handover'];
  return {
    handover,
    versions: listVersions(orm, h.id).map(({ handoverId: _h, ...v }) => v),
    persons: listPersons(orm, h.id).map(({ handoverId: _h, ...p }) => p),
    attachments: orm
      .select()
      .from(attachments)
      .where(eq(attachments.handoverId, h.id))
      .all()
      .map(({ handoverId: _h, data, ...a }) => ({ ...a, data: data.toString('base64') })),
    signatures: orm
      .select()
      .from(handwrittenSignatures)
      .where(eq(handwrittenSignatures.handoverId, h.id))
      .all()
      .map(({ handoverId: _h, image, ...s }) => ({ ...s, image: image.toString('base64') })),
  };
}

/** Finalized (and voided) handovers only: a draft is still being written and does not travel. */
export function exportBundle(
  ctx: AppContext,
  caller: Caller,
  toOfficeId: string,
  ids?: string[],
): { fileName: string; data: Buffer; records: number; bundleId: string } {
  const me = ownKeys(ctx);
  const to = knownOffices(ctx)[toOfficeId];
  if (!to) throw new AppError('NOT_FOUND', `Unknown office ${toOfficeId}: add its card first`);
  const where = ids?.length ? inArray(handovers.id, ids) : inArray(handovers.status, ['finalized', 'void']);
  const rows = ctx.db.orm.select().from(handovers).where(where).all();
  const drafts = rows.filter((r) => r.status === 'draft');
  if (drafts.length)
    throw new AppError(
      'NOT_EDITABLE',
      `Only finalized handovers are exchanged; ${drafts.map((d) => d.referenceNo).join(', ')} are drafts`,
    );
  if (ids?.length && rows.length !== new Set(ids).size)
    throw new AppError('NOT_FOUND', 'Some selected handovers do not exist');
  const bundleId = uuidv7();
  const createdAt = ctx.now().toISOString();
  const records = rows.map((r) => recordOf(ctx, r));
  const data = sealBundle(
    { records },
    { bundleId, createdAt, records: records.length, from: me.card, signKey: me.signKey, to },
  );
  writeAudit(
    ctx.db.orm,
    {
      actor: caller.actor,
      action: 'exchange.export',
      entity: 'exchange',
      entityId: bundleId,
      details: { to: to.id, toName: to.name, records: records.length, ids: rows.map((r) => r.id) },
    },
    createdAt,
  );
  return {
    fileName: `tasleem-${me.card.name.replace(/[^\p{L}\p{N}]+/gu, '-')}-to-${to.name.replace(/[^\p{L}\p{N}]+/gu, '-')}-${createdAt.slice(0, 10)}.tasleem`,
    data,
    records: records.length,
    bundleId,
  };
}

const sideBySide = (local: HandoverContent, incoming: HandoverContent) =>
  contentChanges(local, incoming, CONTENT_FIELDS).map((c) => ({
    field: c.field,
    local: plainText(c.from),
    incoming: plainText(c.to),
  }));

function checkRecord(r: BundleRecord): string | null {
  const problem = recordProblem(r);
  if (problem) return problem;
  if (r.versions.length !== r.handover.version) return 'record_inconsistent';
  for (const v of r.versions)
    if (contentHash(v.content as unknown as HandoverContent) !== v.contentHash) return 'record_inconsistent';
  const current = contentFrom(
    r.handover as HandoverRow,
    r.persons.map((p) => ({ ...p, handoverId: r.handover.id })),
  );
  if (contentHash(current) !== r.versions[r.versions.length - 1].contentHash) return 'record_inconsistent';
  return null;
}

/** Adds the bundle record's attachments and handwritten signatures this office lacks (by id) to handover `id`. */
export function addFiles(
  ctx: AppContext,
  r: BundleRecord,
  id: string = r.handover.id,
): { attachments: number; signatures: number } {
  const orm = ctx.db.orm;
  const missing = <T extends { id: string }>(table: typeof attachments | typeof handwrittenSignatures, rows: T[]) => {
    const have = new Set(
      orm
        .select({ id: table.id })
        .from(table)
        .where(eq(table.handoverId, id))
        .all()
        .map((x) => x.id),
    );
    return rows.filter((x) => !have.has(x.id));
  };
  const newAttachments = missing(attachments, r.attachments);
  for (const a of newAttachments)
    orm
      .insert(attachments)
      .values({ ...a, handoverId: id, data: Buffer.from(a.data, 'base64') })
      .run();
  const newSignatures = missing(handwrittenSignatures, r.signatures);
  for (const s of newSignatures)
    orm
      .insert(handwrittenSignatures)
      .values({ ...s, handoverId: id, image: Buffer.from(s.image, 'base64') })
      .run();
  return { attachments: newAttachments.length, signatures: newSignatures.length };
}

/** The bundle record's manifest and the files this office lacks, on the record of the same id here, then indexed. */
function takeManifestAndFiles(ctx: AppContext, r: BundleRecord): void {
  const id = r.handover.id;
  replacePersons(
    ctx.db.orm,
    id,
    r.persons.map((p) => ({ ...p, handoverId: id })),
  );
  addFiles(ctx, r);
  reindexHandover(ctx.db.orm, id);
}

/** A record this office does not have: row, versions, manifest, files and search index, marked as received. */
export function insertReceived(ctx: AppContext, r: BundleRecord, bundleId: string): void {
  const orm = ctx.db.orm;
  const h = r.handover;
  insertHandoverRow(orm, { ...h, revision: 1, source: 'exchange', sourceRef: bundleId });
  for (const v of r.versions) insertVersion(orm, { ...v, handoverId: h.id });
  takeManifestAndFiles(ctx, r);
}

/**
 * Applies the bundle record's later versions onto the record here (`amended`): `later` are added after our own
 * versions, renumbered from ours + 1 (content, hash, reason, author and time kept), and the row, manifest, files and
 * search index take the bundle's current record.
 */
function applyLater(
  ctx: AppContext,
  r: BundleRecord,
  local: HandoverRow,
  later: BundleRecord['versions'],
  ours: number,
): void {
  const orm = ctx.db.orm;
  const h = r.handover;
  later.forEach((v, i) => insertVersion(orm, { ...v, version: ours + i + 1, handoverId: h.id }));
  const { id: _id, createdAt: _c, createdBy: _b, ...rest } = h;
  orm
    .update(handovers)
    .set({ ...rest, version: ours + later.length, revision: local.revision + 1 })
    .where(eq(handovers.id, h.id))
    .run();
  takeManifestAndFiles(ctx, r);
}

/**
 * The last of their versions before their latest whose content is our current content, when our record is finalized
 * and the histories differ: their versions after it continue ours (a fast-forward by content, e.g. after "take theirs").
 */
function fastForwardFrom(local: HandoverRow, mine: VersionRow[], r: BundleRecord): number | null {
  if (local.status !== 'finalized' || mine.length === 0) return null;
  const current = mine[mine.length - 1].contentHash;
  for (let k = r.versions.length - 1; k >= 1; k--) if (r.versions[k - 1].contentHash === current) return k;
  return null;
}

/**
 * Merges a bundle by record id, in one transaction. New ids are added; a record whose versions extend ours gets the
 * later versions (amendments stay versions); the same versions, or the same current content reached by different
 * histories, are unchanged; when their history differs but one of their earlier versions holds our current content
 * (our record finalized), their versions after it are added on top of ours (a fast-forward by content); versions that
 * differ from ours otherwise are a conflict, kept in `exchange_conflicts` for a person to resolve with both sides
 * (services/exchange/resolve.ts), and nothing of that record is written.
 */
export function importBundle(ctx: AppContext, caller: Caller, data: Buffer): MergeReport {
  if (data.length > FILE_LIMITS.bundle) throw new AppError('TOO_LARGE', 'The bundle is larger than allowed');
  let opened: ReturnType<typeof openBundle>;
  try {
    opened = openBundle(data, ownKeys(ctx), knownOffices(ctx));
  } catch (err) {
    if (err instanceof BundleError)
      throw new AppError(err.key === 'too_large' ? 'TOO_LARGE' : 'BAD_FILE', err.message, {
        reason: `io.bundle.${err.key}`,
      });
    throw err;
  }
  const { header, payload } = opened;
  const records = (payload as { records?: BundleRecord[] }).records;
  if (!Array.isArray(records)) throw new AppError('BAD_FILE', 'bundle: malformed', { reason: 'io.bundle.malformed' });
  const report: MergeReport = {
    bundleId: header.bundleId,
    from: header.from,
    counts: { new: 0, amended: 0, unchanged: 0, conflict: 0, rejected: 0 },
    rows: [],
  };
  const at = ctx.now().toISOString();
  const orm = ctx.db.orm;
  ctx.db.sqlite.transaction(() => {
    let conflictsAdded = 0;
    for (const r of records) {
      const row: MergeRow = {
        id: clip(String(r?.handover?.id ?? '')),
        referenceNo: clip(String(r?.handover?.referenceNo ?? '')),
        outcome: 'rejected',
      };
      report.rows.push(row);
      const bad = checkRecord(r);
      if (bad) {
        row.reason = `io.bundle.${bad}`;
        continue;
      }
      const h = r.handover;
      const incoming = contentFrom(
        h as HandoverRow,
        r.persons.map((p) => ({ ...p, handoverId: h.id })),
      );
      const local = getHandoverRow(orm, h.id);
      let fastForward: number | null = null;
      if (!local) {
        const sameRef = getHandoverByReference(orm, h.referenceNo);
        if (sameRef) {
          row.outcome = 'conflict';
          row.reason = 'io.bundle.reference_taken';
          row.sideBySide = sideBySide(contentFrom(sameRef, listPersons(orm, sameRef.id)), incoming);
        } else {
          insertReceived(ctx, r, header.bundleId);
          row.outcome = 'new';
        }
      } else {
        const mine = listVersions(orm, h.id);
        const common = Math.min(mine.length, r.versions.length);
        const diverged = mine.slice(0, common).some((v, i) => v.contentHash !== r.versions[i].contentHash);
        // Both offices hold the same current content (for instance after one "took theirs"): nothing to decide, even
        // though the version histories differ. Treated like the same versions below (files added, a void applied).
        const sameContent =
          local.status !== 'draft' &&
          mine.length > 0 &&
          mine[mine.length - 1].contentHash === r.versions[r.versions.length - 1].contentHash;
        // The histories differ, but they once held our current content (typically we "took theirs" and they amended
        // since): their versions after that one continue ours.
        if (diverged && !sameContent) fastForward = fastForwardFrom(local, mine, r);
        if (fastForward !== null) {
          applyLater(ctx, r, local, r.versions.slice(fastForward), mine.length);
          row.outcome = 'amended';
        } else if ((diverged && !sameContent) || local.status === 'draft') {
          row.outcome = 'conflict';
          row.reason = 'io.bundle.diverged';
          row.sideBySide = sideBySide(contentFrom(local, listPersons(orm, local.id)), incoming);
        } else if (!diverged && r.versions.length > mine.length) {
          applyLater(ctx, r, local, r.versions.slice(mine.length), mine.length);
          row.outcome = 'amended';
        } else {
          // Same versions (or ours are ahead). A void sent by the other office is applied: it is final and adds no version.
          if (
            (r.versions.length === mine.length || sameContent) &&
            h.status === 'void' &&
            local.status === 'finalized'
          ) {
            orm
              .update(handovers)
              .set({
                status: 'void',
                voidReason: h.voidReason,
                updatedAt: h.updatedAt,
                updatedBy: h.updatedBy,
                revision: local.revision + 1,
              })
              .where(eq(handovers.id, h.id))
              .run();
            row.outcome = 'amended';
          } else row.outcome = 'unchanged';
          addFiles(ctx, r);
        }
      }
      // The same (bundle, handover) is kept once, resolved or not: importing a bundle again adds no second conflict.
      if (row.outcome === 'conflict') {
        const added = insertConflict(orm, {
          id: uuidv7(),
          bundleId: header.bundleId,
          fromOfficeId: header.from.id,
          fromOfficeName: header.from.name,
          handoverId: row.id,
          referenceNo: row.referenceNo,
          reason: row.reason ?? 'io.bundle.diverged',
          sideBySide: row.sideBySide ?? [],
          incoming: r as unknown as Record<string, unknown>,
          receivedAt: at,
        });
        if (added) conflictsAdded++;
      }
      if (row.outcome === 'new' || row.outcome === 'amended') {
        writeAudit(
          orm,
          {
            actor: caller.actor,
            action: `handover.exchange.${row.outcome}`,
            entity: 'handover',
            entityId: row.id,
            details: {
              bundleId: header.bundleId,
              from: header.from,
              ...(fastForward !== null && { fastForwardFrom: fastForward }),
            },
          },
          at,
        );
      }
    }
    for (const o of report.rows) report.counts[o.outcome]++;
    // The same bundle again changes nothing: no record, no conflict, no audit line.
    if (report.counts.new + report.counts.amended === 0 && conflictsAdded === 0) return;
    writeAudit(
      orm,
      {
        actor: caller.actor,
        action: 'exchange.import',
        entity: 'exchange',
        entityId: header.bundleId,
        details: { from: header.from, ...report.counts },
      },
      at,
    );
  })();
  return report;
}

/** Conflicts kept from earlier bundles, waiting for a person (resolved ones stay in the table as history). */
export function pendingConflicts(ctx: AppContext): {
  id: string;
  bundleId: string;
  from: { id: string; name: string };
  handoverId: string;
  referenceNo: string;
  reason: string;
  sideBySide: NonNullable<MergeRow['sideBySide']>;
  receivedAt: string;
}[] {
  return listPendingConflicts(ctx.db.orm).map((c) => ({
    id: c.id,
    bundleId: c.bundleId,
    from: { id: c.fromOfficeId, name: c.fromOfficeName },
    handoverId: c.handoverId,
    referenceNo: c.referenceNo,
    reason: c.reason,
    sideBySide: c.sideBySide,
    receivedAt: c.receivedAt,
  }));
}
