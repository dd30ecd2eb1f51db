import type { CountryTotals } from '../../electron/api/domain/totals';
import type { Orm } from '../open';
import { marks, rawStatement, type RawStatement } from './prepared';

/** The figures of handover_day_totals, in its column order: handovers, women, children, boys, girls, unaccompanied, men. */
const WIDTH = 7;

/**
 * Periods (months as YYYYMM, or days as YYYYMMDD) that have handovers, ascending, with the running sums of their
 * figures: `sums[i * WIDTH + k]` is figure k of every period before period i, so the figures of periods i..j-1 are two
 * subtractions. 32-bit sums (32 bytes a period), 64-bit when a total does not fit, so every sum stays exact.
 */
interface Periods {
  keys: Int32Array;
  sums: Int32Array | Float64Array;
}

/**
 * What is held of one bucket (status × country × camp): its months with their first and last day, and the days of
 * the months a range has begun or ended in (read when first needed; a few dozen at most are kept).
 */
interface Bucket {
  revision: number;
  months: Periods & { first: Int32Array; last: Int32Array };
  days: Map<number, Periods>;
}

interface Held {
  buckets: Map<string, Bucket>;
  lists: Map<string, RawStatement>;
  months: RawStatement;
  allMonths: Map<string, RawStatement>;
  days: RawStatement;
}

const MONTHS_KEPT = 24;
/** From this many buckets to read on, one pass over the month summary costs less than a read per bucket. */
export const MANY = 8;

/**
 * The buckets asked for so far, per connection. A bucket is read from handover_day_totals when first asked and again
 * only when its revision in handover_all_totals has changed: every write to the bucket, by any connection or process,
 * sets a new random revision in the same transaction (migration 0014), so what is held is never out of date. A
 * restored database is a new connection and starts empty.
 */
const held = new WeakMap<Orm, Held>();

function heldFor(orm: Orm): Held {
  let h = held.get(orm);
  if (h) return h;
  const prepare = (sql: string) => rawStatement(orm, sql);
  const bucket = 'status = ? AND receiving_country = ? AND camp = ?';
  h = {
    buckets: new Map(),
    lists: new Map(),
    months: prepare(
      `SELECT substr(day, 1, 7), sum(handovers), sum(women), sum(children), sum(boys), sum(girls), sum(unaccompanied),
        sum(men), min(day), max(day) FROM handover_day_totals WHERE ${bucket} GROUP BY 1 ORDER BY 1`,
    ),
    allMonths: new Map(),
    days: prepare(
      `SELECT day, handovers, women, children, boys, girls, unaccompanied, men FROM handover_day_totals
      WHERE ${bucket} AND day BETWEEN ? AND ? ORDER BY day`,
    ),
  };
  held.set(orm, h);
  return h;
}

/** 'YYYY-MM-DD' or 'YYYY-MM' as the number YYYYMMDD or YYYYMM. */
const periodNumber = (p: string) =>
  p.length > 7
    ? Number(p.slice(0, 4)) * 10_000 + Number(p.slice(5, 7)) * 100 + Number(p.slice(8, 10))
    : Number(p.slice(0, 4)) * 100 + Number(p.slice(5, 7));
const dayText = (n: number) =>
  `${String(Math.floor(n / 10_000)).padStart(4, '0')}-${String(Math.floor(n / 100) % 100).padStart(2, '0')}-${String(n % 100).padStart(2, '0')}`;
const monthText = (m: number) => `${String(Math.floor(m / 100)).padStart(4, '0')}-${String(m % 100).padStart(2, '0')}`;

/** Rows of (period, seven figures, ...) as Periods. */
function periods(rows: unknown[][]): Periods {
  const keys = new Int32Array(rows.length);
  let largest = 0;
  for (const row of rows) for (let k = 1; k <= WIDTH; k++) largest += row[k] as number;
  const sums = new (largest < 2 ** 31 ? Int32Array : Float64Array)((rows.length + 1) * WIDTH);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    keys[i] = periodNumber(row[0] as string);
    for (let k = 0; k < WIDTH; k++) sums[(i + 1) * WIDTH + k] = sums[i * WIDTH + k] + (row[k + 1] as number);
  }
  return { keys, sums };
}

/** The buckets of a filter's shape ('statuses|camps', how many of each; no camp: every camp), as a WHERE clause. */
function bucketsOf(shape: string): string {
  const [statuses, camps] = shape.split('|').map(Number);
  return `status IN (${marks(statuses)})${camps ? ` AND camp IN (${marks(camps)})` : ''}`;
}

/** Rows of (month, seven figures, first day, last day), oldest first, as a bucket. */
function bucketOf(rows: unknown[][], revision: number): Bucket {
  const first = new Int32Array(rows.length);
  const last = new Int32Array(rows.length);
  rows.forEach((row, i) => {
    first[i] = periodNumber(row[WIDTH + 1] as string);
    last[i] = periodNumber(row[WIDTH + 2] as string);
  });
  return { revision, months: { ...periods(rows), first, last }, days: new Map() };
}

/**
 * Reads the buckets not held or out of date (`stale`: id → status, country, camp, revision): a few through the day
 * summary's primary key (one range per bucket), many (a first range after start, or after an import) in one pass over
 * the month summary of their statuses, whose rows come in month order.
 */
