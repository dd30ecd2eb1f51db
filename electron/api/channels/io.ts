import { z } from 'zod';
import { exportInput, importStartInput, inspectInput, inspectResult, jobProgress } from '../schemas/io';
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
} as const;
