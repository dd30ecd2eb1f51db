import { plainText } from '../../api/domain/field-changes';
import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { getHandoverRows } from '../../../db/queries/handovers';
import { importTuple, referenceIndex, type ImportStamp, type ImportTuple } from '../../../db/queries/import';
import { readSettings } from '../../../db/queries/settings';
import { AppError } from '../../api/result';
import type { CountryAliasOut } from '../../api/schemas/country-alias';
import type { HandoverFields } from '../../api/schemas/handover';
import { foldName } from '../../api/schemas/name-fold';
import { contentFields, frozenContent } from '../content';
import type { AppContext, Caller } from '../context';
import { assertAliasAllowed, countryAliasMap } from '../country-aliases';
import { getSettings } from '../settings';
import { REQUIRED_COLUMNS, type Difference, type ImportOutcome, type RowOutcome } from '../../api/domain/import';
import { FIELD_OF_COLUMN, type ImportColumn } from '../../api/schemas/handover';
import { foldHeader, suggestMapping } from './columns';
import { inferDateOrder, type DateOrder } from './dates';
import { ImportFileError, readTable, type Table } from './decode';
import { cellText, countryReader, rowToFields, type Mapping, type RowState } from './rows';
import { openImportWriter } from './writer';
import { readXlsxInWorker } from './xlsx';

export interface ImportOptions {
  dryRun?: boolean;
  asDraft?: boolean;
  /** All or nothing: one rejected or conflicting row and nothing is written. */
  strict?: boolean;
  dateOrder?: DateOrder;
  /** Column per header, as the mapping step set it; the suggestion (canonical names, aliases, memory) otherwise. */
  mapping?: Mapping;
  /** Country names for this import only (the CLI's --country-alias), checked like stored aliases, used beside them. */
  countryAliases?: CountryAliasOut[];
}

/** The office's stored aliases plus this run's own; a run's alias that is a code or already means another country refuses the import. */
function importCountryAliases(ctx: AppContext, extra: CountryAliasOut[] = []): Map<string, string> {
  const map = countryAliasMap(ctx);
  for (const a of extra) {
    assertAliasAllowed(a, map);
    map.set(foldName(a.name), a.code);
  }
  return map;
}

export type { RowOutcome };

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
  counts: Record<ImportOutcome, number> & { rows: number };
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
const CHUNK = 500;
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

export const sha256 = (buf: Buffer) => createHash('sha256').update(buf).digest('hex');

export function fileError(err: ImportFileError): AppError {
  if (err.key === 'too_large' || err.key === 'xlsx_too_large')
    return new AppError('TOO_LARGE', err.message, { reason: `io.file.${err.key}`, params: err.params });
  return new AppError('BAD_FILE', err.message, { reason: `io.file.${err.key}`, params: err.params });
}

export async function readImportTable(ctx: AppContext, buf: Buffer): Promise<Table> {
  try {
    return await readTable(buf, (b) => readXlsxInWorker(ctx, b));
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
  if (mapping.length !== table.headers.length)
    throw new AppError('BAD_REQUEST', 'The mapping does not match the file’s columns');
  const used = mapping.filter((m): m is ImportColumn => !!m);
  if (new Set(used).size !== used.length)
    throw new AppError('VALIDATION', 'A field is mapped twice', {
      issues: [{ path: 'mapping', key: 'duplicate_mapping' }],
    });
  const missing = REQUIRED_COLUMNS.filter((c) => !used.includes(c));
  if (missing.length) throw fileError(new ImportFileError('missing_columns', { columns: missing.join(', ') }));
}

/** A row that passed the checks: its fields, the state the sheet gives it, and the sheet's line it came from. */
interface Checked {
  data: HandoverFields;
  state: RowState;
  line: number;
}

/** A row as it compares with a stored record: its fields, and its state where the sheet gives one. */
const asRecord = (data: HandoverFields, state: RowState): Record<string, unknown> => ({
  ...data,
  status: state.status,
  voidReason: state.voidReason,
});

/** Only what the file says is compared: a sheet without a notes column does not contradict a record's notes. */
function differences(file: Record<string, unknown>, stored: Record<string, unknown>, mapping: Mapping): Difference[] {
  const out: Difference[] = [];
  for (const col of mapping) {
    if (!col || (col === 'status' && file.status === undefined)) continue;
    const fields =
      col === 'camp_of_origin'
        ? (['camp', 'campOther'] as const)
        : col === 'handover_date'
          ? (['handoverDate', 'datePrecision'] as const)
          : [FIELD_OF_COLUMN[col]];
    for (const f of fields) {
      const [inFile, inStore] = [plainText(file[f]), plainText(stored[f])];
      if (inFile !== inStore) out.push({ column: col, file: inFile, stored: inStore });
    }
  }
  return out;
}

/** Reference numbers that occur more than once in the file: those rows are decided once every copy has been read. */
function repeatedReferences(table: Table, refCol: number): Set<string> {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const row of table.rows) {
    const key = cellText(row.cells[refCol]).toUpperCase();
    if (!key) continue;
    if (seen.has(key)) repeated.add(key);
    else seen.add(key);
  }
  return repeated;
}