function load(orm: Orm, h: Held, stale: Map<string, [string, string, string, number]>, shape: string, args: string[]) {
  if (stale.size < MANY) {
    for (const [id, [status, country, camp, revision]] of stale)
      h.buckets.set(id, bucketOf(h.months.all(status, country, camp), revision));
    return;
  }
  let all = h.allMonths.get(shape);
  if (!all) {
    all = rawStatement(
      orm,
      `SELECT status, receiving_country, camp, month, handovers, women, children, boys, girls, unaccompanied, men, first, last
      FROM handover_month_totals WHERE ${bucketsOf(shape)} ORDER BY status, month`,
    );
    h.allMonths.set(shape, all);
  }
  const rows = new Map<string, unknown[][]>();
  for (const row of all.all(...args)) {
    const id = `${row[0]}\u0000${row[1]}\u0000${row[2]}`;
    if (!stale.has(id)) continue;
    let list = rows.get(id);
    if (!list) rows.set(id, (list = []));
    list.push(row.slice(3));
  }
  for (const [id, [, , , revision]] of stale) h.buckets.set(id, bucketOf(rows.get(id) ?? [], revision));
}

/** The days of one month of a bucket that has handovers in it. */
function monthDays(h: Held, key: [string, string, string], b: Bucket, month: number): Periods {
  let d = b.days.get(month);
  if (!d) {
    if (b.days.size >= MONTHS_KEPT) b.days.clear();
    const m = monthText(month);
    b.days.set(month, (d = periods(h.days.all(...key, `${m}-01`, `${m}-31`))));
  }
  return d;
}

/** The first index whose key is at least `key`. */
function lowerBound(keys: Int32Array, key: number): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Where the days before `day` end in a bucket: after `month` whole months and, when its month has handovers, after
 * `day` days of that month (`days`).
 */
interface Cut {
  month: number;
  days: Periods | undefined;
  day: number;
}
function cut(h: Held, b: Bucket, key: [string, string, string], day: number): Cut {
  const month = Math.floor(day / 100);
  const i = lowerBound(b.months.keys, month);
  if (b.months.keys[i] !== month) return { month: i, days: undefined, day: 0 };
  const days = monthDays(h, key, b, month);
  return { month: i, days, day: lowerBound(days.keys, day) };
}
const figure = (b: Bucket, c: Cut, k: number) =>
  b.months.sums[c.month * WIDTH + k] + (c.days ? c.days.sums[c.day * WIDTH + k] : 0);

export interface RangeFilter {
  statuses: string[];
  camps: string[];
  /** 'YYYY-MM-DD'; an open end when absent. */
  from?: string;
  to?: string;
}

/**
 * Per-country figures of the days from..to (both included), with the first and last day that has handovers, for the
 * statuses and camps asked (no camp: every camp). Reads one summary row per bucket (its revision); what is held of a
 * bucket is read again only after it changed. Countries without a handover in the range are left out.
 */
export function rangeByCountry(orm: Orm, f: RangeFilter): CountryTotals[] {
  const h = heldFor(orm);
  const shape = `${f.statuses.length}|${f.camps.length}`;
  let list = h.lists.get(shape);
  if (!list) {
    list = rawStatement(
      orm,
      `SELECT status, receiving_country, camp, revision FROM handover_all_totals WHERE ${bucketsOf(shape)}`,
    );
    h.lists.set(shape, list);
  }
  const from = f.from ? periodNumber(f.from) : 0;
  const to = f.to ? periodNumber(f.to) : 99_999_999;
  const byCountry = new Map<string, { n: number[]; first: number; last: number }>();
  const args = [...f.statuses, ...f.camps];
  // One read transaction: the revisions and what is read for them are of the same moment.
  orm.$client.transaction(() => {
    const rows = list.all(...args) as [string, string, string, number][];
    const stale = new Map<string, [string, string, string, number]>();
    for (const row of rows) {
      const id = `${row[0]}\u0000${row[1]}\u0000${row[2]}`;
      if (h.buckets.get(id)?.revision !== row[3]) stale.set(id, row);
    }
    if (stale.size) load(orm, h, stale, shape, args);
    for (const row of rows) {
      const key: [string, string, string] = [row[0], row[1], row[2]];
      const b = h.buckets.get(`${row[0]}\u0000${row[1]}\u0000${row[2]}`)!;
      // Figures of the days before `to + 1` minus those of the days before `from`.
      const start = cut(h, b, key, from);
      const end = cut(h, b, key, to + 1);
      const handovers = figure(b, end, 0) - figure(b, start, 0);
      if (handovers === 0) continue;
      const first =
        start.days && start.day < start.days.keys.length
          ? start.days.keys[start.day]
          : b.months.first[start.month + (start.days ? 1 : 0)];
      const last = end.days && end.day > 0 ? end.days.keys[end.day - 1] : b.months.last[end.month - 1];
      let c = byCountry.get(row[1]);
      if (!c) byCountry.set(row[1], (c = { n: [0, 0, 0, 0, 0, 0, 0], first, last }));
      c.n[0] += handovers;
      for (let k = 1; k < WIDTH; k++) c.n[k] += figure(b, end, k) - figure(b, start, k);
      if (first < c.first) c.first = first;
      if (last > c.last) c.last = last;
    }
  })();
  const out: CountryTotals[] = [];
  for (const [country, { n, first, last }] of byCountry) {
    const [handovers, women, children, boys, girls, unaccompanied, men] = n;
    const persons = women + children + men;
    out.push({
      country,
      handovers,
      women,
      children,
      boys,
      girls,
      unaccompanied,
      men,
      persons,
      first: dayText(first),
      last: dayText(last),
    });
  }
  return out.sort((a, b) => b.persons - a.persons || (a.country < b.country ? -1 : a.country > b.country ? 1 : 0));
}
