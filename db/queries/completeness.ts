import { and, count, gte, inArray, lte } from 'drizzle-orm';
import type { TotalsFilter } from '../../electron/api/domain/totals';
import type { Orm } from '../open';
import { handovers, incompleteSql } from '../schema';

/**
 * How many of the handovers a totals filter counts leave a party or the camp unrecorded (issue 10). Read from the
 * partial index handovers_incomplete_idx, which holds only those records, so it costs nothing when they are few.
 */
export function countIncomplete(orm: Orm, f: TotalsFilter): number {
  const row = orm
    .select({ n: count() })
    .from(handovers)
    .where(
      and(
        incompleteSql(handovers),
        inArray(handovers.status, f.statuses),
        f.from ? gte(handovers.handoverDate, f.from) : undefined,
        f.to ? lte(handovers.handoverDate, f.to) : undefined,
        f.camps?.length ? inArray(handovers.camp, f.camps) : undefined,
      ),
    )
    .get();
  return row?.n ?? 0;
}