/**
 * Reads, checks and (unless a dry run) writes one file. Every row ends as new, unchanged (same reference, same
 * content), conflict (same reference, different content: never overwritten) or rejected with its reasons. New rows go
 * to the writer thread as soon as they pass, inside one transaction that commits only at the end: a cancel, a
 * failure or (in strict mode) one bad row rolls it back and nothing is changed. This thread checks in chunks with the
 * event loop free between them, so the app keeps answering while a large file is imported.
 */
export async function importFile(
  ctx: AppContext,
  caller: Caller,
  file: { name: string; data: Buffer; table?: Table },
  options: ImportOptions = {},
  hooks: ImportHooks = {},
): Promise<ImportReport> {
  const hash = sha256(file.data);
  const countryOf = countryReader(importCountryAliases(ctx, options.countryAliases));
  hooks.onProgress?.('reading', 0, 0);
  let checked = false;
  let fresh = 0;
  // The writer thread starts while the file is read; a file refused before any row is checked lets it go unused.
  const starting = options.dryRun
    ? null
    : openImportWriter(ctx, (n) => checked && hooks.onProgress?.('writing', n, fresh));
  const prepared = await (async () => {
    const table = file.table ?? (await readImportTable(ctx, file.data));
    if (table.rows.length === 0) throw fileError(new ImportFileError('no_rows'));
    const mapping = options.mapping ?? suggestFor(ctx, table);
    checkMapping(table, mapping);
    return { table, mapping };
  })().catch(async (err: unknown) => {
    await (await starting?.catch(() => null))?.rollback();
    throw err;
  });
  const { table, mapping } = prepared;
  const unknownColumns = table.headers.filter((h, i) => !mapping[i] && h !== '');
  const dateCol = mapping.indexOf('handover_date');
  const dateOrder = options.dateOrder ?? inferDateOrder(table.rows.map((r) => r.cells[dateCol]));
  const settings = getSettings(ctx);
  const defaults = { handingAuthority: settings.handingAuthority };
  const refCol = mapping.indexOf('reference_no');
  const repeated = repeatedReferences(table, refCol);
  const total = table.rows.length;
  const at = ctx.now().toISOString();
  const writer = await starting;

  try {
    // Read once the writer holds the write lock: no other write can add a reference while this file is checked.
    const existing = referenceIndex(ctx.db.sqlite);
    const stamp: ImportStamp = { sourceRef: hash, fileName: file.name, at, actor: caller.actor };
    const statuses = { draft: 0, finalized: 0, void: 0 };
    const tupleOf = ({ data, state, line }: Checked) => {
      const id = uuidv7();
      // Imported records are finalized (the paper documents exist) unless the sheet or --as-draft says otherwise; a
      // void one stays void. Version 1 is frozen exactly as finalize does, for all but drafts.
      const status = state.status === 'void' ? 'void' : options.asDraft ? 'draft' : (state.status ?? 'finalized');
      statuses[status]++;
      const version = status === 'draft' ? null : frozenContent({ id, fields: contentFields(data), persons: [] });
      return importTuple(id, data, stamp, status, status === 'void' ? state.voidReason : null, version, line);
    };

    const outcomes: RowOutcome[] = [];
    const held: (Checked & { outcome: RowOutcome })[] = [];
    const firstByRef = new Map<string, { outcome: RowOutcome; checked?: Checked }>();
    let bad = 0;
    for (let start = 0; start < total; start += CHUNK) {
      if (hooks.isCancelled?.()) throw new ImportCancelled();
      hooks.onProgress?.('checking', start, total);
      if (start > 0) await tick();
      const batch: ImportTuple[] = [];
      const rows = table.rows.slice(start, start + CHUNK);
      // The records this chunk's references already name, read in one query (a re-import compares every row).
      const stored = getHandoverRows(
        ctx.db.orm,
        rows.map((r) => existing.get(cellText(r.cells[refCol]))).filter((id): id is string => !!id),
      );
      for (const row of rows) {
        const referenceNo = cellText(row.cells[refCol]);
        const o: RowOutcome = { line: row.line, referenceNo, outcome: 'rejected', reasons: [] };
        outcomes.push(o);
        if (row.malformed) {
          o.reasons.push({ key: 'io.reason.malformed_row' });
          bad++;
          continue;
        }
        const { data, state, reasons } = rowToFields(row.cells, mapping, dateOrder, defaults, countryOf);
        const checked = data && { data, state, line: row.line };
        const key = referenceNo.toUpperCase();
        const first = repeated.has(key) ? firstByRef.get(key) : undefined;
        if (first) {
          // The same reference twice in one file: the copy is dropped; two different contents leave both out.
          const same =
            first.checked &&
            checked &&
            differences(asRecord(data, state), asRecord(first.checked.data, first.checked.state), mapping).length === 0;
          o.reasons.push({
            key: same ? 'io.reason.duplicate_in_file' : 'io.reason.duplicate_in_file_differs',
            value: String(first.outcome.line),
          });
          bad++;
          if (!same && first.outcome.outcome !== 'rejected') {
            first.outcome.reasons.push({ key: 'io.reason.duplicate_in_file_differs', value: String(row.line) });
            first.outcome.outcome = 'rejected';
          }
          continue;
        }
        if (repeated.has(key)) firstByRef.set(key, { outcome: o, checked });
        if (!checked) {
          o.reasons.push(...reasons);
          bad++;
          continue;
        }
        const existingId = existing.get(data.referenceNo);
        if (existingId) {
          const diff = differences(asRecord(data, state), stored.get(existingId)!, mapping);
          o.existingId = existingId;
          if (diff.length) {
            o.outcome = 'conflict';
            o.differences = diff;
            o.reasons.push({ key: 'io.reason.conflict' });
            bad++;
          } else {
            o.outcome = 'unchanged';
            o.reasons.push({ key: 'io.reason.already_present' });
          }
          continue;
        }
        o.outcome = 'new';
        if (repeated.has(key)) held.push({ ...checked, outcome: o });
        else if (writer && !(options.strict && bad)) batch.push(tupleOf(checked));
      }
      writer?.write(batch);
    }
    const released = held.filter((h) => h.outcome.outcome === 'new');
    if (writer && !(options.strict && bad)) writer.write(released.map(tupleOf));

    const counts = { rows: total, new: 0, unchanged: 0, conflict: 0, rejected: 0 };
    for (const o of outcomes) counts[o.outcome]++;
    fresh = counts.new;
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
    const blocked = !!options.strict && counts.rejected + counts.conflict > 0;
    // Nothing new (a re-import of the same file, for instance): nothing is written, not even an audit entry.
    if (!writer || blocked || fresh === 0) {
      await writer?.rollback();
      return report;
    }
    if (hooks.isCancelled?.()) throw new ImportCancelled();
    checked = true;
    hooks.onProgress?.('writing', writer.written, fresh);
    const audit = {
      actor: caller.actor,
      action: 'import.file',
      entity: 'import',
      entityId: hash,
      details: {
        fileName: file.name,
        sha256: hash,
        format: table.format,
        encoding: table.encoding,
        asDraft: !!options.asDraft,
        statuses,
        strict: !!options.strict,
        ...counts,
      },
    };
    let memory: Record<string, string> | null = null;
    if (options.mapping) {
      memory = rememberedMappings(ctx);
      table.headers.forEach((h, i) => {
        if (h) memory![foldHeader(h)] = mapping[i] ?? '';
      });
    }
    await writer.commit(at, audit, memory && { [MAPPINGS_KEY]: memory });
    report.committed = true;
    hooks.onProgress?.('writing', fresh, fresh);
    return report;
  } catch (err) {
    await writer?.rollback();
    throw err;
  }
}
