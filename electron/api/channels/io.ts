import { z } from 'zod';
import { requiredText, uuid } from '../schemas/common';
import { conflictResolution, exportInput, importStartInput, inspectInput, inspectResult, jobProgress, MAX_BUNDLE_BYTES, mergeReport, officeCard, pendingConflict, resolveConflictInput } from '../schemas/io';
import { exportedFile } from '../schemas/totals';
import { channel } from './define';

const jobId = z.object({ jobId: z.string().max(64) }).strict();

/** Spreadsheet import (inspect → start → poll progress / cancel) and export of handovers (issue 6). */
export const ioChannels = {
  'io:inspect': channel(inspectInput, inspectResult),
  'io:importStart': channel(importStartInput, z.object({ jobId: z.string() })),
  'io:importProgress': channel(jobId, jobProgress),
  'io:importCancel': channel(jobId, z.object({ cancelled: z.boolean() })),
  'io:export': channel(exportInput, exportedFile),
  'io:office': channel(z.object({}).strict(), officeCard.nullable()),
  'io:officeInit': channel(z.object({ name: requiredText(100) }).strict(), officeCard),
  'io:offices': channel(z.object({}).strict(), z.array(officeCard)),
  'io:officeAdd': channel(z.object({ card: z.string().max(20_000) }).strict(), officeCard),
  'io:bundleExport': channel(z.object({ toOfficeId: z.string().max(64), ids: z.array(uuid).max(100_000).default([]) }).strict(), exportedFile),
  'io:bundleImport': channel(z.object({ fileName: z.string().max(260), base64: z.string().max(Math.ceil(MAX_BUNDLE_BYTES / 3) * 4, { error: 'too_large' }) }).strict(), mergeReport),
  /** Desktop: the next bundle the app was opened with (double-click, second launch), imported; null when none waits. */
  'io:openedBundle': channel(z.object({}).strict(), z.object({ fileName: z.string(), report: mergeReport }).nullable()),
  'io:conflicts': channel(z.object({}).strict(), z.array(pendingConflict)),
  'io:resolveConflict': channel(resolveConflictInput, conflictResolution),
} as const;
