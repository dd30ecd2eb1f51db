import { z } from 'zod';
import { requiredText, uuid } from './common';
import { DATE_ORDERS, IMPORT_OUTCOMES, IMPORT_PHASES, JOB_STATES, SHEET_FORMATS } from '../domain/import';
import { CONFLICT_CHOICES, CONFLICT_RESOLUTIONS, MERGE_OUTCOMES } from '../domain/exchange';
import { countryAliasSchema } from './country-alias';
import { fileId } from './files';
import { filterInput, importColumn } from './handover';

export { IMPORT_COLUMNS } from './handover';
/** A spreadsheet the caller chose (admitted as `spreadsheet`): the page's picker, browser mode's upload, the CLI's path. */
export const inspectInput = z.object({ fileId }).strict();

const reason = z.object({
  key: z.string(),
  column: z.string().optional(),
  value: z.string().optional(),
  suggestions: z.array(z.string()).max(3).optional(),
});
export type ImportReason = z.infer<typeof reason>;

export const inspectResult = z.object({
  uploadId: z.string(),
  fileName: z.string(),
  sha256: z.string(),
  format: z.enum(SHEET_FORMATS),
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
    /** Country names for this import only (the CLI's --country-alias), checked like the office's stored aliases. */
    countryAliases: z.array(countryAliasSchema).max(100).optional(),
    /** List every row needing attention in the report, not the first 1000 (the CLI prints them all). */
    allRows: z.boolean().default(false),
  })
  .strict();

export const importStartInput = z.object({ uploadId: z.string().max(64), options: importOptions }).strict();

export const rowOutcome = z.object({
  line: z.number().int(),
  referenceNo: z.string(),
  outcome: z.enum(IMPORT_OUTCOMES),
  reasons: z.array(reason),
  differences: z.array(z.object({ column: z.string(), file: z.string(), stored: z.string() })).optional(),
  existingId: z.string().optional(),
});

export const importReport = z.object({
  fileName: z.string(),
  sha256: z.string(),
  format: z.enum(SHEET_FORMATS),
  encoding: z.string(),
  delimiter: z.string().nullable(),
  dryRun: z.boolean(),
  strict: z.boolean(),
  asDraft: z.boolean(),
  dateOrder: z.enum(DATE_ORDERS).nullable(),
  committed: z.boolean(),
  counts: z.object({
    rows: z.number().int(),
    new: z.number().int(),
    unchanged: z.number().int(),
    conflict: z.number().int(),
    rejected: z.number().int(),
  }),
  mapping: z.array(importColumn.nullable()),
  unknownColumns: z.array(z.string()),
  /** Rows that were not simply new (rejected, conflict, unchanged), at most 1000 over the API; the CLI prints all. */
  rows: z.array(rowOutcome),
  rowsOmitted: z.number().int(),
});
export type ImportReportOut = z.infer<typeof importReport>;

export const jobProgress = z.object({
  jobId: z.string(),
  state: z.enum(JOB_STATES),
  phase: z.enum(IMPORT_PHASES),
  done: z.number().int(),
  total: z.number().int(),
  report: importReport.optional(),
  error: z
    .object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() })
    .optional(),
});
export type JobProgress = z.infer<typeof jobProgress>;

export const exportInput = z
  .object({
    filter: filterInput.default({ search: '', countries: [], camps: [], statuses: [] }),
    format: z.enum(SHEET_FORMATS),
  })
  .strict();

// Office exchange (docs/exchange-format.md).
export const officeCard = z.object({ id: z.string(), name: z.string(), fingerprint: z.string(), card: z.string() });
export type OfficeCardOut = z.infer<typeof officeCard>;
const sideBySide = z.array(z.object({ field: z.string(), local: z.string(), incoming: z.string() }));
export const mergeReport = z.object({
  bundleId: z.string(),
  from: z.object({ id: z.string(), name: z.string() }),
  counts: z.object({
    new: z.number().int(),
    amended: z.number().int(),
    unchanged: z.number().int(),
    conflict: z.number().int(),
    rejected: z.number().int(),
  }),
  rows: z.array(
    z.object({
      id: z.string(),
      referenceNo: z.string(),
      outcome: z.enum(MERGE_OUTCOMES),
      reason: z.string().optional(),
      sideBySide: sideBySide.optional(),
    }),
  ),
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
/** A person's decision on a pending conflict: keep this office's version, or take the other office's. The note is required. */
export const resolveConflictInput = z
  .object({ conflictId: uuid, choice: z.enum(CONFLICT_CHOICES), note: requiredText(500) })
  .strict();
export const conflictResolution = z.object({
  id: z.string(),
  resolution: z.enum(CONFLICT_RESOLUTIONS),
  resolvedAt: z.string(),
  resolvedBy: z.string(),
  handoverId: z.string().nullable(),
  version: z.number().int().nullable(),
  contentHash: z.string().nullable(),
});
