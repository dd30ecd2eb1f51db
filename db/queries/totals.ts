import {
  FIGURES,
  type CountryTotals,
  type PeriodTotals,
  type TotalsFilter,
  type TotalsSum,
} from '../../electron/api/domain/totals';
import type { Orm } from '../open';

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
  /** Days of a month the range covers only partly, before and after (handovers_totals_idx). */
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
  const statuses = [...new Set(f.statuses.filter((s) => s === 'draft' || s === 'finalized'))];
  const list = statuses.length ? statuses : ['finalized'];
  const camps = [...new Set(f.camps ?? [])];
  const parts = splitRange(f.from, f.to);
  const ranges = byMonth ? [parts.allMonths, ...parts.days] : [parts.years, ...parts.months, ...parts.days];
  return { shape: `${list.length}|${camps.length}`, values: ranges.flatMap((r) => [...list, ...r, ...camps]) };
}

const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/**
 * The figures of one filter as rows of (key, handovers, six counts, first, last), to be added up by the caller's GROUP
 * BY: whole years from handover_year_totals (unless a per-month timeline asks), whole months from
 * handover_month_totals, edge days from the covering index. `key` is what is grouped by, as an expression of each.
 */
function partsSql(shape: string, key: { year?: string; month: string; table: string }): string {
  const [statuses, camps] = shape.split('|').map(Number);
  const where = (col: string) =>
    `status IN (${marks(statuses)}) AND ${col} BETWEEN ? AND ?${camps ? ` AND camp IN (${marks(camps)})` : ''}`;
  const summary = (table: string, k: string, col: string) =>
    `SELECT ${k} AS k, handovers AS n, women AS w, children AS c, boys AS b, girls AS g, unaccompanied AS u, men AS m, first AS f, last AS l FROM ${table} WHERE ${where(col)}`;
  const days = `SELECT ${key.table}, count(*), sum(women_count), sum(children_count), sum(boys_count), sum(girls_count), sum(unaccompanied_count),
      sum(men_count), min(handover_date), max(handover_date) FROM handovers WHERE ${where('handover_date')} GROUP BY 1`;
  const month = summary('handover_month_totals', key.month, 'month');
  return [...(key.year ? [summary('handover_year_totals', key.year, 'year'), month] : []), month, days, days].join(
    '\n    UNION ALL ',
  );
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
 * Per-country totals, sorted by persons, then country code. All time reads handover_all_totals; any other range reads,
 * per bucket (status × country × camp, at most countries × camps per status), its running sums before `from` and up to
 * `to` and its first and last day inside the range (rangeLookups): a fixed number of rows per bucket, whatever the
 * number of handovers or the length of the range.
 */
export function countryTotals(orm: Orm, f: TotalsFilter): CountryTotals[] {
  if (!f.from && !f.to) return allTimeTotals(orm, f);
  if (f.from && f.to && f.from > f.to) return [];
  const statuses = [...new Set(f.statuses.filter((s) => s === 'draft' || s === 'finalized'))];
  const list = statuses.length ? statuses : ['finalized'];
  const camps = [...new Set(f.camps ?? [])];
  // Whole periods the summaries hold in a few rows per bucket (a year, a few months): fewer rows than the running sums.
  if (readsSummaries(f.from, f.to)) {
    const p = totalsParams(f, false);
    return cachedStatement<CountryTotals>(
      orm,
      `country:${p.shape}`,
      COUNTRY_KEYS,
      () =>
        `SELECT k, sum(n), sum(w), sum(c), sum(b), sum(g), sum(u), sum(m), sum(w) + sum(c) + sum(m) AS persons, min(f), max(l)
      FROM (${partsSql(p.shape, { year: 'receiving_country', month: 'receiving_country', table: 'receiving_country' })}) GROUP BY k ORDER BY persons DESC, k ASC`,
    )(p.values);
  }
  const ends = rangeEnds(f.from, f.to);
  const named: Record<string, string> = {};
  if (f.from) Object.assign(named, { from: f.from, fromMonth: f.from.slice(0, 7) });
  if (f.to) Object.assign(named, { to: f.to, toMonth: f.to.slice(0, 7) });
  return cachedStatement<CountryTotals>(
    orm,
    `range:${list.length}|${camps.length}|${ends.join('')}`,
    COUNTRY_KEYS,
    () => rangeSql(list.length, camps.length, ends),
  )([...list, ...camps, named]);
}

/** A range of whole months of at most four summary rows per bucket (its whole years and the months around them). */
export function readsSummaries(from?: string, to?: string): boolean {
  const parts = splitRange(from, to);
  return parts.days.every((r) => r === NONE) && summaryPeriods(parts) <= 4;
}

function summaryPeriods({ years, months }: RangeParts): number {
  const index = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7));
  const count = ([a, b]: Range, of: (x: string) => number) => (a > b ? 0 : of(b) - of(a) + 1);
  return count(years, Number) + months.reduce((t, r) => t + count(r, index), 0);
}

/**
 * How a range's ends are read: 'none' (open end), 'month' (from is a month's first day, or to its last: the running sum
 * of whole months is one row) or 'day' (a month row and a day row of the running sums).
 */
type End = 'none' | 'month' | 'day';
export function rangeEnds(from?: string, to?: string): [from: End, to: End] {
  const fromEnd: End = !from ? 'none' : from.slice(8) <= '01' ? 'month' : 'day';
  const toEnd: End = !to ? 'none' : to.slice(8) >= String(lastDayOfMonth(to.slice(0, 7))) ? 'month' : 'day';
  return [fromEnd, toEnd];
}

