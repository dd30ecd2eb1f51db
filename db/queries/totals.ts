import {
  FIGURES,
  type CountryTotals,
  type PeriodTotals,
  type TotalsFilter,
  type TotalsSum,
} from '../../electron/api/domain/totals';
import type { Orm } from '../open';
import { marks, rawStatement, type RawStatement } from './prepared';
import { rangeByCountry } from './range-totals';

export type { CountryTotals, PeriodTotals, TotalsFilter, TotalsSum };

type Range = [string, string];
const NONE: Range = ['1', '0'];
export interface RangeParts {
  /** Whole years (handover_year_totals). */
  years: Range;
  /** Whole months outside those years, before and after (handover_month_totals). */
  months: [Range, Range];
  /** Every whole month of the range: what a per-month timeline reads instead of years + months. */
  allMonths: Range;
  /** Days of a month the range covers only partly, before and after (the held days of range-totals.ts). */
  days: [Range, Range];
}

/**
 * A date range cut where the summaries can answer it: whole years, then whole months, then the days at the edges. An
 * unused part gets an empty range (BETWEEN '1' AND '0'), so every filter runs the same statement.
 */
export function splitRange(from?: string, to?: string): RangeParts {
  if (from && to && from > to) return { years: NONE, months: [NONE, NONE], allMonths: NONE, days: [NONE, NONE] };
  let days: [Range, Range] = [NONE, NONE];
  let mFrom = '0000-01';
  let mTo = '9999-12';
  if (from) {
    const m = from.slice(0, 7);
    if (from.slice(8) > '01') [days[0], mFrom] = [[from, `${m}-31`], nextMonth(m)];
    else mFrom = m;
  }
  if (to) {
    const m = to.slice(0, 7);
    if (to < `${m}-${lastDayOfMonth(m)}`) [days[1], mTo] = [[`${m}-01`, to], prevMonth(m)];
    else mTo = m;
  }
  // Both ends inside one month: the days between them are the whole answer.
  if (from && to && from.slice(0, 7) === to.slice(0, 7) && (days[0] !== NONE || days[1] !== NONE))
    days = [[from, to], NONE];
  if (mFrom > mTo) return { years: NONE, months: [NONE, NONE], allMonths: NONE, days };
  const allMonths: Range = [mFrom, mTo];
  const [y0, y1] = [mFrom.slice(0, 4), mTo.slice(0, 4)];
  if (y0 === y1 && !(mFrom.endsWith('-01') && mTo.endsWith('-12')))
    return { years: NONE, months: [allMonths, NONE], allMonths, days };
  const months: [Range, Range] = [
    mFrom.endsWith('-01') ? NONE : [mFrom, `${y0}-12`],
    mTo.endsWith('-12') ? NONE : [`${y1}-01`, mTo],
  ];
  const years: Range = [months[0] === NONE ? y0 : shiftYear(y0, 1), months[1] === NONE ? y1 : shiftYear(y1, -1)];
  return { years: years[0] <= years[1] ? years : NONE, months, allMonths, days };
}

const lastDayOfMonth = (month: string) =>
  new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
const shiftMonth = (month: string, by: number) => {
  const d = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1 + by, 1));
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
};
const nextMonth = (month: string) => shiftMonth(month, 1);
const prevMonth = (month: string) => shiftMonth(month, -1);
const shiftYear = (year: string, by: number) => String(Number(year) + by).padStart(4, '0');

/** The shape (how many statuses and camps) names the statement; the values come in placeholder order of partsSql. */
function totalsParams(f: TotalsFilter, byMonth: boolean): { shape: string; values: string[] } {
  const { statuses: list, camps } = filterLists(f);
  const parts = splitRange(f.from, f.to);
  const ranges = byMonth ? [parts.allMonths] : [parts.years, ...parts.months];
  return { shape: `${list.length}|${camps.length}`, values: ranges.flatMap((r) => [...list, ...r, ...camps]) };
}

/**
 * The whole periods of one filter as rows of (key, handovers, six counts, first, last), to be added up by the caller's
 * GROUP BY: whole years from handover_year_totals (unless a per-month timeline asks), whole months from
 * handover_month_totals. `key` is what is grouped by, as an expression of each.
 */
function partsSql(shape: string, key: { year?: string; month: string }): string {
  const [statuses, camps] = shape.split('|').map(Number);
  const where = (col: string) =>
    `status IN (${marks(statuses)}) AND ${col} BETWEEN ? AND ?${camps ? ` AND camp IN (${marks(camps)})` : ''}`;
  const summary = (table: string, k: string, col: string) =>
    `SELECT ${k} AS k, handovers AS n, women AS w, children AS c, boys AS b, girls AS g, unaccompanied AS u, men AS m, first AS f, last AS l FROM ${table} WHERE ${where(col)}`;
  const month = summary('handover_month_totals', key.month, 'month');
  return (key.year ? [summary('handover_year_totals', key.year, 'year'), month, month] : [month]).join(
    '\n    UNION ALL ',
  );
}

