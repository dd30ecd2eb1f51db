/**
 * Kinds of backup in the data folder's backups/ and how many of each are kept (the oldest beyond that are removed
 * after each new one). A damaged database moved aside by a restore (`damaged-…`) is never removed automatically.
 */
export const BACKUP_KINDS = ['daily', 'manual', 'pre-migration', 'pre-restore'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];
export const BACKUPS_KEPT: Record<BackupKind, number> = { daily: 7, manual: 10, 'pre-migration': 3, 'pre-restore': 3 };
/** A daily backup is made shortly after start and while running when the newest one is older than this. */
export const DAILY_BACKUP_MS = 24 * 60 * 60 * 1000;
