import { handovers } from '../schema';
import type { Orm } from '../open';

export type TotalsStatus = 'draft' | 'finalized';
export type TotalsCamp = (typeof handovers.$inferSelect)['camp'];

export interface TotalsFilter {
  from?: string;
  to?: string;
  camps?: TotalsCamp[];
  /** Which statuses count. Void is never counted, whatever the caller passes. */
  statuses: TotalsStatus[];
}

export interface CountryTotals {
  country: string;
  handovers: number;
  women: number;
  children: number;
  boys: number;
  girls: number;
  unaccompanied: number;
  men: number;
  persons: number;
  first: string;
  last: string;
}

export type TotalsSum = Omit<CountryTotals, 'country' | 'first' | 'last'> & { first: string | null; last: string | null };

export interface PeriodTotals {
  period: string;
  handovers: number;
  persons: number;
}

/**
 * A date range cut where the summary can answer it: whole months from handover_month_totals, the days of a month the
 * range only partly covers (at most two edges) from handovers_totals_idx. An unused part gets an empty range.
 */
export function splitRange(from?: string, to?: string): { months: [string, string]; edges: [[string, string], [string, string]] } {
  const none: [string, string] = ['1', '0'];
  if (from && to && from > to) return { months: none, edges: [none, none] };
  let months: [string, string] = ['0000-00', '9999-99'];
  let head = none;
  let tail = none;
  if (from && !from.endsWith('-01')) {
    head = [from, `${from.slice(0, 7)}-31`];
    months = [nextMonth(from.slice(0, 7)), months[1]];
  } else if (from) months = [from.slice(0, 7), months[1]];
  if (to && to < `${to.slice(0, 7)}-${lastDayOfMonth(to.slice(0, 7))}`) {
    tail = [`${to.slice(0, 7)}-01`, to];
    months = [months[0], prevMonth(to.slice(0, 7))];
  } else if (to) months = [months[0], to.slice(0, 7)];
  // Both ends inside one month: the days between them are the whole answer.
  if (from && to && from.slice(0, 7) === to.slice(0, 7) && (head !== none || tail !== none)) return { months: none, edges: [[from, to], none] };
  return { months, edges: [head, tail] };
}

const lastDayOfMonth = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
const shiftMonth = (month: string, by: number) => {
  const d = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1 + by, 1));
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
};
const nextMonth = (month: string) => shiftMonth(month, 1);
const prevMonth = (month: string) => shiftMonth(month, -1);

/** The filter's values in placeholder order of totalsSql; the shape (how many statuses and camps) names the statement. */
function totalsParams(f: TotalsFilter): { shape: string; months: string[]; head: string[]; tail: string[] } {
  const statuses = [...new Set(f.statuses.filter((s) => s === 'draft' || s === 'finalized'))];
  const list = statuses.length ? statuses : ['finalized'];
  const camps = [...new Set(f.camps ?? [])];
  const { months, edges } = splitRange(f.from, f.to);
  const where = (range: string[]) => [...list, ...range, ...camps];
  return { shape: `${list.length}|${camps.length}`, months: where(months), head: where(edges[0]), tail: where(edges[1]) };
}

const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/**
 * The figures of one filter, as rows of (key, handovers, six counts, first, last): the summary's whole months plus
 * the edge days from the covering index, to be added up by the caller's GROUP BY. `key` is the summary's and the
 * table's expression of what is grouped by (country, month or year).
 */
function partsSql(shape: string, summaryKey: string, tableKey: string): string {
  const [statuses, camps] = shape.split('|').map(Number);
  const camp = camps ? ` AND camp IN (${marks(camps)})` : '';
  const edge = `SELECT ${tableKey}, count(*), sum(women_count), sum(children_count), sum(boys_count), sum(girls_count), sum(unaccompanied_count),
      sum(men_count), min(handover_date), max(handover_date)
    FROM handovers WHERE status IN (${marks(statuses)}) AND handover_date BETWEEN ? AND ?${camp} GROUP BY 1`;
  return `SELECT ${summaryKey} AS k, handovers AS n, women AS w, children AS c, boys AS b, girls AS g, unaccompanied AS u, men AS m, first AS f, last AS l
    FROM handover_month_totals WHERE status IN (${marks(statuses)}) AND month BETWEEN ? AND ?${camp}
    UNION ALL ${edge}
    UNION ALL ${edge}`;
}

