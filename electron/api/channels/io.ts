import { z } from 'zod';
import { requiredText, uuid } from '../schemas/common';
import {
  conflictResolution,
  exportInput,
  importStartInput,
  inspectInput,
  inspectResult,
  jobProgress,
  mergeReport,
  officeCard,
  pendingConflict,
  resolveConflictInput,
} from '../schemas/io';
import { fileId, heldFile } from '../schemas/files';
import { channel } from './define';

const jobId = z.object({ jobId: z.string().max(64) }).strict();

/** Spreadsheet import (inspect → start → `import.progress` events / cancel) and export of handovers (issue 6). */
export const ioChannels = {
  'io:inspect': channel(inspectInput, inspectResult, 'registrar'),
  'io:importStart': channel(importStartInput, z.object({ jobId: z.string() }), 'registrar'),
  /** The job's state now, for a page that subscribed to `import.progress` after it started; never polled. */
  'io:importProgress': channel(jobId, jobProgress, 'registrar'),
  'io:importCancel': channel(jobId, z.object({ cancelled: z.boolean() }), 'registrar'),
  'io:export': channel(exportInput, heldFile, 'registrar'),
  'io:office': channel(z.object({}).strict(), officeCard.nullable(), 'viewer'),
  'io:officeCard': channel(z.object({}).strict(), heldFile, 'viewer'),
  'io:officeInit': channel(z.object({ name: requiredText(100) }).strict(), officeCard, 'administrator'),
  'io:offices': channel(z.object({}).strict(), z.array(officeCard), 'viewer'),
  /** Another office's card file (admitted as `officeCard`). */
  'io:officeAdd': channel(z.object({ fileId }).strict(), officeCard, 'administrator'),
  'io:bundleExport': channel(
    z.object({ toOfficeId: z.string().max(64), ids: z.array(uuid).max(100_000).default([]) }).strict(),
    heldFile.extend({ bundleId: z.string(), records: z.number().int() }),
    'registrar',
  ),
  /** A bundle the caller chose (admitted as `bundle`). */
  'io:bundleImport': channel(z.object({ fileId }).strict(), mergeReport, 'registrar'),
  /** Desktop: the next bundle the app was opened with (double-click, second launch), imported; null when none waits. */
  'io:openedBundle': channel(
    z.object({}).strict(),
    z.object({ fileName: z.string(), report: mergeReport }).nullable(),
    'registrar',
  ),
  'io:conflicts': channel(z.object({}).strict(), z.array(pendingConflict), 'viewer'),
  'io:resolveConflict': channel(resolveConflictInput, conflictResolution, 'registrar'),
} as const;
