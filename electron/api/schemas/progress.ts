import { z } from 'zod';
import { JOB_STATES } from '../domain/import';

/** How far a long operation has come; `total` 0 while it is not known yet. */
const progressFields = {
  state: z.enum(JOB_STATES),
  done: z.number().int().min(0),
  total: z.number().int().min(0),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
};

export const EXPORT_KINDS = ['handovers', 'bundle', 'totals'] as const;
export const EXPORT_PHASES = ['reading', 'writing'] as const;
export const exportProgress = z.object({
  exportId: z.string(),
  kind: z.enum(EXPORT_KINDS),
  phase: z.enum(EXPORT_PHASES),
  ...progressFields,
});
export type ExportProgress = z.infer<typeof exportProgress>;

export const BACKUP_OPERATIONS = ['backup', 'restore'] as const;
export const BACKUP_PHASES = ['copying', 'verifying', 'writing'] as const;
/** For the backup service (issue 11): a backup or a restore, its phase and bytes or pages done. */
export const backupProgress = z.object({
  backupId: z.string(),
  operation: z.enum(BACKUP_OPERATIONS),
  phase: z.enum(BACKUP_PHASES),
  ...progressFields,
});
export type BackupProgress = z.infer<typeof backupProgress>;
