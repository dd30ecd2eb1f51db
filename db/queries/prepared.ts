import type { Orm } from '../open';

const built = new WeakMap<Orm, Map<(orm: Orm) => unknown, unknown>>();

/**
 * A query built once per connection and kept: drizzle builds a query's SQL on every call (0.2–0.5 ms for a select
 * of a wide table, against 0.03 ms to run it), and a signed report runs about ten of them. `build` is the key, so it
 * must be a function defined once (module level), returning `.prepare()` with `sql.placeholder`s for the values.
 */
export function prepared<T>(orm: Orm, build: (orm: Orm) => T): T {
  let queries = built.get(orm);
  if (!queries) built.set(orm, (queries = new Map()));
  let q = queries.get(build) as T | undefined;
  if (q === undefined) queries.set(build, (q = build(orm)));
  return q;
}

/** A statement of hand-written SQL whose rows come back as arrays (the totals' hot paths key them themselves). */
export interface RawStatement {
  raw(toggle: boolean): RawStatement;
  all(...params: unknown[]): unknown[][];
}
export const rawStatement = (orm: Orm, sql: string): RawStatement =>
  (orm.$client.prepare(sql) as unknown as RawStatement).raw(true);

/** `n` placeholders for an IN list. */
export const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');
