import type Database from 'better-sqlite3';
import { asc } from 'drizzle-orm';
import { handovers } from '../schema';
import type { Orm } from '../open';
import { filterWhere, searchBody, type HandoverFilter, type HandoverRow, type NewHandoverRow } from './handovers';

/**
 * Bulk writes for spreadsheet import (issue 6). Prepared statements on the raw connection, because 100,000 rows
 * through the query builder cost ten times the INSERT itself; the caller holds the one transaction. The search row
 * is written with the same searchBody() that reindexHandover uses, so the FTS index stays in step.
 */
export interface ImportedRecord {
  row: NewHandoverRow & Required<Pick<NewHandoverRow, 'status' | 'version' | 'source'>>;
  version?: { version: number; content: Record<string, unknown>; contentHash: string; reason: string; createdAt: string; createdBy: string };
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
const JSON_COLUMNS = new Set(['delegationMembers', 'documentLanguages']);

export function prepareImportWriter(sqlite: Database.Database) {
  const insertHandover = sqlite.prepare(`INSERT INTO handovers (${COLUMNS.map(([c]) => c).join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`);
  const insertSearch = sqlite.prepare('INSERT INTO handover_search (handover_id, body) VALUES (?, ?)');
  const insertVersion = sqlite.prepare(
    'INSERT INTO handover_versions (handover_id, version, content, content_hash, reason, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  return (rec: ImportedRecord) => {
    const r = rec.row as unknown as Record<string, unknown>;
    insertHandover.run(COLUMNS.map(([, k]) => (JSON_COLUMNS.has(k) ? JSON.stringify(r[k] ?? []) : (r[k] ?? null))));
    insertSearch.run(rec.row.id, searchBody({ delegationMembers: [], ...rec.row } as HandoverRow, []));
    const v = rec.version;
    if (v) insertVersion.run(rec.row.id, v.version, JSON.stringify(v.content), v.contentHash, v.reason, v.createdAt, v.createdBy);
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
