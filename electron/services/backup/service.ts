import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { writeAudit } from '../../../db/queries/audit';
import { AppError, type ErrorCode } from '../../api/result';
import { DAILY_BACKUP_MS, type BackupKind } from '../../api/domain/backup';
import { advanceAuditHead } from '../audit/head';
import { SYSTEM_ACTOR, type AppContext, type Caller } from '../context';
import { backupName, backupsDir, listBackups, pruneBackups, type BackupInfo } from './store';
import { writeBackup } from './write';
import { emit } from '../events';
import { startWorker } from '../workers';
import type { BackupThreadData, FromBackupThread } from './backup-thread';

/**
 * Writes a backup, telling `backup.progress` where it is. VACUUM INTO runs on this thread, so the page hears both
 * reports once it is done; moving the copy to a worker would let the first arrive while it runs.
 */
function writeTold(ctx: AppContext, target: string) {
  const backupId = randomUUID();
  const tell = (state: 'running' | 'done' | 'failed', done: number, error?: { code: string; message: string }) =>
    emit(ctx, 'backup.progress', { backupId, operation: 'backup', phase: 'copying', state, done, total: 0, error });
  tell('running', 0);
  try {
    const written = writeBackup(ctx.db.sqlite, target);
    tell('done', written.bytes);
    return written;
  } catch (err) {
    tell('failed', 0, { code: err instanceof AppError ? err.code : 'INTERNAL', message: (err as Error).message });
    throw err;
  }
}

/** Paths come from an administrator (a dialog, a typed path, the CLI resolves its own): never relative to the app. */
export function absolutePath(file: string): string {
  if (!isAbsolute(file))
    throw new AppError('VALIDATION', `${file} is not an absolute path`, {
      issues: [{ path: 'path', key: 'path_not_absolute' }],
    });
  return resolve(file);
}

/** A backup into backups/ (audited, then the oldest of its kind beyond the kept number removed). */
export function makeBackup(ctx: AppContext, actor: string, kind: BackupKind): BackupInfo {
  const dir = backupsDir(ctx.dataDir, true);
  const at = ctx.now();
  const name = backupName(kind, at);
  return recordBackup(ctx, actor, kind, name, at, writeTold(ctx, join(dir, name)));
}

function recordBackup(
  ctx: AppContext,
  actor: string,
  kind: BackupKind,
  name: string,
  at: Date,
  { bytes, ms }: { bytes: number; ms: number },
): BackupInfo {
  const removed = pruneBackups(ctx.dataDir, kind);
  writeAudit(
    ctx.db.orm,
    { actor, action: 'backup.create', entity: 'database', details: { kind, file: name, bytes, ms, removed } },
    ctx.now().toISOString(),
  );
  return { name, kind, at: at.toISOString(), bytes };
}

/**
 * makeBackup with the copy made by a thread of its own (backup/backup-thread.ts): at 1,000,000 handovers the
 * integrity_check and VACUUM INTO read the database for minutes, which on the app's thread held every request.
 */
export async function makeBackupInThread(ctx: AppContext, actor: string, kind: BackupKind): Promise<BackupInfo> {
  const dir = backupsDir(ctx.dataDir, true);
  const at = ctx.now();
  const name = backupName(kind, at);
  const backupId = randomUUID();
  const tell = (state: 'running' | 'done' | 'failed', done: number, error?: { code: string; message: string }) =>
    emit(ctx, 'backup.progress', { backupId, operation: 'backup', phase: 'copying', state, done, total: 0, error });
  tell('running', 0);
  const worker = startWorker(ctx, 'backup-writer', {
    file: ctx.db.sqlite.name,
    key: ctx.keys.dbKey,
    target: join(dir, name),
  } satisfies BackupThreadData);
  const reply = await new Promise<FromBackupThread>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the backup thread stopped (${code})`)));
  });
  if (!reply.ok) {
    tell('failed', 0, reply);
    throw new AppError(reply.code as ErrorCode, reply.message, reply.details);
  }
  tell('done', reply.bytes);
  return recordBackup(ctx, actor, kind, name, at, reply);
}

/** A backup to a file the administrator chose (a USB stick): encrypted with this database's key, like the others. */
export function saveBackupTo(ctx: AppContext, caller: Caller, file: string): { file: string; bytes: number } {
  const target = absolutePath(file);
  if (!existsSync(resolve(target, '..')))
    throw new AppError('BACKUP_TARGET_UNWRITABLE', `The folder of ${target} does not exist`, { file: target });
  if (resolve(target) === resolve(ctx.dbFile))
    throw new AppError('BACKUP_TARGET_UNWRITABLE', 'A backup cannot replace the database itself', { file: target });
  const { bytes, ms } = writeTold(ctx, target);
  writeAudit(
    ctx.db.orm,
    {
      actor: caller.actor,
      action: 'backup.create',
      entity: 'database',
      details: { kind: 'file', file: basename(target), bytes, ms },
    },
    ctx.now().toISOString(),
  );
  return { file: target, bytes };
}

const dailyDue = (ctx: AppContext) => {
  const newest = listBackups(ctx.dataDir).find((b) => b.kind === 'daily');
  return !newest || ctx.now().getTime() - Date.parse(newest.at) >= DAILY_BACKUP_MS;
};

/** The daily backup, when the newest one is older than a day (or there is none). */
export function ensureDailyBackup(ctx: AppContext): BackupInfo | null {
  if (!dailyDue(ctx)) return null;
  const made = makeBackup(ctx, SYSTEM_ACTOR.backup, 'daily');
  advanceAuditHead(ctx);
  return made;
}

/**
 * Daily backups of a running app (desktop, browser mode): checked first `firstAfterMs` after start, then every hour,
 * the copy made by a thread of its own. Not at start itself: integrity_check and VACUUM INTO read the whole database
 * (minutes at 1,000,000 handovers on a busy machine), which the first window or page would wait for. An app closed
 * before that first check makes the backup as it stops, so every run still leaves one when it is due. A failure (a
 * full disk) is logged and tried again at the next check; it never stops the app.
 */
export function startBackupSchedule(
  ctx: AppContext,
  log: (msg: string, err: unknown) => void,
  { firstAfterMs = 30_000, everyMs = 3_600_000 } = {},
) {
  let checked = false;
  let running = false;
  let stopped = false;
  const tick = () => {
    checked = true;
    if (running || stopped || !dailyDue(ctx)) return;
    running = true;
    makeBackupInThread(ctx, SYSTEM_ACTOR.backup, 'daily')
      .then(() => {
        if (!stopped) advanceAuditHead(ctx);
      })
      .catch((err: unknown) => log('[tasleem] daily backup failed', err))
      .finally(() => (running = false));
  };
  let timer = setTimeout(() => {
    tick();
    timer = setInterval(tick, everyMs);
    timer.unref();
  }, firstAfterMs);
  timer.unref();
  return () => {
    clearTimeout(timer);
    clearInterval(timer);
    stopped = true;
    if (checked) return;
    try {
      ensureDailyBackup(ctx);
    } catch (err) {
      log('[tasleem] daily backup failed', err);
    }
  };
}
