import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../../db/open';
import { AppError } from '../../api/result';
import { writeBackup } from './write';

/**
 * The daily backup's thread: integrity_check and VACUUM INTO on a connection of its own (WAL lets it read while the
 * app's thread answers requests), so a large database's minutes of reading never stall the app.
 */
export interface BackupThreadData {
  file: string;
  key: Uint8Array;
  target: string;
}
export type FromBackupThread =
  | { ok: true; bytes: number; ms: number }
  | { ok: false; code: string; message: string; details?: Record<string, unknown> };

const { file, key, target } = workerData as BackupThreadData;
let reply: FromBackupThread;
try {
  const db = openDatabase(file, { key: Buffer.from(key), migrate: false });
  try {
    reply = { ok: true, ...writeBackup(db.sqlite, target) };
  } finally {
    db.close();
  }
} catch (err) {
  reply =
    err instanceof AppError
      ? { ok: false, code: err.code, message: err.message, details: err.details as Record<string, unknown> }
      : { ok: false, code: 'INTERNAL', message: (err as Error).message };
}
parentPort!.postMessage(reply);
