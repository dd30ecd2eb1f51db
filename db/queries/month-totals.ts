import type { Orm } from '../open';

/**
 * What handover_month_totals and handover_year_totals must hold, computed from the table itself (the statements of
 * migrations 0006 and 0007), and what they hold.
 */
const FIGURES = `count(*) AS handovers, sum(women_count) AS women, sum(children_count) AS children, sum(boys_count) AS boys, sum(girls_count) AS girls,
  sum(unaccompanied_count) AS unaccompanied, sum(men_count) AS men, min(handover_date) AS first, max(handover_date) AS last`;
const LEVELS = [
  {
    table: 'handover_month_totals',
    key: 'month',
    fromTable: `SELECT status, substr(handover_date, 1, 7) AS month, receiving_country, camp, ${FIGURES} FROM handovers GROUP BY 1, 2, 3, 4`,
  },
  {
    table: 'handover_year_totals',
    key: 'year',
    fromTable: `SELECT status, substr(handover_date, 1, 4) AS year, receiving_country, camp, ${FIGURES} FROM handovers GROUP BY 1, 2, 3, 4`,
  },
] as const;

export interface MonthTotalsCheck {
  /** Buckets (status × month or year × country × camp) the table has. */
  buckets: number;
  /** Buckets missing, extra or with other figures in the summaries. */
  mismatched: number;
}

/** Compares the trigger-kept summaries with a plain GROUP BY over the table (full scans: for `check`, not the app). */
export function checkMonthTotals(orm: Orm): MonthTotalsCheck {
  const out = { buckets: 0, mismatched: 0 };
  for (const { table, key, fromTable } of LEVELS) {
    const stored = `SELECT status, ${key}, receiving_country, camp, handovers, women, children, boys, girls, unaccompanied, men, first, last FROM ${table}`;
    const row = orm.$client
      .prepare(
        `WITH t AS (${fromTable}), s AS (${stored})
        SELECT (SELECT count(*) FROM t) AS buckets,
          (SELECT count(*) FROM (SELECT status, ${key}, receiving_country, camp FROM (SELECT * FROM t EXCEPT SELECT * FROM s)
            UNION SELECT status, ${key}, receiving_country, camp FROM (SELECT * FROM s EXCEPT SELECT * FROM t))) AS mismatched`,
      )
      .get() as MonthTotalsCheck;
    out.buckets += row.buckets;
    out.mismatched += row.mismatched;
  }
  return out;
}

/** Replaces the summaries with what the table says, in the caller's transaction (or its own). */
export function rebuildMonthTotals(orm: Orm): void {
  orm.$client.transaction(() => {
    for (const { table, fromTable } of LEVELS)
      orm.$client.exec(`DELETE FROM ${table}; INSERT INTO ${table} ${fromTable}`);
  })();
}
