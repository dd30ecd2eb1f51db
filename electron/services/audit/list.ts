import { auditActors, searchAudit } from '../../../db/queries/audit';
import { getHandoverByReference } from '../../../db/queries/handovers';
import type { z } from 'zod';
import type { auditPage, auditQuery } from '../../api/schemas/audit';
import type { AppContext } from '../context';

const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** Newest first; days are whole UTC days, `to` included. A record is named by its id or its reference number. */
export function listAuditEntries(ctx: AppContext, q: z.output<typeof auditQuery>): z.output<typeof auditPage> {
  const rows = searchAudit(ctx.db.orm, {
    actor: q.actor || undefined,
    entityId: q.entityId ? (getHandoverByReference(ctx.db.orm, q.entityId)?.id ?? q.entityId) : undefined,
    from: q.from ? `${q.from}T00:00:00.000Z` : undefined,
    to: q.to ? `${nextDay(q.to)}T00:00:00.000Z` : undefined,
    before: q.before,
    limit: q.limit,
  });
  return {
    rows: rows.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor,
      action: r.action,
      entity: r.entity,
      entityId: r.entityId,
      details: r.details,
    })),
    actors: auditActors(ctx.db.orm),
  };
}