interface Prepared {
  raw(toggle: boolean): Prepared;
  all(...params: unknown[]): unknown[][];
}

/**
 * Statements are prepared once per connection and filter shape (at most a few dozen); rows come back as arrays and
 * are keyed here, which costs less than building and mapping objects for plain numbers and strings. Hand-written
 * SQL on the connection because Drizzle's builder has no UNION ALL inside a FROM with its own GROUP BY.
 */
const prepared = new WeakMap<Orm, Map<string, Prepared>>();
function cachedStatement<T>(orm: Orm, key: string, keys: readonly string[], build: () => string) {
  let byKey = prepared.get(orm);
  if (!byKey) prepared.set(orm, (byKey = new Map()));
  let stmt = byKey.get(key);
  if (!stmt) byKey.set(key, (stmt = (orm.$client.prepare(build()) as unknown as Prepared).raw(true)));
  return (params: unknown[]): T[] =>
    stmt.all(...params).map((row) => {
      const out: Record<string, unknown> = {};
      for (let i = 0; i < keys.length; i++) out[keys[i]] = row[i];
      return out as T;
    });
}

/**
 * Per-country totals: whole months from the summary (at most countries × months × camps rows of the chosen statuses),
 * edge days from the index. Sorted by persons, then country code.
 */
export function countryTotals(orm: Orm, f: TotalsFilter): CountryTotals[] {
  const p = totalsParams(f);
  return cachedStatement<CountryTotals>(orm, `country:${p.shape}`, COUNTRY_KEYS, () =>
    `SELECT k, sum(n), sum(w), sum(c), sum(b), sum(g), sum(u), sum(m), sum(w) + sum(c) + sum(m) AS persons, min(f), max(l)
      FROM (${partsSql(p.shape, 'receiving_country', 'receiving_country')}) GROUP BY k ORDER BY persons DESC, k ASC`,
  )([...p.months, ...p.head, ...p.tail]);
}

const COUNTRY_KEYS = ['country', 'handovers', 'women', 'children', 'boys', 'girls', 'unaccompanied', 'men', 'persons', 'first', 'last'] as const;

/** The sum row, from the per-country rows (at most a few hundred): the handover rows are never loaded. */
export function sumCountryTotals(rows: CountryTotals[]): TotalsSum {
  const sum: TotalsSum = { handovers: 0, women: 0, children: 0, boys: 0, girls: 0, unaccompanied: 0, men: 0, persons: 0, first: null, last: null };
  for (const r of rows) {
    sum.handovers += r.handovers;
    sum.women += r.women;
    sum.children += r.children;
    sum.boys += r.boys;
    sum.girls += r.girls;
    sum.unaccompanied += r.unaccompanied;
    sum.men += r.men;
    sum.persons += r.persons;
    if (sum.first === null || r.first < sum.first) sum.first = r.first;
    if (sum.last === null || r.last > sum.last) sum.last = r.last;
  }
  return sum;
}

/** Handovers and persons per month ('YYYY-MM') or year ('YYYY'), oldest first, same filter as countryTotals. */
export function periodTotals(orm: Orm, f: TotalsFilter, granularity: 'month' | 'year'): PeriodTotals[] {
  const p = totalsParams(f);
  const len = granularity === 'month' ? 7 : 4;
  return cachedStatement<PeriodTotals>(orm, `${granularity}:${p.shape}`, ['period', 'handovers', 'persons'], () =>
    `SELECT k, sum(n), sum(w) + sum(c) + sum(m) FROM (${partsSql(p.shape, `substr(month, 1, ${len})`, `substr(handover_date, 1, ${len})`)}) GROUP BY k ORDER BY k ASC`,
  )([...p.months, ...p.head, ...p.tail]);
}

/** Records that exist at all (void excepted): tells "nothing recorded yet" apart from "nothing matches". */
export function countRecorded(orm: Orm): number {
  const row = orm.$client.prepare("SELECT coalesce(sum(handovers), 0) AS n FROM handover_month_totals WHERE status IN ('draft', 'finalized')").get() as { n: number };
  return row.n;
}
