import type { Orm } from '../open';

/**
 * What each totals summary must hold, computed from the table itself (the statements of migrations 0006, 0007, 0010
 * and 0014), in the summary's column order, and the columns that key a bucket.
 */
const FIGURES = `count(*) AS handovers, sum(women_count) AS women, sum(children_count) AS children, sum(boys_count) AS boys, sum(girls_count) AS girls,
  sum(unaccompanied_count) AS unaccompanied, sum(men_count) AS men`;
const DATES = 'min(handover_date) AS first, max(handover_date) AS last';
const SUMS = ['handovers', 'women', 'children', 'boys', 'girls', 'unaccompanied', 'men'] as const;
const LEVELS = [
  {
    table: 'handover_month_totals',
    columns: `status, month, receiving_country, camp, ${SUMS.join(', ')}, first, last`,
    key: 'status, month, receiving_country, camp',
    fromTable: `SELECT status, substr(handover_date, 1, 7) AS month, receiving_country, camp, ${FIGURES}, ${DATES} FROM handovers GROUP BY 1, 2, 3, 4`,
  },
  {
    table: 'handover_year_totals',
    columns: `status, year, receiving_country, camp, ${SUMS.join(', ')}, first, last`,
    key: 'status, year, receiving_country, camp',
    fromTable: `SELECT status, substr(handover_date, 1, 4) AS year, receiving_country, camp, ${FIGURES}, ${DATES} FROM handovers GROUP BY 1, 2, 3, 4`,
  },
  {
    table: 'handover_all_totals',
    columns: `status, receiving_country, camp, ${SUMS.join(', ')}, first, last`,
    key: 'status, receiving_country, camp',
    fromTable: `SELECT status, receiving_country, camp, ${FIGURES}, ${DATES} FROM handovers GROUP BY 1, 2, 3`,
  },
  {
    table: 'handover_day_totals',
    columns: `status, receiving_country, camp, day, ${SUMS.join(', ')}`,
    key: 'status, receiving_country, camp, day',
    fromTable: `SELECT status, receiving_country, camp, handover_date AS day, ${FIGURES} FROM handovers GROUP BY 1, 2, 3, 4`,
  },
] as const;

export interface MonthTotalsCheck {
  /** Buckets (status × period × country × camp, in every summary) the table has. */
  buckets: number;
  /** Buckets missing, extra or with other figures in the summaries. */
  mismatched: number;
}

/** Compares the trigger-kept summaries with a plain GROUP BY over the table (full scans: for `check`, not the app). */
export function checkMonthTotals(orm: Orm): MonthTotalsCheck {
  const out = { buckets: 0, mismatched: 0 };
  for (const { table, columns, key, fromTable } of LEVELS) {
    const stored = `SELECT ${columns} FROM ${table}`;
    const row = orm.$client
      .prepare(
        `WITH t AS (${fromTable}), s AS (${stored})
        SELECT (SELECT count(*) FROM t) AS buckets,
          (SELECT count(*) FROM (SELECT ${key} FROM (SELECT * FROM t EXCEPT SELECT * FROM s)
            UNION SELECT ${key} FROM (SELECT * FROM s EXCEPT SELECT * FROM t))) AS mismatched`,
      )
      .get() as MonthTotalsCheck;
    out.buckets += row.buckets;
    out.mismatched += row.mismatched;
  }
  return out;
}

/**
 * Replaces the summaries with what the table says, in the caller's transaction (or its own). Every bucket gets a new
 * revision, so no process keeps days it loaded before.
 */
export function rebuildMonthTotals(orm: Orm): void {
  orm.$client.transaction(() => {
    for (const { table, columns, fromTable } of LEVELS)
      orm.$client.exec(`DELETE FROM ${table}; INSERT INTO ${table} (${columns}) ${fromTable}`);
    orm.$client.exec('UPDATE handover_all_totals SET revision = random()');
  })();
}

/** The figures a bucket gains from a bulk insert: handovers, the six counts, first and last date. */
interface Bucket {
  key: [status: string, period: string, country: string, camp: string];
  n: number[];
  first: string;
  last: string;
}

