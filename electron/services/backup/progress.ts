import { randomUUID } from 'node:crypto';
import type { BACKUP_PHASES, BACKUP_OPERATIONS } from '../../api/schemas/progress';
import { AppError } from '../../api/result';
import type { AppContext } from '../context';
import { emit } from '../events';

export type BackupPhase = (typeof BACKUP_PHASES)[number];
/** A restore's steps: copy the backup beside the database, check it, swap it in (with the pre-restore backup). */
export const RESTORE_STEPS = 3;

/**
 * `backup.progress` events of one backup or restore (administrators' sessions receive them). SQLite reports no
 * progress inside VACUUM INTO, so a backup says it started and ended, a restore each of its steps.
 */
export function backupProgress(ctx: AppContext, operation: (typeof BACKUP_OPERATIONS)[number], total: number) {
  const backupId = randomUUID();
  let phase: BackupPhase = operation === 'backup' ? 'writing' : 'copying';
  const send = (state: 'running' | 'done' | 'failed', done: number, error?: { code: string; message: string }) =>
    emit(ctx, 'backup.progress', { backupId, operation, phase, state, done, total, ...(error && { error }) });
  return {
    phase(p: BackupPhase, done: number) {
      phase = p;
      send('running', done);
    },
    done: () => send('done', total),
    failed(err: unknown) {
      send(
        'failed',
        0,
        err instanceof AppError ? { code: err.code, message: err.message } : { code: 'INTERNAL', message: 'failed' },
      );
    },
  };
}
