import { AppError } from '../api/result';
import { makeBackup, saveBackupTo } from '../services/backup/service';
import { restoreApp } from '../services/backup/restore';
import { backupPath, backupsDir, listBackups } from '../services/backup/store';
import type { HandlersFor } from './types';

const notInRecovery = () => {
  throw new AppError('NOT_IN_RECOVERY', 'The database is open: recovery is not needed (Settings → Backups restores)');
};

export const backupHandlers: HandlersFor<'backup'> & HandlersFor<'recovery'> = {
  'backup:list': (ctx) => ({ dir: backupsDir(ctx.dataDir), backups: listBackups(ctx.dataDir) }),
  'backup:create': (ctx, caller) => makeBackup(ctx, caller.actor, 'manual'),
  'backup:saveTo': (ctx, caller, { path }) => saveBackupTo(ctx, caller, path),
  'backup:restore': (ctx, caller, source) =>
    restoreApp(ctx, caller, 'name' in source ? backupPath(ctx.dataDir, source.name) : source.path),
  // Normal mode: the database is open. Recovery mode answers these in handlers/recovery.ts.
  'recovery:status': () => ({ state: 'ok' as const }),
  'recovery:restore': notInRecovery,
  'recovery:encrypt': notInRecovery,
};
