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

function totalsWhere(f: TotalsFilter): SQL | undefined {
  // The status column leads handovers_totals_idx, so the IN keeps the scan on the covering index.
  const statuses = f.statuses.filter((s) => s === 'draft' || s === 'finalized');
  return and(
    inArray(handovers.status, statuses.length ? statuses : ['finalized']),
    f.from ? gte(handovers.handoverDate, f.from) : undefined,
    f.to ? lte(handovers.handoverDate, f.to) : undefined,
    f.camps?.length ? inArray(handovers.camp, f.camps) : undefined,
  );
}

const personsSum = sql<number>`sum(${handovers.womenCount} + ${handovers.childrenCount} + ${handovers.menCount})`;

/**
 * One aggregate statement per call (GROUP BY receiving_country), answered from the covering index
 * handovers_totals_idx without touching the table. Sorted by persons, then country code.
 */
export function countryTotals(orm: Orm, f: TotalsFilter): CountryTotals[] {
  return orm
    .select({
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
    })
    .from(handovers)
    .where(totalsWhere(f))
    .groupBy(handovers.receivingCountry)
    .orderBy(desc(personsSum), asc(handovers.receivingCountry))
    .all();
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
  const period = sql<string>`substr(${handovers.handoverDate}, 1, ${granularity === 'month' ? 7 : 4})`;
  return orm
    .select({ period, handovers: sql<number>`count(*)`, persons: personsSum })
    .from(handovers)
    .where(totalsWhere(f))
    .groupBy(period)
    .orderBy(asc(period))
    .all();
}

/** Records that exist at all (void excepted): tells "nothing recorded yet" apart from "nothing matches". */
export function countRecorded(orm: Orm): number {
  return orm.select({ n: sql<number>`count(*)` }).from(handovers).where(ne(handovers.status, 'void')).get()?.n ?? 0;
}