/**
 * Adds a bucket's figures to its row: `period`: the key has a period (all but handover_all_totals); `dates`: first and
 * last follow; `revision`: a new one (handover_all_totals).
 */
const upsert = (table: string, { period = true, dates = true, revision = false } = {}) => {
  const values = ['?', '?', '?', ...(period ? ['?'] : []), ...SUMS.map(() => '?')];
  if (dates) values.push('?', '?');
  if (revision) values.push('random()');
  const set = SUMS.map((c) => `${c} = ${c} + excluded.${c}`);
  if (dates) set.push('first = min(first, excluded.first)', 'last = max(last, excluded.last)');
  if (revision) set.push('revision = excluded.revision');
  return `INSERT INTO ${table} VALUES (${values.join(', ')}) ON CONFLICT DO UPDATE SET ${set.join(', ')}`;
};

/**
 * The totals summaries for a bulk insert on this connection, in its open write transaction: `add` drops the insert
 * trigger inside the transaction (DDL is transactional: no other connection ever sees it gone, a rollback or crash
 * brings it back) and adds a row's figures to its day bucket in memory; `flush` writes each day, month, year and
 * all-time bucket once and creates the trigger again exactly as it was, before the caller commits. Dropping it rather
 * than skipping it by its WHEN clause (migration 0009's flag row): any AFTER INSERT trigger makes every INSERT keep a
 * statement journal, which alone made the bare record INSERT 2.3× the CPU.
 */
export function deferredTotals(sqlite: Orm['$client']) {
  const trigger = () =>
    (
      sqlite
        .prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'handover_totals_insert'")
        .get() as { sql: string } | undefined
    )?.sql;
  let dropped: string | undefined;
  const months = sqlite.prepare(upsert('handover_month_totals'));
  const years = sqlite.prepare(upsert('handover_year_totals'));
  const allTime = sqlite.prepare(upsert('handover_all_totals', { period: false, revision: true }));
  const days = sqlite.prepare(upsert('handover_day_totals', { dates: false }));
  let buckets = new Map<string, Bucket>();
  let deferred = false;
  const addTo = (map: Map<string, Bucket>, key: Bucket['key'], n: readonly number[], first: string, last: string) => {
    const id = key.join('\u0000');
    const b = map.get(id);
    if (!b) map.set(id, { key, n: [...n], first, last });
    else {
      for (let i = 0; i < n.length; i++) b.n[i] += n[i];
      if (first < b.first) b.first = first;
      if (last > b.last) b.last = last;
    }
  };
  return {
    /** `counts`: women, children, boys, girls, unaccompanied, men. */
    add(status: string, date: string, country: string, camp: string, counts: readonly number[]) {
      if (!deferred) {
        dropped = trigger();
        if (dropped) sqlite.exec('DROP TRIGGER handover_totals_insert');
        deferred = true;
      }
      addTo(buckets, [status, date, country, camp], [1, ...counts], date, date);
    },
    flush() {
      if (!deferred) return;
      const perMonth = new Map<string, Bucket>();
      for (const b of buckets.values()) {
        days.run(b.key[0], b.key[2], b.key[3], b.key[1], ...b.n);
        addTo(perMonth, [b.key[0], b.key[1].slice(0, 7), b.key[2], b.key[3]], b.n, b.first, b.last);
      }
      const perYear = new Map<string, Bucket>();
      for (const b of perMonth.values()) {
        months.run(...b.key, ...b.n, b.first, b.last);
        addTo(perYear, [b.key[0], b.key[1].slice(0, 4), b.key[2], b.key[3]], b.n, b.first, b.last);
      }
      const perStatus = new Map<string, Bucket>();
      for (const b of perYear.values()) {
        years.run(...b.key, ...b.n, b.first, b.last);
        addTo(perStatus, [b.key[0], '', b.key[2], b.key[3]], b.n, b.first, b.last);
      }
      for (const b of perStatus.values()) allTime.run(b.key[0], b.key[2], b.key[3], ...b.n, b.first, b.last);
      if (dropped) sqlite.exec(dropped);
      dropped = undefined;
      buckets = new Map();
      deferred = false;
    },
  };
}
