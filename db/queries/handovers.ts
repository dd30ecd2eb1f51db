import { and, asc, desc, eq, gte, inArray, lte, not, sql, type SQL } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { HandoverFilter, SortColumn } from '../../electron/api/domain/handover';
import { handovers, incompleteSql, persons } from '../schema';
import type { Orm } from '../open';
import { prepared } from './prepared';
import { normalizeForSearch, toFtsQuery } from '../search-text';

export type HandoverRow = typeof handovers.$inferSelect;
export type NewHandoverRow = typeof handovers.$inferInsert;

const personsExpr = sql<number>`(${handovers.womenCount} + ${handovers.childrenCount} + ${handovers.menCount})`;

const sortExpr: Record<SortColumn, SQL | AnySQLiteColumn> = {
  referenceNo: handovers.referenceNo,
  handoverDate: handovers.handoverDate,
  receivingCountry: handovers.receivingCountry,
  delegationHeadName: handovers.delegationHeadName,
  camp: handovers.camp,
  status: handovers.status,
  persons: personsExpr,
  updatedAt: handovers.updatedAt,
};

const byId = (orm: Orm) =>
  orm
    .select()
    .from(handovers)
    .where(eq(handovers.id, sql.placeholder('id')))
    .prepare();

export function getHandoverRow(orm: Orm, id: string): HandoverRow | undefined {
  return prepared(orm, byId).get({ id });
}

/** Several records in one query (an import compares a chunk of rows with what is stored), by id. */
export function getHandoverRows(orm: Orm, ids: string[]): Map<string, HandoverRow> {
  if (ids.length === 0) return new Map();
  return new Map(
    orm
      .select()
      .from(handovers)
      .where(inArray(handovers.id, ids))
      .all()
      .map((h) => [h.id, h]),
  );
}

export function getHandoverByReference(orm: Orm, referenceNo: string): HandoverRow | undefined {
  return orm.select().from(handovers).where(eq(handovers.referenceNo, referenceNo)).get();
}

export function insertHandoverRow(orm: Orm, row: NewHandoverRow): void {
  orm.insert(handovers).values(row).run();
  reindexHandover(orm, row.id);
}

/** Writes only when the stored revision is the one the caller read; returns false when someone else saved first. */
export function updateHandoverRow(
  orm: Orm,
  id: string,
  expectedRevision: number,
  values: Partial<NewHandoverRow>,
): boolean {
  const res = orm
    .update(handovers)
    .set({ ...values, revision: sql`${handovers.revision} + 1` })
    .where(and(eq(handovers.id, id), eq(handovers.revision, expectedRevision)))
    .run();
  if (res.changes === 0) return false;
  reindexHandover(orm, id);
  return true;
}

/** The search row is kept in step with the record inside the caller's transaction. */
export function reindexHandover(orm: Orm, id: string): void {
  const h = getHandoverRow(orm, id);
  // By the rowid its companion table holds: handover_id is not indexed inside the FTS table, so a DELETE by it
  // would read every search row.
  orm.run(
    sql`DELETE FROM handover_search WHERE rowid IN (SELECT search_rowid FROM handover_search_rows WHERE handover_id = ${id})`,
  );
  orm.run(sql`DELETE FROM handover_search_rows WHERE handover_id = ${id}`);
  if (!h) return;
  const names = orm
    .select({ ar: persons.fullNameAr, la: persons.fullNameLatin })
    .from(persons)
    .where(eq(persons.handoverId, id))
    .all();
  orm.run(sql`INSERT INTO handover_search (handover_id, body) VALUES (${id}, ${searchBody(h, names)})`);
  // Which search row is the record's (migration 0012): the rowid of the FTS insert just made.
  orm.run(sql`INSERT INTO handover_search_rows (handover_id, search_rowid) VALUES (${id}, last_insert_rowid())`);
}

/** The folded text a record is found by; bulk import (db/queries/import.ts) writes the same body. */
export function searchBody(
  h: Pick<
    HandoverRow,
    | 'referenceNo'
    | 'delegationHeadName'
    | 'delegationHeadTitle'
    | 'delegationBody'
    | 'delegationMembers'
    | 'handingAuthority'
    | 'handingOfficialName'
    | 'location'
    | 'campOther'
    | 'notes'
  >,
  names: { ar: string; la: string }[],
): string {
  const body = [
    h.referenceNo,
    h.delegationHeadName,
    h.delegationHeadTitle,
    h.delegationBody,
    ...h.delegationMembers.flatMap((m) => [m.name, m.title]),
    h.handingAuthority,
    h.handingOfficialName,
    h.location,
    h.campOther,
    h.notes,
    ...names.flatMap((n) => [n.ar, n.la]),
  ].join(' ');
  return normalizeForSearch(body);
}

/**
 * `probe`: the search is tested row by row against the set of matches (which no index serves) instead of driving the
 * query from the matches, so SQLite can walk the sort's index and stop after a page (see searchWalksIndex).
 */