/**
 * Statements are prepared once per connection and filter shape (at most a few dozen); rows come back as arrays and
 * are keyed here, which costs less than building and mapping objects for plain numbers and strings. Hand-written
 * SQL on the connection because Drizzle's builder has no UNION ALL inside a FROM with its own GROUP BY.
 */
const prepared = new WeakMap<Orm, Map<string, RawStatement>>();
function cachedStatement<T>(orm: Orm, key: string, keys: readonly string[], build: () => string) {
  let byKey = prepared.get(orm);
  if (!byKey) prepared.set(orm, (byKey = new Map()));
  let stmt = byKey.get(key);
  if (!stmt) byKey.set(key, (stmt = rawStatement(orm, build())));
  return (params: unknown[]): T[] =>
    stmt.all(...params).map((row) => {
      const out: Record<string, unknown> = {};
      for (let i = 0; i < keys.length; i++) out[keys[i]] = row[i];
      return out as T;
    });
}

/**
 * Per-country totals, sorted by persons, then country code. All time reads handover_all_totals; any other range adds up
 * the held days of each bucket (range-totals.ts): one summary row and two binary searches per status × country × camp,
 * whatever the number of handovers or the length of the range.
 */
export function countryTotals(orm: Orm, f: TotalsFilter): CountryTotals[] {
  if (!f.from && !f.to) return allTimeTotals(orm, f);
  if (f.from && f.to && f.from > f.to) return [];
  return rangeByCountry(orm, { ...filterLists(f), from: f.from, to: f.to });
}

function filterLists(f: TotalsFilter): { statuses: string[]; camps: string[] } {
  const statuses = [...new Set(f.statuses.filter((s) => s === 'draft' || s === 'finalized'))];
  return { statuses: statuses.length ? statuses : ['finalized'], camps: [...new Set(f.camps ?? [])] };
}

/** All time, the page's default: one row per status × country × camp from handover_all_totals (migration 0010). */
function allTimeTotals(orm: Orm, f: TotalsFilter): CountryTotals[] {
  const { statuses: list, camps } = filterLists(f);
  return cachedStatement<CountryTotals>(
    orm,
    `all:${list.length}|${camps.length}`,
    COUNTRY_KEYS,
    () =>
      `SELECT receiving_country, sum(handovers), sum(women), sum(children), sum(boys), sum(girls), sum(unaccompanied), sum(men),
        sum(women) + sum(children) + sum(men) AS persons, min(first), max(last)
      FROM handover_all_totals WHERE status IN (${marks(list.length)})${camps.length ? ` AND camp IN (${marks(camps.length)})` : ''}
      GROUP BY receiving_country ORDER BY persons DESC, receiving_country ASC`,
  )([...list, ...camps]);
}

const COUNTRY_KEYS = ['country', ...FIGURES, 'first', 'last'] as const;

/** The sum row, from the per-country rows (at most a few hundred): the handover rows are never loaded. */
export function sumCountryTotals(rows: CountryTotals[]): TotalsSum {
  const sum: TotalsSum = { ...zeroFigures(), first: null, last: null };
  for (const r of rows) {
    for (const k of FIGURES) sum[k] += r[k];
    if (sum.first === null || r.first < sum.first) sum.first = r.first;
    if (sum.last === null || r.last > sum.last) sum.last = r.last;
  }
  return sum;
}

const zeroFigures = () => Object.fromEntries(FIGURES.map((k) => [k, 0])) as Record<(typeof FIGURES)[number], number>;

/**
 * Handovers and persons per month ('YYYY-MM') or year ('YYYY'), oldest first, same filter as countryTotals: whole
 * periods from the summaries, the days of a month the range covers only partly from the held days.
 */
export function periodTotals(orm: Orm, f: TotalsFilter, granularity: 'month' | 'year'): PeriodTotals[] {
  const byMonth = granularity === 'month';
  const p = totalsParams(f, byMonth);
  const key = byMonth ? { month: 'month' } : { year: 'year', month: 'substr(month, 1, 4)' };
  const rows = cachedStatement<PeriodTotals>(
    orm,
    `${granularity}:${p.shape}`,
    ['period', 'handovers', 'persons'],
    () => `SELECT k, sum(n), sum(w) + sum(c) + sum(m) FROM (${partsSql(p.shape, key)}) GROUP BY k ORDER BY k ASC`,
  )(p.values);
  const lists = filterLists(f);
  for (const [from, to] of splitRange(f.from, f.to).days) {
    if (from > to) continue;
    const period = from.slice(0, byMonth ? 7 : 4);
    let row = rows.find((r) => r.period === period);
    for (const c of rangeByCountry(orm, { ...lists, from, to })) {
      if (!row) rows.push((row = { period, handovers: 0, persons: 0 }));
      row.handovers += c.handovers;
      row.persons += c.persons;
    }
  }
  return rows.sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
}

/** Records that exist at all (void excepted): tells "nothing recorded yet" apart from "nothing matches". */
export function countRecorded(orm: Orm): number {
  const row = orm.$client
    .prepare("SELECT coalesce(sum(handovers), 0) AS n FROM handover_all_totals WHERE status IN ('draft', 'finalized')")
    .get() as { n: number };
  return row.n;
}
