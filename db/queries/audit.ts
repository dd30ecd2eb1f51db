import { auditLog } from '../schema';
import type { Orm } from '../open';

export interface AuditEntry {
  actor: string;
  action: string;
  entity: string;
  entityId?: string | null;
  details?: Record<string, unknown>;
}

/** Every audit write goes through here: the hash chain of the trust issue will be added in this one function. */
export function writeAudit(orm: Orm, entry: AuditEntry, at: string = new Date().toISOString()): void {
  orm.insert(auditLog).values({ at, actor: entry.actor, action: entry.action, entity: entry.entity, entityId: entry.entityId ?? null, details: entry.details ?? {} }).run();
}

export function listAudit(orm: Orm, entity: string, entityId: string) {
  return orm.query.auditLog.findMany({ where: (a, { and, eq }) => and(eq(a.entity, entity), eq(a.entityId, entityId)), orderBy: (a, { asc }) => asc(a.id) });
}
