import { and, asc, eq, isNull } from 'drizzle-orm';
import { exchangeConflicts } from '../schema';
import type { Orm } from '../open';

export type ExchangeConflictRow = typeof exchangeConflicts.$inferSelect;
export type NewExchangeConflictRow = typeof exchangeConflicts.$inferInsert;

/** Keeps a conflict; the same (bundle, handover) a second time is ignored. Returns whether a row was added. */
export function insertConflict(orm: Orm, row: NewExchangeConflictRow): boolean {
  return (
    orm
      .insert(exchangeConflicts)
      .values(row)
      .onConflictDoNothing({ target: [exchangeConflicts.bundleId, exchangeConflicts.handoverId] })
      .run().changes > 0
  );
}

export function getConflict(orm: Orm, id: string): ExchangeConflictRow | undefined {
  return orm.select().from(exchangeConflicts).where(eq(exchangeConflicts.id, id)).get();
}

/** Waiting for a person, oldest first. */
export function listPendingConflicts(orm: Orm): ExchangeConflictRow[] {
  return orm
    .select()
    .from(exchangeConflicts)
    .where(isNull(exchangeConflicts.resolvedAt))
    .orderBy(asc(exchangeConflicts.receivedAt), asc(exchangeConflicts.id))
    .all();
}

/** Records the decision once: returns false when the conflict was already resolved (or does not exist). */
export function markConflictResolved(
  orm: Orm,
  id: string,
  decision: { resolution: 'kept_local' | 'took_incoming'; resolvedAt: string; resolvedBy: string; note: string },
): boolean {
  return (
    orm
      .update(exchangeConflicts)
      .set({
        resolution: decision.resolution,
        resolvedAt: decision.resolvedAt,
        resolvedBy: decision.resolvedBy,
        resolutionNote: decision.note,
      })
      .where(and(eq(exchangeConflicts.id, id), isNull(exchangeConflicts.resolvedAt)))
      .run().changes > 0
  );
}
