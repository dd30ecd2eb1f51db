import type Database from 'better-sqlite3';
import { asc } from 'drizzle-orm';
import { handovers } from '../schema';
import type { Orm } from '../open';
import { filterWhere, searchBody, type HandoverFilter, type HandoverRow } from './handovers';

/**
 * Bulk writes for spreadsheet import (issue 6). A record is turned into plain positional values (`importTuple`) where
 * it is checked, and written by prepared statements on a connection of its own (`prepareImportWriter`, run by the
 * import's writer thread), because 100,000 rows through the query builder cost ten times the INSERT itself. The
 * search row uses the same searchBody() as reindexHandover, so the FTS index stays in step.
 */
/** What a sheet row gives a record: the typed fields (the form's schema has checked them). */
export type ImportedFields = Pick<
  HandoverRow,
  | 'referenceNo' | 'handoverDate' | 'receivingCountry' | 'delegationHeadName' | 'delegationHeadTitle' | 'delegationBody' | 'delegationMembers'
  | 'handingAuthority' | 'handingOfficialName' | 'handingOfficialTitle' | 'location' | 'camp' | 'campOther' | 'womenCount' | 'childrenCount'
  | 'boysCount' | 'girlsCount' | 'unaccompaniedCount' | 'menCount' | 'documentLanguages' | 'notes'
>;
/** What the import adds: the same for every row of one file. */
export interface ImportStamp {
  /** SHA-256 of the file, kept as the record's source reference. */
  sourceRef: string;
  at: string;
  actor: string;
}

/** One record as the writer thread receives it: structured-clone friendly, nothing left to compute. */
export interface ImportTuple {
  handover: unknown[];
  search: [string, string];
  version: unknown[] | null;
}

const COLUMNS = [
  'id', 'reference_no', 'status', 'version', 'handover_date', 'receiving_country', 'delegation_head_name', 'delegation_head_title',
  'delegation_body', 'delegation_members', 'handing_authority', 'handing_official_name', 'handing_official_title', 'location', 'camp',
  'camp_other', 'women_count', 'children_count', 'boys_count', 'girls_count', 'unaccompanied_count', 'men_count', 'document_languages',
  'notes', 'void_reason', 'source', 'source_ref', 'created_at', 'created_by', 'updated_at', 'updated_by',
] as const;

/**
 * The positional values of one record, in COLUMNS order, built straight from the fields: at 100,000 rows an
 * intermediate row object per record costs more than the INSERT. `version`: the frozen content of version 1.
 */
export function importTuple(
  id: string,
  f: ImportedFields,
  stamp: ImportStamp,
  status: HandoverRow['status'],
  voidReason: string | null,
  version: { json: string; hash: string } | null,
): ImportTuple {
  const { at, actor } = stamp;
  return {
    handover: [
      id, f.referenceNo, status, 1, f.handoverDate, f.receivingCountry, f.delegationHeadName, f.delegationHeadTitle,
      f.delegationBody, JSON.stringify(f.delegationMembers), f.handingAuthority, f.handingOfficialName, f.handingOfficialTitle, f.location, f.camp,
      f.campOther, f.womenCount, f.childrenCount, f.boysCount, f.girlsCount, f.unaccompaniedCount, f.menCount, JSON.stringify(f.documentLanguages),
      f.notes, voidReason, 'import', stamp.sourceRef, at, actor, at, actor,
    ],
    search: [id, searchBody(f, [])],
    version: version ? [id, 1, version.json, version.hash, '', at, actor] : null,
  };
}

export function prepareImportWriter(sqlite: Database.Database): (t: ImportTuple) => void {
  const insertHandover = sqlite.prepare(`INSERT INTO handovers (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`);
  const insertSearch = sqlite.prepare('INSERT INTO handover_search (handover_id, body) VALUES (?, ?)');
  const insertVersion = sqlite.prepare(
    'INSERT INTO handover_versions (handover_id, version, content, content_hash, reason, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  return (t) => {
    insertHandover.run(t.handover);
    insertSearch.run(t.search);
    if (t.version) insertVersion.run(t.version);
  };
}

/** Reference number → id of every record, read once: one query instead of one per imported row. */
export function referenceIndex(sqlite: Database.Database): Map<string, string> {
  const rows = sqlite.prepare('SELECT reference_no, id FROM handovers').raw().all() as [string, string][];
  return new Map(rows);
}

/** Every record matching the list's filter, for export: no paging, oldest first, so a file reads like a register. */
export function exportRows(orm: Orm, filter: HandoverFilter): HandoverRow[] {
  return orm.select().from(handovers).where(filterWhere(filter)).orderBy(asc(handovers.handoverDate), asc(handovers.referenceNo)).all();
}
