import { and, asc, desc, gte, inArray, lte, ne, sql, type SQL } from 'drizzle-orm';
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

/** The filter's values, named as the placeholders of totalsWhere; void can never be among the statuses. */
function totalsParams(f: TotalsFilter): { shape: string; params: Record<string, string> } {
  const statuses = [...new Set(f.statuses.filter((s) => s === 'draft' || s === 'finalized'))];
  const list = statuses.length ? statuses : ['finalized'];
  const camps = [...new Set(f.camps ?? [])];
  const params: Record<string, string> = {};
  list.forEach((v, i) => (params[`s${i}`] = v));
  camps.forEach((v, i) => (params[`c${i}`] = v));
  if (f.from) params.from = f.from;
  if (f.to) params.to = f.to;
  return { shape: `${list.length}|${camps.length}|${f.from ? 1 : 0}|${f.to ? 1 : 0}`, params };
}

/** The WHERE of one filter shape, with placeholders; the status column leads handovers_totals_idx. */
function totalsWhere(shape: string): SQL | undefined {
  const [statuses, camps, from, to] = shape.split('|').map(Number);
  const ph = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => sql.placeholder(`${prefix}${i}`));
  return and(
    inArray(handovers.status, ph('s', statuses)),
    from ? gte(handovers.handoverDate, sql.placeholder('from')) : undefined,
    to ? lte(handovers.handoverDate, sql.placeholder('to')) : undefined,
    camps ? inArray(handovers.camp, ph('c', camps)) : undefined,
  );
}

interface Prepared {
  values(params: Record<string, string>): unknown[][];
}

/**
 * Statements are built by Drizzle and prepared once per connection and filter shape (at most a few dozen):
 * building and preparing the SQL on every call cost more than running it on small databases. Rows come back as
 * arrays (Drizzle's values()) and are keyed here by the select's field order: Drizzle's generic row mapper cost
 * about a third of the query's own time on 10,000 handovers, for plain numbers and strings that need no decoding.
 */
const prepared = new WeakMap<Orm, Map<string, Prepared>>();
function cachedStatement<T>(orm: Orm, key: string, keys: readonly string[], build: () => Prepared) {
  let byKey = prepared.get(orm);
  if (!byKey) prepared.set(orm, (byKey = new Map()));
  let stmt = byKey.get(key);
  if (!stmt) byKey.set(key, (stmt = build()));
  return (params: Record<string, string>): T[] =>
    stmt.values(params).map((row) => {
      const out: Record<string, unknown> = {};
      for (let i = 0; i < keys.length; i++) out[keys[i]] = row[i];
      return out as T;
    });
}

const personsSum = sql<number>`sum(${handovers.womenCount} + ${handovers.childrenCount} + ${handovers.menCount})`;

/**
 * One aggregate statement per call (GROUP BY receiving_country), answered from the covering index
 * handovers_totals_idx without touching the table. Sorted by persons, then country code.
 */
export function countryTotals(orm: Orm, f: TotalsFilter): CountryTotals[] {
  const { shape, params } = totalsParams(f);
  return cachedStatement<CountryTotals>(orm, `country:${shape}`, COUNTRY_KEYS, () => buildCountryTotals(orm, shape))(params);
}

const COUNTRY_KEYS = ['country', 'handovers', 'women', 'children', 'boys', 'girls', 'unaccompanied', 'men', 'persons', 'first', 'last'] as const;

function buildCountryTotals(orm: Orm, shape: string) {
  const fields = {
    country: handovers.receivingCountry,
    handovers: sql<number>`count(*)`,
    women: sql<number>`sum(${handovers.womenCount})`,
    children: sql<number>`sum(${handovers.childrenCount})`,
    boys: sql<number>`sum(${handovers.boysCount})`,
    girls: sql<number>`sum(${handovers.girlsCount})`,
    unaccompanied: sql<number>`sum(${handovers.unaccompaniedCount})`,
    men: sql<number>`sum(${handovers.menCount})`,
    persons: personsSum,
    first: sql<string>`min(${handovers.handoverDate})`,
    last: sql<string>`max(${handovers.handoverDate})`,
  };
  if (Object.keys(fields).join() !== COUNTRY_KEYS.join()) throw new Error('countryTotals: field order changed');
  return orm
    .select(fields)
    .from(handovers)
    .where(totalsWhere(shape))
    .groupBy(handovers.receivingCountry)
    .orderBy(desc(personsSum), asc(handovers.receivingCountry))
    .prepare();
}

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
  const { shape, params } = totalsParams(f);
  return cachedStatement<PeriodTotals>(orm, `${granularity}:${shape}`, ['period', 'handovers', 'persons'], () => {
    const period = sql<string>`substr(${handovers.handoverDate}, 1, ${sql.raw(granularity === 'month' ? '7' : '4')})`;
    return orm
      .select({ period, handovers: sql<number>`count(*)`, persons: personsSum })
      .from(handovers)
      .where(totalsWhere(shape))
      .groupBy(period)
      .orderBy(asc(period))
      .prepare();
  })(params);
}

/** Records that exist at all (void excepted): tells "nothing recorded yet" apart from "nothing matches". */
export function countRecorded(orm: Orm): number {
  return orm.select({ n: sql<number>`count(*)` }).from(handovers).where(ne(handovers.status, 'void')).get()?.n ?? 0;
}
