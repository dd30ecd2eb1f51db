import type Database from 'better-sqlite3';
import { chmodSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { integrityCheck, isPlainDatabase } from '../../../db/open';
import { AppError } from '../../api/result';
import { fsyncDir, fsyncPath } from '../fsync';
import { storageErrorCode } from '../storage-errors';

/**
 * Writes a backup of the open database to `target`: `integrity_check` first (a damaged database is not copied over a
 * good backup), then `VACUUM INTO` a temporary file beside the target, which SQLite3MultipleCiphers encrypts with the
 * connection's key (better-sqlite3's backup() refuses on the cipher build, and a file copy could catch a page half
 * written). The file is made whole (fsync) and private (0600), then renamed into place: a crash or a full disk
 * leaves either the old target or none, never half a backup.
 */
export function writeBackup(sqlite: Database.Database, target: string): { bytes: number; ms: number } {
  const started = performance.now();
  const check = integrityCheck(sqlite);
  if (check !== 'ok') throw new AppError('DB_CORRUPT', `The database is damaged, no backup was made: ${check}`);
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  try {
    rmSync(tmp, { force: true });
    sqlite.prepare('VACUUM INTO ?').run(tmp);
    // A plain build ignores the key: never leave an unencrypted copy of the records anywhere.
    if (isPlainDatabase(tmp)) throw new AppError('DB_CIPHER_UNAVAILABLE', 'The backup was written unencrypted');
    if (process.platform !== 'win32') chmodSync(tmp, 0o600);
    fsyncPath(tmp);
    renameSync(tmp, target);
    fsyncDir(dirname(target));
  } catch (err) {
    rmSync(tmp, { force: true });
    if (err instanceof AppError) throw err;
    const code = storageErrorCode(err);
    if (code === 'DISK_FULL') throw new AppError('DISK_FULL', `No room for the backup at ${target}`, { file: target });
    if (code || (err as { code?: string }).code === 'ENOENT')
      throw new AppError('BACKUP_TARGET_UNWRITABLE', `The backup cannot be written to ${target}`, { file: target });
    throw err;
  }
  return { bytes: statSync(target).size, ms: Math.round(performance.now() - started) };
}
