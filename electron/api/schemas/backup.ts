import { z } from 'zod';
import { BACKUP_KINDS } from '../domain/backup';
import { ERROR_CODES } from '../result';
import { checkReport } from './check';

export const backupInfo = z.object({
  name: z.string(),
  kind: z.enum(BACKUP_KINDS),
  at: z.string(),
  bytes: z.number().int(),
});
export type BackupInfoOut = z.infer<typeof backupInfo>;

export const backupList = z.object({ dir: z.string(), backups: z.array(backupInfo) });

/** A file on this machine (a USB stick): the service takes paths, whatever carried the choice. */
export const filePath = z.string().trim().min(1, { error: 'required' }).max(4096, { error: 'too_long' });

/** A restore names a backup of the list, or a file. */
export const restoreSource = z.union([
  z.object({ name: z.string().max(200) }).strict(),
  z.object({ path: filePath }).strict(),
]);

export const restoreResult = z.object({
  from: z.string(),
  handovers: z.number().int(),
  schemaVersion: z.number().int(),
  preRestore: z.string().nullable(),
  movedAside: z.string().nullable(),
  checks: checkReport.shape.checks,
});

/** At start: the app runs, or it is in recovery (the database did not open) and only recovery channels answer. */
export const recoveryStatus = z.discriminatedUnion('state', [
  z.object({ state: z.literal('ok') }),
  z.object({
    state: z.literal('recovery'),
    code: z.enum(ERROR_CODES),
    dataDir: z.string(),
    /** Backups can be checked and restored only with the database key (the key store opened). */
    canRestore: z.boolean(),
    /** A plain database that `recovery:encrypt` converts. */
    canEncrypt: z.boolean(),
    backups: z.array(backupInfo),
  }),
]);
export type RecoveryStatus = z.infer<typeof recoveryStatus>;
