import { chainHash, GENESIS_HASH, iterateAudit } from '../../../db/queries/audit';
import type { AuditVerification } from '../../api/schemas/audit';
import type { AppContext } from '../context';

/**
 * Recomputes the whole chain and names the first entry that breaks it: an altered entry (its hash no longer matches),
 * a removed or inserted one (the next entry's link points elsewhere), an entry never chained, and, against the head
 * kept outside the database, a log cut short or rolled back to an older copy.
 */
export function verifyAudit(ctx: Pick<AppContext, 'db' | 'auditHead'>): AuditVerification {
  let prev = GENESIS_HASH;
  let count = 0;
  let lastId = 0;
  const kept = ctx.auditHead?.read() ?? null;
  let keptSeen: string | null | undefined;
  for (const row of iterateAudit(ctx.db.orm)) {
    count++;
    const at = { id: row.id, at: row.at, actor: row.actor, action: row.action };
    if (!row.hash || !row.prevHash) return { ok: false, count, broken: { ...at, reason: 'unchained' }, head: kept };
    if (row.prevHash !== prev) return { ok: false, count, broken: { ...at, reason: 'link' }, head: kept };
    if (chainHash(row.prevHash, row) !== row.hash)
      return { ok: false, count, broken: { ...at, reason: 'altered' }, head: kept };
    if (kept && row.id === kept.id) keptSeen = row.hash;
    prev = row.hash;
    lastId = row.id;
  }
  if (kept) {
    if (lastId < kept.id)
      return {
        ok: false,
        count,
        broken: { id: kept.id, at: null, actor: null, action: null, reason: 'missing' },
        head: kept,
      };
    if (keptSeen !== kept.hash)
      return {
        ok: false,
        count,
        broken: { id: kept.id, at: null, actor: null, action: null, reason: 'rolled_back' },
        head: kept,
      };
  }
  return { ok: true, count, broken: null, head: kept };
}
