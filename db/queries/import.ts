import type Database from 'better-sqlite3';
import { asc, getTableColumns } from 'drizzle-orm';
import { HANDOVER_RECORD_COLUMNS, handovers } from '../schema';
import type { Orm } from '../open';
import type { HandoverFilter } from '../../electron/api/domain/handover';
import { filterWhere, searchBody, type HandoverRow } from './handovers';
import { deferredTotals } from './month-totals';

/**
 * Bulk writes for spreadsheet import (issue 6). A record is turned into plain positional values (`importTuple`) where
 * it is checked, and written by prepared statements on a connection of its own (`prepareImportWriter`, run by the
 * import's writer thread), because 100,000 rows through the query builder cost ten times the INSERT itself. The
 * search row uses the same searchBody() as reindexHandover, so the FTS index stays in step.
 */
/** The import sets the record's own columns itself; every other column is a field the sheet's row gives. */
type Stamped = (typeof HANDOVER_RECORD_COLUMNS)[number];
/** What a sheet row gives a record: the typed fields (the form's schema has checked them). */
export type ImportedFields = Omit<HandoverRow, Stamped>;
/** What the import adds: the same for every row of one file. */
export interface ImportStamp {
  /** SHA-256 of the file, kept as the record's source reference. */
  sourceRef: string;
  /** The file's name as given, kept with each record beside its row (its provenance). */
  fileName: string;
  at: string;
  actor: string;
}

/** One record as the writer thread receives it: structured-clone friendly, nothing left to compute. */
export interface ImportTuple {
  handover: unknown[];
  search: [string, string];
  version: unknown[] | null;
}

type Key = keyof HandoverRow;
const columns = getTableColumns(handovers);
/** Every column of the table, in table order: the INSERT names them all. */
const KEYS = Object.keys(columns) as Key[];
const COLUMNS = KEYS.map((k) => columns[k].name);
type Stamp = {
  id: string;
  status: HandoverRow['status'];
  voidReason: string | null;
  stamp: ImportStamp;
  line: number;
};
/** How each column's value is found, worked out once: from the stamp, else from the fields (JSON columns as text). */
const VALUE_OF: ((f: ImportedFields, s: Stamp) => unknown)[] = KEYS.map((k) => {
  switch (k as Stamped) {
    case 'id':
      return (_f, s) => s.id;
    case 'status':
      return (_f, s) => s.status;
    case 'version':
    case 'revision':
      return () => 1;
    case 'voidReason':
      return (_f, s) => s.voidReason;
    case 'source':
      return () => 'import';
    case 'sourceRef':
      return (_f, s) => s.stamp.sourceRef;
    case 'sourceFile':
      return (_f, s) => s.stamp.fileName;
    case 'sourceRow':
      return (_f, s) => s.line;
    case 'createdAt':
    case 'updatedAt':
      return (_f, s) => s.stamp.at;
    case 'createdBy':
    case 'updatedBy':
      return (_f, s) => s.stamp.actor;
  }
  const field = k as keyof ImportedFields;
  if (columns[k].dataType === 'json') return (f) => JSON.stringify(f[field]);
  return (f) => f[field] ?? null;
});

/**
 * The positional values of one record, in COLUMNS order, built straight from the fields: at 100,000 rows an
 * intermediate row object per record costs more than the INSERT. `version`: the frozen content of version 1; `line`:
 * the sheet's row it was read from.
 */
export function importTuple(
  id: string,
  f: ImportedFields,
  stamp: ImportStamp,
  status: HandoverRow['status'],
  voidReason: string | null,
  version: { json: string; hash: string } | null,
  line: number,
): ImportTuple {
  const s: Stamp = { id, status, voidReason, stamp, line };
  return {
    handover: VALUE_OF.map((value) => value(f, s)),
    search: [id, searchBody(f, [])],
    version: version ? [id, 1, version.json, version.hash, '', stamp.at, stamp.actor] : null,
  };
}

const at = (name: string) => COLUMNS.indexOf(name);
const [STATUS, DATE, COUNTRY, CAMP] = ['status', 'handover_date', 'receiving_country', 'camp'].map(at);
const COUNTS = ['women_count', 'children_count', 'boys_count', 'girls_count', 'unaccompanied_count', 'men_count'].map(
  at,
);

/**
 * The writer's statements, for the connection's open write transaction. The totals summaries are added up per bucket
 * here and written once by `finish` (before the commit) rather than by the insert trigger per row, which made the
 * import twice as slow (issue 14). SQLite re-prepares the INSERT after the trigger is dropped (deferredTotals), so the
 * rows are written without it.
 */
export function prepareImportWriter(sqlite: Database.Database): { write(t: ImportTuple): void; finish(): void } {
  const insertHandover = sqlite.prepare(
    `INSERT INTO handovers (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`,
  );
  const insertSearch = sqlite.prepare('INSERT INTO handover_search (handover_id, body) VALUES (?, ?)');
  // Which search row is the record's (migration 0012), as reindexHandover writes it.
  const insertSearchRow = sqlite.prepare(
    'INSERT INTO handover_search_rows (handover_id, search_rowid) VALUES (?, last_insert_rowid())',
  );
  const insertVersion = sqlite.prepare(
    'INSERT INTO handover_versions (handover_id, version, content, content_hash, reason, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const totals = deferredTotals(sqlite);
  return {
    write: (t) => {
      const h = t.handover as (string & number)[];
      totals.add(
        h[STATUS],
        h[DATE],
        h[COUNTRY],
        h[CAMP],
        COUNTS.map((i) => h[i]),
      );
      insertHandover.run(t.handover);
      insertSearch.run(t.search);
      insertSearchRow.run(t.search[0]);
      if (t.version) insertVersion.run(t.version);
    },
    finish: () => totals.flush(),
  };
}

/** Reference number → id of every record, read once: one query instead of one per imported row. */
export function referenceIndex(sqlite: Database.Database): Map<string, string> {
  const rows = sqlite.prepare('SELECT reference_no, id FROM handovers').raw().all() as [string, string][];
  return new Map(rows);
}

/** Every record matching the list's filter, for export: no paging, oldest first, so a file reads like a register. */
export function exportRows(orm: Orm, filter: HandoverFilter): HandoverRow[] {
  return orm
    .select()
    .from(handovers)
    .where(filterWhere(filter))
    .orderBy(asc(handovers.handoverDate), asc(handovers.referenceNo))
    .all();
}