/** Rows read per bucket besides the bucket's own all-time row: one per running-sum row and one per first/last day. */
export const rangeLookups = ([from, to]: [End, End]) =>
  (from === 'none' ? 0 : from === 'month' ? 1 : 2) + (to === 'none' ? 0 : to === 'month' ? 1 : 2) + 2;

const SUMS = ['handovers', 'women', 'children', 'boys', 'girls', 'unaccompanied', 'men'] as const;

/**
 * One statement per shape: for each bucket of handover_all_totals, the latest running-sum rows before the range
 * (mf, df) and at its end (mt, dt), each found by one seek on the primary key (status, country, camp, period) and joined
 * by it; the range's figures are the difference. The first and last day are the bucket's first and last day row inside
 * the range (a row exists only where it has handovers); an open end takes the bucket's own first or last.
 */
function rangeSql(statuses: number, camps: number, [fromEnd, toEnd]: [End, End]): string {
  const key = (a: string) =>
    `${a}.status = b.status AND ${a}.receiving_country = b.receiving_country AND ${a}.camp = b.camp`;
  const latest = (alias: string, table: string, col: string, where: string) =>
    `LEFT JOIN ${table} ${alias} ON ${key(alias)} AND ${alias}.${col} = (SELECT ${col} FROM ${table} x WHERE ${key('x')} AND ${where} ORDER BY ${col} DESC LIMIT 1)`;
  const joins: string[] = [];
  const upTo: string[] = [];
  const before: string[] = [];
  if (toEnd === 'none') upTo.push('b');
  else if (toEnd === 'month') joins.push(latest('mt', 'handover_month_sums', 'month', 'x.month <= @toMonth'));
  else
    joins.push(
      latest('mt', 'handover_month_sums', 'month', 'x.month < @toMonth'),
      latest('dt', 'handover_day_sums', 'day', "x.day BETWEEN @toMonth || '-01' AND @to"),
    );
  if (toEnd !== 'none') upTo.push('mt', ...(toEnd === 'day' ? ['dt'] : []));
  if (fromEnd !== 'none') joins.push(latest('mf', 'handover_month_sums', 'month', 'x.month < @fromMonth'));
  if (fromEnd === 'day')
    joins.push(latest('df', 'handover_day_sums', 'day', "x.day >= @fromMonth || '-01' AND x.day < @from"));
  if (fromEnd !== 'none') before.push('mf', ...(fromEnd === 'day' ? ['df'] : []));
  const figure = (c: string) =>
    [
      ...upTo.map((a) => (a === 'b' ? `b.${c}` : `coalesce(${a}.${c}, 0)`)),
      ...before.map((a) => `- coalesce(${a}.${c}, 0)`),
    ]
      .join(' + ')
      .replace(/\+ -/g, '-');
  const inRange =
    fromEnd === 'none' ? 'x.day <= @to' : toEnd === 'none' ? 'x.day >= @from' : 'x.day BETWEEN @from AND @to';
  const day = (order: string) =>
    `(SELECT day FROM handover_day_sums x WHERE ${key('x')} AND ${inRange} ORDER BY day ${order} LIMIT 1)`;
  const first = fromEnd === 'none' ? 'CASE WHEN b.first <= @to THEN b.first END' : day('ASC');
  const last = toEnd === 'none' ? 'CASE WHEN b.last >= @from THEN b.last END' : day('DESC');
  return `SELECT b.receiving_country, ${SUMS.map((c) => `sum(${figure(c)}) AS ${c}_`).join(', ')},
      sum(${['women', 'children', 'men']
        .map(figure)
        .map((e) => `(${e})`)
        .join(' + ')}) AS persons_, min(${first}), max(${last})
    FROM handover_all_totals b
    ${joins.join('\n    ')}
    WHERE b.status IN (${marks(statuses)})${camps ? ` AND b.camp IN (${marks(camps)})` : ''}
    GROUP BY b.receiving_country HAVING handovers_ > 0 ORDER BY persons_ DESC, b.receiving_country ASC`;
}

/** All time, the page's default: one row per status × country × camp from handover_all_totals (migration 0010). */
function allTimeTotals(orm: Orm, f: TotalsFilter): CountryTotals[] {
  const statuses = [...new Set(f.statuses.filter((s) => s === 'draft' || s === 'finalized'))];
  const list = statuses.length ? statuses : ['finalized'];
  const camps = [...new Set(f.camps ?? [])];
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

/** Handovers and persons per month ('YYYY-MM') or year ('YYYY'), oldest first, same filter as countryTotals. */
export function periodTotals(orm: Orm, f: TotalsFilter, granularity: 'month' | 'year'): PeriodTotals[] {
  const byMonth = granularity === 'month';
  const p = totalsParams(f, byMonth);
  const key = byMonth
    ? { month: 'month', table: 'substr(handover_date, 1, 7)' }
    : { year: 'year', month: 'substr(month, 1, 4)', table: 'substr(handover_date, 1, 4)' };
  return cachedStatement<PeriodTotals>(
    orm,
    `${granularity}:${p.shape}`,
    ['period', 'handovers', 'persons'],
    () => `SELECT k, sum(n), sum(w) + sum(c) + sum(m) FROM (${partsSql(p.shape, key)}) GROUP BY k ORDER BY k ASC`,
  )(p.values);
}

/** Records that exist at all (void excepted): tells "nothing recorded yet" apart from "nothing matches". */
export function countRecorded(orm: Orm): number {
  const row = orm.$client
    .prepare("SELECT coalesce(sum(handovers), 0) AS n FROM handover_all_totals WHERE status IN ('draft', 'finalized')")
    .get() as { n: number };
  return row.n;
}