export function filterWhere(f: HandoverFilter, { probe = false } = {}): SQL | undefined {
  const parts: (SQL | undefined)[] = [];
  if (f.countries?.length) parts.push(inArray(handovers.receivingCountry, f.countries));
  if (f.camps?.length) parts.push(inArray(handovers.camp, f.camps));
  if (f.statuses?.length) parts.push(inArray(handovers.status, f.statuses));
  if (f.from) parts.push(gte(handovers.handoverDate, f.from));
  if (f.to) parts.push(lte(handovers.handoverDate, f.to));
  if (f.completeness === 'incomplete') parts.push(incompleteSql(handovers));
  else if (f.completeness === 'complete') parts.push(not(incompleteSql(handovers)));
  const fts = f.search ? toFtsQuery(f.search) : null;
  // Probing, each record's search row is found by its id (handover_search_rows) and tested against the matches'
  // rowids, which FTS5 lists from its index alone; driving, the matches' handover_id is read from the FTS content.
  const matching = !fts
    ? undefined
    : probe
      ? sql`(SELECT search_rowid FROM handover_search_rows WHERE handover_id = ${handovers.id}) IN (SELECT rowid FROM handover_search WHERE handover_search MATCH ${fts})`
      : sql`${handovers.id} IN (SELECT handover_id FROM handover_search WHERE handover_search MATCH ${fts})`;
  if (matching && f.searchCountry) parts.push(sql`(${handovers.receivingCountry} = ${f.searchCountry} OR ${matching})`);
  else if (matching) parts.push(matching);
  return and(...parts);
}

/** Sorts whose index starts with the sort column and splits ties finely enough for a walk to stop after a page. */
const WALKABLE: ReadonlySet<SortColumn> = new Set(['handoverDate', 'referenceNo', 'receivingCountry']);

/**
 * How a search's page is found. Driven from the matches, every match is looked up and sorted before the first row
 * comes out (1,000,000 handovers, a name in one record of eight: 125,000 rows sorted for 100). Walking the sort's
 * index and keeping the rows that match reads about limit × total ÷ matches rows instead, which is fewer once
 * matches² > limit × total; a rare name is still found from its few matches. Counting an FTS5 match reads only its
 * index, and handovers are never deleted, so the largest rowid is their number.
 */
export function searchWalksIndex(orm: Orm, f: HandoverFilter & { sort: SortColumn; limit: number }): boolean {
  const fts = f.search ? toFtsQuery(f.search) : null;
  if (!fts || !WALKABLE.has(f.sort)) return false;
  const s = orm.$client;
  const matches = (s.prepare('SELECT count(*) FROM handover_search WHERE handover_search MATCH ?').pluck().get(fts) ??
    0) as number;
  const total = (s.prepare('SELECT max(rowid) FROM handovers').pluck().get() ?? 0) as number;
  return matches * matches > total * Math.max(f.limit, 1);
}

export function listHandoverRows(
  orm: Orm,
  f: HandoverFilter & {
    sort: SortColumn;
    direction: 'asc' | 'desc';
    offset: number;
    limit: number;
    after?: { value: string | number; id: string };
  },
) {
  const order = f.direction === 'asc' ? asc : desc;
  // Rows after the previous page's last one in the sort order (a row-value comparison): no rows skipped one by one.
  const after = f.after
    ? sql`(${sortExpr[f.sort]}, ${handovers.id}) ${sql.raw(f.direction === 'asc' ? '>' : '<')} (${f.after.value}, ${f.after.id})`
    : undefined;
  return orm
    .select({
      id: handovers.id,
      referenceNo: handovers.referenceNo,
      status: handovers.status,
      version: handovers.version,
      handoverDate: handovers.handoverDate,
      datePrecision: handovers.datePrecision,
      receivingCountry: handovers.receivingCountry,
      delegationHeadName: handovers.delegationHeadName,
      handingAuthority: handovers.handingAuthority,
      handingOfficialName: handovers.handingOfficialName,
      camp: handovers.camp,
      campOther: handovers.campOther,
      womenCount: handovers.womenCount,
      childrenCount: handovers.childrenCount,
      menCount: handovers.menCount,
      updatedAt: handovers.updatedAt,
    })
    .from(handovers)
    .where(and(filterWhere(f, { probe: searchWalksIndex(orm, f) }), after))
    .orderBy(order(sortExpr[f.sort]), order(handovers.id))
    .limit(f.limit)
    .offset(after ? 0 : f.offset)
    .all();
}

export function sumHandovers(orm: Orm, f: HandoverFilter) {
  const row = orm
    .select({
      handovers: sql<number>`count(*)`,
      women: sql<number>`coalesce(sum(${handovers.womenCount}), 0)`,
      children: sql<number>`coalesce(sum(${handovers.childrenCount}), 0)`,
      men: sql<number>`coalesce(sum(${handovers.menCount}), 0)`,
    })
    .from(handovers)
    .where(filterWhere(f))
    .get();
  const s = row ?? { handovers: 0, women: 0, children: 0, men: 0 };
  return { ...s, persons: s.women + s.children + s.men };
}

/** Highest numeric suffix in use for `PREFIX-YEAR-`, so the next suggestion never collides. */
export function maxReferenceSeq(orm: Orm, prefix: string): number {
  const row = orm
    .select({ n: sql<number | null>`max(cast(substr(${handovers.referenceNo}, ${prefix.length + 1}) AS INTEGER))` })
    .from(handovers)
    .where(sql`${handovers.referenceNo} GLOB ${`${prefix}[0-9]*`}`)
    .get();
  return row?.n ?? 0;
}
