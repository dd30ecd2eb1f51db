import { DatabaseTooNewError } from '../../db/schema-guard';
import type { ErrorCode } from '../api/result';

const READ_ONLY = new Set(['EACCES', 'EPERM', 'EROFS', 'SQLITE_READONLY', 'SQLITE_CANTOPEN', 'SQLITE_PERM']);
const FULL = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL']);

/**
 * The data folder's own failures, as the codes users are shown: a newer database, a folder that cannot be written,
 * a full disk. SQLite's extended codes (SQLITE_READONLY_DBMOVED, SQLITE_IOERR_WRITE with ENOSPC…) fold to their base.
 */
export function storageErrorCode(
  err: unknown,
): Extract<ErrorCode, 'DATA_TOO_NEW' | 'DATA_FOLDER_READONLY' | 'DISK_FULL'> | undefined {
  if (err instanceof DatabaseTooNewError) return 'DATA_TOO_NEW';
  const code = err instanceof Error ? (err as Error & { code?: unknown }).code : undefined;
  if (typeof code !== 'string') return undefined;
  const base = code.startsWith('SQLITE_') ? code.replace(/^(SQLITE_[A-Z]+)_.*$/, '$1') : code;
  if (READ_ONLY.has(base)) return 'DATA_FOLDER_READONLY';
  if (FULL.has(base)) return 'DISK_FULL';
  return undefined;
}
