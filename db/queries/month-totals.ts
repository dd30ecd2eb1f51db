import type { Orm } from '../open';

/** What handover_month_totals must hold, computed from the table itself (the same statement as migration 0006's). */
const FROM_TABLE = `SELECT status, substr(handover_date, 1, 7) AS month, receiving_country, camp, count(*) AS handovers, sum(women_count) AS women,
  sum(children_count) AS children, sum(boys_count) AS boys, sum(girls_count) AS girls, sum(unaccompanied_count) AS unaccompanied,
  sum(men_count) AS men, min(handover_date) AS first, max(handover_date) AS last
  FROM handovers GROUP BY 1, 2, 3, 4`;
const STORED = `SELECT status, month, receiving_country, camp, handovers, women, children, boys, girls, unaccompanied, men, first, last FROM handover_month_totals`;

export interface MonthTotalsCheck {
  /** Buckets (status × month × country × camp) the table has. */
  buckets: number;
  /** Buckets missing, extra or with other figures in the summary. */
  mismatched: number;
}

/** Compares the trigger-kept summary with a plain GROUP BY over the table (one full scan: for `check`, not the app). */
export function checkMonthTotals(orm: Orm): MonthTotalsCheck {
  const row = orm.$client
    .prepare(`WITH t AS (${FROM_TABLE}), s AS (${STORED})
      SELECT (SELECT count(*) FROM t) AS buckets,
        (SELECT count(*) FROM (SELECT status, month, receiving_country, camp FROM (SELECT * FROM t EXCEPT SELECT * FROM s)
          UNION SELECT status, month, receiving_country, camp FROM (SELECT * FROM s EXCEPT SELECT * FROM t))) AS mismatched`)
    .get() as MonthTotalsCheck;
  return row;
}

/** Replaces the summary with what the table says, in the caller's transaction (or its own). */
export function rebuildMonthTotals(orm: Orm): void {
  orm.$client.transaction(() => {
    orm.$client.exec(`DELETE FROM handover_month_totals; INSERT INTO handover_month_totals ${FROM_TABLE}`);
  })();
}
