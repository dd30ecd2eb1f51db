import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { writeAudit } from '../../../db/queries/audit';
import { getHandoverRow, type HandoverRow } from '../../../db/queries/handovers';
import { prepareImportWriter, referenceIndex, type ImportedRecord } from '../../../db/queries/import';
import { readSettings, writeSettings } from '../../../db/queries/settings';
import { AppError } from '../../api/result';
import type { HandoverFields } from '../../api/schemas/handover';
import { contentFrom } from '../content';
import type { AppContext, Caller } from '../context';
import { versionRow } from '../lifecycle';
import { getSettings } from '../settings';
import { FIELD_OF_COLUMN, foldHeader, REQUIRED_COLUMNS, suggestMapping, type ImportColumn } from './columns';
import { inferDateOrder, type DateOrder } from './dates';
import { ImportFileError, readTable, type Table } from './decode';
import { cellText, rowToFields, type Mapping, type Reason } from './rows';

export interface ImportOptions {
  dryRun?: boolean;
  asDraft?: boolean;
  /** All or nothing: one rejected or conflicting row and nothing is written. */
  strict?: boolean;
  dateOrder?: DateOrder;
  /** Column per header, as the mapping step set it; the suggestion (canonical names, aliases, memory) otherwise. */
  mapping?: Mapping;
}

export type Outcome = 'new' | 'unchanged' | 'conflict' | 'rejected';
export interface Difference {
  column: string;
  file: string;
  stored: string;
}
export interface RowOutcome {
  line: number;
  referenceNo: string;
  outcome: Outcome;
  reasons: Reason[];
  differences?: Difference[];
  /** The record that holds this reference already (unchanged or conflict). */
  existingId?: string;
}

export interface ImportReport {
  fileName: string;
  sha256: string;
  format: Table['format'];
  encoding: Table['encoding'];
  delimiter: string | null;
  dryRun: boolean;
  strict: boolean;
  asDraft: boolean;
  dateOrder: DateOrder | null;
  /** True when the rows counted as new were written. */
  committed: boolean;
  counts: Record<Outcome, number> & { rows: number };
  mapping: Mapping;
  unknownColumns: string[];
  rows: RowOutcome[];
}

export interface ImportHooks {
  onProgress?(phase: 'reading' | 'checking' | 'writing', done: number, total: number): void;
  isCancelled?(): boolean;
}

export class ImportCancelled extends Error {
  constructor() {
    super('import cancelled');
  }
}

const MAPPINGS_KEY = 'io.importMappings';
const CHUNK = 2000;
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

export const sha256 = (buf: Buffer) => createHash('sha256').update(buf).digest('hex');

export function fileError(err: ImportFileError): AppError {
  if (err.key === 'too_large') return new AppError('TOO_LARGE', err.message, { reason: `io.file.${err.key}`, params: err.params });
  return new AppError('BAD_FILE', err.message, { reason: `io.file.${err.key}`, params: err.params });
}

export async function readImportTable(buf: Buffer): Promise<Table> {
  try {
    return await readTable(buf);
  } catch (err) {
    if (err instanceof ImportFileError) throw fileError(err);
    throw err;
  }
}

export function rememberedMappings(ctx: AppContext): Record<string, string> {
  const v = readSettings(ctx.db.orm)[MAPPINGS_KEY];
  return v && typeof v === 'object' ? (v as Record<string, string>) : {};
}

/** What the mapping step shows first: the columns we recognise, or what this office mapped these headers to before. */
export function suggestFor(ctx: AppContext, table: Table): Mapping {
  return suggestMapping(table.headers, rememberedMappings(ctx));
}

function checkMapping(table: Table, mapping: Mapping) {
  if (mapping.length !== table.headers.length) throw new AppError('BAD_REQUEST', 'The mapping does not match the file’s columns');
  const used = mapping.filter((m): m is ImportColumn => !!m);
  if (new Set(used).size !== used.length) throw new AppError('VALIDATION', 'A field is mapped twice', { issues: [{ path: 'mapping', key: 'duplicate_mapping' }] });
  const missing = REQUIRED_COLUMNS.filter((c) => !used.includes(c));
  if (missing.length) throw fileError(new ImportFileError('missing_columns', { columns: missing.join(', ') }));
}

const show = (v: unknown) => (Array.isArray(v) ? v.join(', ') : String(v ?? ''));

/** Only what the file says is compared: a sheet without a notes column does not contradict a record's notes. */
function differences(data: HandoverFields, stored: HandoverRow, mapping: Mapping): Difference[] {
  const out: Difference[] = [];
  for (const col of mapping) {
    if (!col) continue;
    const fields = col === 'camp_of_origin' ? (['camp', 'campOther'] as const) : [FIELD_OF_COLUMN[col]];
    for (const f of fields) {
      if (show(data[f]) !== show(stored[f])) out.push({ column: col, file: show(data[f]), stored: show(stored[f]) });
    }
  }
  return out;
}

/**
 * Reads, checks and (unless a dry run) writes one file. Every row ends as new, unchanged (same reference, same
 * content), conflict (same reference, different content: never overwritten) or rejected with its reasons. The
 * writing is one transaction at the end, so a cancel or a failure before it changes nothing.
 */
