import { accessSync, constants, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DbOpenError, openDatabase, type Db } from '../../db/open';
import { AppError } from '../api/result';
import { advanceAuditHead, keyStoreHeadStore } from './audit/head';
import { sealLegacyAudit } from './audit/seal';
import type { AppContext } from './context';
import { databaseFile } from './data-dir';
import { openKeyStore, secureDataDir, secureDbFiles } from './keys/files';
import type { Unlock } from './keys/keystore';
import { storageErrorCode } from './storage-errors';

export interface ContextOptions {
  dataDir: string;
  mode: AppContext['mode'];
  dbFile?: string;
  migrationsFolder?: string;
  resourcesDir?: string;
  workersDir?: string;
  /** How to open the key store: OS keychain adapter (desktop), passphrase (browser mode, CLI, tests). */
  unlock: Unlock;
}

/**
 * The wall clock, unless SOURCE_DATE_EPOCH (seconds; the reproducible-builds convention) fixes it: then every
 * transport makes byte-identical documents of the same record (tests/integration/report-transports.test.ts).
 */
function clock(): () => Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (!epoch || !/^\d{1,12}$/.test(epoch)) return () => new Date();
  return () => new Date(Number(epoch) * 1000);
}

/**
 * Opens a database with its key. A wrong key, a plain or damaged file, a folder that cannot be written, a full disk
 * or a database from a newer version become an AppError with a translated code, before anything is changed.
 */
export function openWithKey(
  file: string,
  key: Buffer,
  opts: { migrationsFolder?: string; quickCheck?: boolean } = {},
): Db {
  try {
    if (file !== ':memory:') {
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      accessSync(dirname(file), constants.W_OK);
    }
    return openDatabase(file, { key, migrationsFolder: opts.migrationsFolder, quickCheck: opts.quickCheck });
  } catch (err) {
    if (err instanceof DbOpenError) throw new AppError(err.code, err.message);
    const code = storageErrorCode(err);
    if (code) throw new AppError(code, `${(err as Error).message} (${file})`, { file });
    throw err;
  }
}

export function createAppContext(opts: ContextOptions): AppContext {
  const file = opts.dbFile ?? databaseFile(opts.dataDir);
  const dataDir = opts.dbFile ? dirname(opts.dbFile) : opts.dataDir;
  let keys;
  try {
    // The app's own folder is made private; a --db elsewhere (a user's folder) is left as it is, its files are not.
    if (!opts.dbFile) secureDataDir(opts.dataDir);
    keys = openKeyStore(file, opts.unlock);
  } catch (err) {
    const code = storageErrorCode(err);
    if (code) throw new AppError(code, `${(err as Error).message} (${file})`, { file });
    throw err;
  }
  const db = openWithKey(file, keys.dbKey, { migrationsFolder: opts.migrationsFolder, quickCheck: true });
  secureDbFiles(file);
  const ctx: AppContext = {
    db,
    dbFile: file,
    keys,
    dataDir,
    mode: opts.mode,
    now: clock(),
    resourcesDir: opts.resourcesDir,
    workersDir: opts.workersDir,
    auditHead: keyStoreHeadStore(keys, file),
  };
  sealLegacyAudit(ctx);
  advanceAuditHead(ctx);
  return ctx;
}
