import { z } from 'zod';
import { requiredText, uuid } from './common';
import { filterInput } from './handover';

/** Largest import accepted (bytes). Here so the renderer can refuse a bigger file before reading it. */
export const MAX_IMPORT_BYTES = 40 * 1024 * 1024;
const MAX_BASE64 = Math.ceil(MAX_IMPORT_BYTES / 3) * 4;

/** Column names: the canonical ones, then those our export adds after them (services/import/columns.ts). */
export const IMPORT_COLUMN_NAMES = [
  'reference_no', 'handover_date', 'receiving_country', 'delegation_head_name', 'delegation_head_title', 'delegation_body',
  'handing_official_name', 'location', 'camp_of_origin', 'women_count', 'children_count', 'boys_count', 'girls_count',
  'unaccompanied_count', 'men_count', 'notes', 'handing_authority', 'handing_official_title', 'status', 'void_reason',
] as const;
export const importColumn = z.enum(IMPORT_COLUMN_NAMES);
export const DATE_ORDERS = ['dmy', 'mdy'] as const;

export const inspectInput = z.object({ fileName: z.string().trim().min(1).max(260), base64: z.string().max(MAX_BASE64, { error: 'too_large' }) }).strict();

const reason = z.object({ key: z.string(), column: z.string().optional(), value: z.string().optional(), suggestions: z.array(z.string()).max(3).optional() });
export type ImportReason = z.infer<typeof reason>;

export const inspectResult = z.object({
  uploadId: z.string(),
  fileName: z.string(),
  sha256: z.string(),
  format: z.enum(['csv', 'xlsx']),
  encoding: z.string(),
  delimiter: z.string().nullable(),
  headers: z.array(z.string()),
  mapping: z.array(importColumn.nullable()),
  required: z.array(importColumn),
  rowCount: z.number().int(),
  sample: z.array(z.object({ line: z.number().int(), cells: z.array(z.string()) })),
});
export type InspectResult = z.infer<typeof inspectResult>;

export const importOptions = z
  .object({
    dryRun: z.boolean().default(false),
    asDraft: z.boolean().default(false),
    strict: z.boolean().default(false),
    dateOrder: z.enum(DATE_ORDERS).optional(),
    mapping: z.array(importColumn.nullable()).max(500).optional(),
  })
  .strict();
export type ImportOptionsInput = z.input<typeof importOptions>;

export const importStartInput = z.object({ uploadId: z.string().max(64), options: importOptions }).strict();

export const OUTCOMES = ['new', 'unchanged', 'conflict', 'rejected'] as const;
export const rowOutcome = z.object({
  line: z.number().int(),
  referenceNo: z.string(),
  outcome: z.enum(OUTCOMES),
  reasons: z.array(reason),
  differences: z.array(z.object({ column: z.string(), file: z.string(), stored: z.string() })).optional(),
  existingId: z.string().optional(),
});
export type RowOutcomeOut = z.infer<typeof rowOutcome>;

export const importReport = z.object({
  fileName: z.string(),
  sha256: z.string(),
  format: z.enum(['csv', 'xlsx']),
  encoding: z.string(),
  delimiter: z.string().nullable(),
  dryRun: z.boolean(),
  strict: z.boolean(),
  asDraft: z.boolean(),
  dateOrder: z.enum(DATE_ORDERS).nullable(),
  committed: z.boolean(),
  counts: z.object({ rows: z.number().int(), new: z.number().int(), unchanged: z.number().int(), conflict: z.number().int(), rejected: z.number().int() }),
  mapping: z.array(importColumn.nullable()),
  unknownColumns: z.array(z.string()),
  /** Rows that were not simply new (rejected, conflict, unchanged), at most 1000 over the API; the CLI prints all. */
  rows: z.array(rowOutcome),
  rowsOmitted: z.number().int(),
});
export type ImportReportOut = z.infer<typeof importReport>;

export const JOB_STATES = ['running', 'done', 'failed', 'cancelled'] as const;
export const jobProgress = z.object({
  jobId: z.string(),
  state: z.enum(JOB_STATES),
  phase: z.enum(['reading', 'checking', 'writing']),
  done: z.number().int(),
  total: z.number().int(),
  report: importReport.optional(),
  error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }).optional(),
});
export type JobProgress = z.infer<typeof jobProgress>;

export const exportInput = z.object({ filter: filterInput.default({ search: '', countries: [], camps: [], statuses: [] }), format: z.enum(['csv', 'xlsx']) }).strict();

// Office exchange (docs/exchange-format.md).
export const officeCard = z.object({ id: z.string(), name: z.string(), fingerprint: z.string(), card: z.string() });
export type OfficeCardOut = z.infer<typeof officeCard>;
const sideBySide = z.array(z.object({ field: z.string(), local: z.string(), incoming: z.string() }));
export const mergeReport = z.object({
  bundleId: z.string(),
  from: z.object({ id: z.string(), name: z.string() }),
  counts: z.object({ new: z.number().int(), amended: z.number().int(), unchanged: z.number().int(), conflict: z.number().int(), rejected: z.number().int() }),
  rows: z.array(z.object({ id: z.string(), referenceNo: z.string(), outcome: z.enum(['new', 'amended', 'unchanged', 'conflict', 'rejected']), reason: z.string().optional(), sideBySide: sideBySide.optional() })),
});
export type MergeReportOut = z.infer<typeof mergeReport>;
export const pendingConflict = z.object({
  id: z.string(),
  bundleId: z.string(),
  from: z.object({ id: z.string(), name: z.string() }),
  handoverId: z.string(),
  referenceNo: z.string(),
  reason: z.string(),
  sideBySide: sideBySide.optional(),
  receivedAt: z.string(),
});
export type PendingConflictOut = z.infer<typeof pendingConflict>;
export const CONFLICT_CHOICES = ['keep_local', 'take_incoming'] as const;
/** A person's decision on a pending conflict: keep this office's version, or take the other office's. The note is required. */
export const resolveConflictInput = z.object({ conflictId: uuid, choice: z.enum(CONFLICT_CHOICES), note: requiredText(500) }).strict();
export const conflictResolution = z.object({
  id: z.string(),
  resolution: z.enum(['kept_local', 'took_incoming']),
  resolvedAt: z.string(),
  resolvedBy: z.string(),
  handoverId: z.string().nullable(),
  version: z.number().int().nullable(),
  contentHash: z.string().nullable(),
});
/** Bundles carry attachments: allowed larger than a spreadsheet. */
export const MAX_BUNDLE_BYTES = 200 * 1024 * 1024;
