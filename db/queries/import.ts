import type Database from 'better-sqlite3';
import { asc } from 'drizzle-orm';
import { handovers } from '../schema';
import type { Orm } from '../open';
import { filterWhere, searchBody, type HandoverFilter, type HandoverRow, type NewHandoverRow } from './handovers';

/**
 * Bulk writes for spreadsheet import (issue 6). A record is turned into plain positional values (`importTuple`) where
 * it is checked, and written by prepared statements on a connection of its own (`prepareImportWriter`, run by the
 * import's writer thread), because 100,000 rows through the query builder cost ten times the INSERT itself. The
 * search row uses the same searchBody() as reindexHandover, so the FTS index stays in step.
 */
export interface ImportedRecord {
  row: NewHandoverRow & Required<Pick<NewHandoverRow, 'id' | 'status' | 'version' | 'source'>>;
  /** Version 1 of a finalized record: its canonical content JSON and that text's SHA-256. */
  version?: { json: string; hash: string; createdAt: string; createdBy: string };
}

/** One record as the writer thread receives it: structured-clone friendly, nothing left to compute. */
export interface ImportTuple {
  handover: unknown[];
  search: [string, string];
  version: unknown[] | null;
}

const COLUMNS = [
  ['id', 'id'], ['reference_no', 'referenceNo'], ['status', 'status'], ['version', 'version'], ['handover_date', 'handoverDate'],
  ['receiving_country', 'receivingCountry'], ['delegation_head_name', 'delegationHeadName'], ['delegation_head_title', 'delegationHeadTitle'],
  ['delegation_body', 'delegationBody'], ['delegation_members', 'delegationMembers'], ['handing_authority', 'handingAuthority'],
  ['handing_official_name', 'handingOfficialName'], ['handing_official_title', 'handingOfficialTitle'], ['location', 'location'], ['camp', 'camp'],
  ['camp_other', 'campOther'], ['women_count', 'womenCount'], ['children_count', 'childrenCount'], ['boys_count', 'boysCount'],
  ['girls_count', 'girlsCount'], ['unaccompanied_count', 'unaccompaniedCount'], ['men_count', 'menCount'], ['document_languages', 'documentLanguages'],
  ['notes', 'notes'], ['source', 'source'], ['source_ref', 'sourceRef'], ['created_at', 'createdAt'], ['created_by', 'createdBy'],
  ['updated_at', 'updatedAt'], ['updated_by', 'updatedBy'],
] as const;
const JSON_COLUMNS = new Set<string>(['delegationMembers', 'documentLanguages']);

export function importTuple(rec: ImportedRecord): ImportTuple {
  const r = rec.row as unknown as Record<string, unknown>;
  const v = rec.version;
  return {
    handover: COLUMNS.map(([, k]) => (JSON_COLUMNS.has(k) ? JSON.stringify(r[k] ?? []) : (r[k] ?? null))),
    search: [rec.row.id, searchBody({ delegationMembers: [], ...rec.row } as HandoverRow, [])],
    version: v ? [rec.row.id, 1, v.json, v.hash, '', v.createdAt, v.createdBy] : null,
  };
}

export function prepareImportWriter(sqlite: Database.Database): (t: ImportTuple) => void {
  const insertHandover = sqlite.prepare(`INSERT INTO handovers (${COLUMNS.map(([c]) => c).join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`);
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
