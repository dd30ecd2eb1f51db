import { v7 as uuidv7 } from 'uuid';
import { writeAudit } from '../../db/queries/audit';
import {
  getHandoverByReference,
  getHandoverRow,
  insertHandoverRow,
  listHandoverRows,
  maxReferenceSeq,
  sumHandovers,
  updateHandoverRow,
  type HandoverRow,
} from '../../db/queries/handovers';
import type { HandoverFilter } from '../api/domain/handover';
import { AppError } from '../api/result';
import { resolveCountryName } from '../api/schemas/country-resolver';
import {
  protocolIssues,
  type HandoverFields,
  type ListQuery,
  type ListResult,
  type ListSummary,
} from '../api/schemas/handover';
import type { AppContext, Caller } from './context';
import { countryAliasMap } from './country-aliases';
import { fieldChanges } from '../api/domain/field-changes';
import { getSettings } from './settings';

export function getHandover(ctx: AppContext, id: string): HandoverRow {
  const row = getHandoverRow(ctx.db.orm, id);
  if (!row) throw new AppError('NOT_FOUND', `No handover with id ${id}`);
  return row;
}

export function assertReferenceFree(ctx: AppContext, referenceNo: string, exceptId?: string) {
  const other = getHandoverByReference(ctx.db.orm, referenceNo);
  if (other && other.id !== exceptId)
    throw new AppError('DUPLICATE_REFERENCE', `Reference ${referenceNo} is already used`, {
      issues: [{ path: 'referenceNo', key: 'duplicate_reference' }],
    });
}

/**
 * A protocol typed in the app names both parties and its camp. A record brought in from a sheet (or another office's
 * copy of one) needs only what the totals need (issue 10): it may stay incomplete through its edits and amendments,
 * and an amendment may complete it.
 */
export function assertProtocolRules(record: Pick<HandoverRow, 'source'> | null, data: HandoverFields) {
  if (record && record.source !== 'app') return;
  const issues = protocolIssues(data);
  if (issues.length)
    throw new AppError('VALIDATION', 'The protocol must name both parties and the camp', {
      issues: issues.map((i) => ({ path: `data.${i.path}`, key: i.key })),
    });
}

export function createHandover(ctx: AppContext, caller: Caller, data: HandoverFields): HandoverRow {
  assertProtocolRules(null, data);
  const at = ctx.now().toISOString();
  const id = uuidv7();
  ctx.db.sqlite.transaction(() => {
    assertReferenceFree(ctx, data.referenceNo);
    insertHandoverRow(ctx.db.orm, {
      ...data,
      id,
      status: 'draft',
      createdAt: at,
      createdBy: caller.actor,
      updatedAt: at,
      updatedBy: caller.actor,
    });
    auditHandover(ctx, caller, 'handover.create', id, { referenceNo: data.referenceNo }, at);
  })();
  return getHandover(ctx, id);
}

/** The audit entry of a change `caller` made to handover `id`. */
export function auditHandover(
  ctx: AppContext,
  caller: Caller,
  action: string,
  id: string,
  details: Record<string, unknown>,
  at: string,
) {
  writeAudit(ctx.db.orm, { actor: caller.actor, action, entity: 'handover', entityId: id, details }, at);
}

/** Drafts only; a finalized record changes through an amendment, whatever the UI allows. */
export function updateHandover(
  ctx: AppContext,
  caller: Caller,
  id: string,
  expectedRevision: number,
  data: HandoverFields,
): HandoverRow {
  const at = ctx.now().toISOString();
  ctx.db.sqlite.transaction(() => {
    const current = getHandover(ctx, id);
    if (current.status !== 'draft')
      throw new AppError('NOT_EDITABLE', `Handover ${current.referenceNo} is ${current.status} and cannot be edited`);
    if (current.revision !== expectedRevision)
      throw new AppError('CONFLICT', 'The handover was changed by someone else since it was opened', {
        currentRevision: current.revision,
      });
    assertProtocolRules(current, data);
    assertReferenceFree(ctx, data.referenceNo, id);
    const changes = fieldChanges(current, data, Object.keys(data));
    if (!updateHandoverRow(ctx.db.orm, id, expectedRevision, { ...data, updatedAt: at, updatedBy: caller.actor })) {
      throw new AppError('CONFLICT', 'The handover was changed by someone else since it was opened');
    }
    auditHandover(ctx, caller, 'handover.update', id, { changes }, at);
  })();
  return getHandover(ctx, id);
}

/** A search that is a country's name, in any spelling the resolver or the office's aliases know, also finds that country's records. */
function withSearchCountry<F extends HandoverFilter>(ctx: AppContext, f: F): F {
  if (!f.search?.trim()) return f;
  const match = resolveCountryName(f.search, countryAliasMap(ctx), { suggest: false });
  return match.ok ? { ...f, searchCountry: match.code } : f;
}

export const listHandovers = (ctx: AppContext, q: ListQuery): ListResult => ({
  rows: listHandoverRows(ctx.db.orm, withSearchCountry(ctx, q)),
});
export const summarizeHandovers = (ctx: AppContext, f: HandoverFilter): ListSummary =>
  sumHandovers(ctx.db.orm, withSearchCountry(ctx, f));

export function suggestReference(ctx: AppContext, year: number): string {
  const prefix = `${getSettings(ctx).referencePrefix}-${year}-`;
  return `${prefix}${String(maxReferenceSeq(ctx.db.orm, prefix) + 1).padStart(4, '0')}`;
}
