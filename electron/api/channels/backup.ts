import { z } from 'zod';
import { backupInfo, backupList, filePath, recoveryStatus, restoreResult, restoreSource } from '../schemas/backup';
import { channel } from './define';

/**
 * Backups (administrator), and recovery: when the database does not open at start the app runs in recovery mode,
 * where only the `recovery:` channels answer (electron/handlers/recovery.ts); in normal mode they refuse.
 */
export const backupChannels = {
  'backup:list': channel(z.object({}).strict(), backupList, 'administrator'),
  'backup:create': channel(z.object({}).strict(), backupInfo, 'administrator'),
  'backup:saveTo': channel(
    z.object({ path: filePath }).strict(),
    z.object({ file: z.string(), bytes: z.number().int() }),
    'administrator',
  ),
  'backup:restore': channel(restoreSource, restoreResult, 'administrator'),
  'recovery:status': channel(z.object({}).strict(), recoveryStatus, 'public'),
  'recovery:restore': channel(restoreSource, restoreResult, 'public'),
  'recovery:encrypt': channel(
    z.object({ username: z.string().max(64).optional(), password: z.string().max(256).optional() }).strict(),
    z.object({ plainBackup: z.string() }),
    'public',
  ),
} as const;