export async function importFile(ctx: AppContext, caller: Caller, file: { name: string; data: Buffer; table?: Table }, options: ImportOptions = {}, hooks: ImportHooks = {}): Promise<ImportReport> {
  const hash = sha256(file.data);
  hooks.onProgress?.('reading', 0, 0);
  const table = file.table ?? (await readImportTable(file.data));
  if (table.rows.length === 0) throw fileError(new ImportFileError('no_rows'));
  const mapping = options.mapping ?? suggestFor(ctx, table);
  checkMapping(table, mapping);
  const unknownColumns = table.headers.filter((h, i) => !mapping[i] && h !== '');
  const dateCol = mapping.indexOf('handover_date');
  const dateOrder = options.dateOrder ?? inferDateOrder(table.rows.map((r) => r.cells[dateCol]));
  const settings = getSettings(ctx);
  const defaults = { handingAuthority: settings.handingAuthority, handingOfficialName: settings.handingOfficialName, handingOfficialTitle: settings.handingOfficialTitle };
  const existing = referenceIndex(ctx.db.sqlite);
  const refCol = mapping.indexOf('reference_no');

  const outcomes: RowOutcome[] = [];
  const valid: { outcome: RowOutcome; data: HandoverFields }[] = [];
  const firstByRef = new Map<string, { outcome: RowOutcome; data?: HandoverFields }>();
  const total = table.rows.length;
  for (let start = 0; start < total; start += CHUNK) {
    if (hooks.isCancelled?.()) throw new ImportCancelled();
    hooks.onProgress?.('checking', start, total);
    if (start > 0) await tick();
    for (const row of table.rows.slice(start, start + CHUNK)) {
      const referenceNo = cellText(row.cells[refCol]);
      const o: RowOutcome = { line: row.line, referenceNo, outcome: 'rejected', reasons: [] };
      outcomes.push(o);
      if (row.malformed) {
        o.reasons.push({ key: 'io.reason.malformed_row' });
        continue;
      }
      const { data, reasons } = rowToFields(row.cells, mapping, dateOrder, defaults);
      const first = referenceNo ? firstByRef.get(referenceNo.toUpperCase()) : undefined;
      if (first) {
        // The same reference twice in one file: the copy is dropped; two different contents leave both out.
        const same = first.data && data && differences(data, { ...first.data } as unknown as HandoverRow, mapping).length === 0;
        o.reasons.push({ key: same ? 'io.reason.duplicate_in_file' : 'io.reason.duplicate_in_file_differs', value: String(first.outcome.line) });
        if (!same && first.outcome.outcome !== 'rejected') {
          first.outcome.reasons.push({ key: 'io.reason.duplicate_in_file_differs', value: String(row.line) });
          first.outcome.outcome = 'rejected';
        }
        continue;
      }
      if (referenceNo) firstByRef.set(referenceNo.toUpperCase(), { outcome: o, data });
      if (!data) {
        o.reasons.push(...reasons);
        continue;
      }
      const existingId = existing.get(data.referenceNo);
      if (existingId) {
        const stored = getHandoverRow(ctx.db.orm, existingId)!;
        const diff = differences(data, stored, mapping);
        o.existingId = existingId;
        if (diff.length) {
          o.outcome = 'conflict';
          o.differences = diff;
          o.reasons.push({ key: 'io.reason.conflict' });
        } else {
          o.outcome = 'unchanged';
          o.reasons.push({ key: 'io.reason.already_present' });
        }
        continue;
      }
      o.outcome = 'new';
      valid.push({ outcome: o, data });
    }
  }
  const fresh = valid.filter((v) => v.outcome.outcome === 'new');
  const counts = { rows: total, new: 0, unchanged: 0, conflict: 0, rejected: 0 };
  for (const o of outcomes) counts[o.outcome]++;
  const blocked = !!options.strict && counts.rejected + counts.conflict > 0;
  const report: ImportReport = {
    fileName: file.name,
    sha256: hash,
    format: table.format,
    encoding: table.encoding,
    delimiter: table.delimiter,
    dryRun: !!options.dryRun,
    strict: !!options.strict,
    asDraft: !!options.asDraft,
    dateOrder: dateOrder ?? null,
    committed: false,
    counts,
    mapping,
    unknownColumns,
    rows: outcomes,
  };
  // Nothing new (a re-import of the same file, for instance): nothing is written, not even an audit entry.
  if (options.dryRun || blocked || fresh.length === 0) return report;
  if (hooks.isCancelled?.()) throw new ImportCancelled();
  hooks.onProgress?.('writing', 0, fresh.length);
  await tick();
  if (hooks.isCancelled?.()) throw new ImportCancelled();

  const at = ctx.now().toISOString();
  const status = options.asDraft ? 'draft' : 'finalized';
  const write = prepareImportWriter(ctx.db.sqlite);
  ctx.db.sqlite.transaction(() => {
    for (const { data } of fresh) {
      const row: ImportedRecord['row'] = {
        ...data,
        id: uuidv7(),
        status,
        version: 1,
        source: 'import',
        sourceRef: hash,
        createdAt: at,
        createdBy: caller.actor,
        updatedAt: at,
        updatedBy: caller.actor,
      };
      // Imported records are finalized (the paper documents exist): version 1 is frozen exactly as finalize does.
      write({ row, version: status === 'finalized' ? versionRow(contentFrom(row as HandoverRow, []), 1, '', at, caller.actor) : undefined });
    }
    writeAudit(
      ctx.db.orm,
      {
        actor: caller.actor,
        action: 'import.file',
        entity: 'import',
        entityId: hash,
        details: { fileName: file.name, sha256: hash, format: table.format, encoding: table.encoding, status, strict: !!options.strict, ...counts },
      },
      at,
    );
    if (options.mapping) {
      const memory = rememberedMappings(ctx);
      table.headers.forEach((h, i) => {
        if (h) memory[foldHeader(h)] = mapping[i] ?? '';
      });
      writeSettings(ctx.db.orm, { [MAPPINGS_KEY]: memory }, at);
    }
  })();
  report.committed = true;
  hooks.onProgress?.('writing', fresh.length, fresh.length);
  return report;
}
