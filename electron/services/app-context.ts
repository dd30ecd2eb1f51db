import { accessSync, constants, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { openDatabase } from '../../db/open';
import { AppError } from '../api/result';
import { advanceAuditHead, fileHeadStore } from './audit/head';
import { sealLegacyAudit } from './audit/seal';
import type { AppContext } from './context';
import { databaseFile } from './data-dir';
import { storageErrorCode } from './storage-errors';

/**
 * Opens the data folder's database. A folder that cannot be written, a full disk or a database from a newer version
 * become an AppError with a translated code, before anything is changed (so the app can say so and quit).
 */
export function createAppContext(opts: { dataDir: string; mode: AppContext['mode']; dbFile?: string; migrationsFolder?: string; resourcesDir?: string; workersDir?: string }): AppContext {
  const file = opts.dbFile ?? databaseFile(opts.dataDir);
  const dataDir = opts.dbFile ? dirname(opts.dbFile) : opts.dataDir;
  let db;
  try {
    if (file !== ':memory:') {
      mkdirSync(dirname(file), { recursive: true });
      accessSync(dirname(file), constants.W_OK);
    }
    db = openDatabase(file, { migrationsFolder: opts.migrationsFolder });
  } catch (err) {
    const code = storageErrorCode(err);
    if (code) throw new AppError(code, `${(err as Error).message} (${file})`, { file });
    throw err;
  }
  const ctx: AppContext = { db, dataDir, mode: opts.mode, now: () => new Date(), resourcesDir: opts.resourcesDir, workersDir: opts.workersDir, auditHead: fileHeadStore(file) };
  sealLegacyAudit(ctx);
  advanceAuditHead(ctx);
  return ctx;
}
