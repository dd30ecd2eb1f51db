import { accessSync, constants, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DbOpenError, openDatabase, type Db, type OpenOptions } from '../../db/open';
import { AppError } from '../api/result';
import { advanceAuditHead, keyStoreHeadStore } from './audit/head';
import { sealLegacyAudit } from './audit/seal';
import type { AppContext } from './context';
import { databaseFile } from './data-dir';
import { EventBus } from './events';
import { openKeyStore, secureDataDir, secureDbFiles } from './keys/files';
import type { KeyStore, Unlock } from './keys/keystore';
import { preMigrationBackup } from './backup/pre-migration';
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
  opts: { migrationsFolder?: string; quickCheck?: boolean; beforeMigrate?: OpenOptions['beforeMigrate'] } = {},
): Db {
  try {
    if (file !== ':memory:') {
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      accessSync(dirname(file), constants.W_OK);
    }
    return openDatabase(file, {
      key,
      migrationsFolder: opts.migrationsFolder,
      quickCheck: opts.quickCheck,
      beforeMigrate: opts.beforeMigrate,
    });
  } catch (err) {
    if (err instanceof DbOpenError) throw new AppError(err.code, err.message);
    const code = storageErrorCode(err);
    if (code) throw new AppError(code, `${(err as Error).message} (${file})`, { file });
    throw err;
  }
}

/** The key store of the database named by the options: opened, or created for a new database. */
export function unlockKeys(opts: ContextOptions): KeyStore {
  const file = opts.dbFile ?? databaseFile(opts.dataDir);
  try {
    // The app's own folder is made private; a --db elsewhere (a user's folder) is left as it is, its files are not.
    if (!opts.dbFile) secureDataDir(opts.dataDir);
    return openKeyStore(file, opts.unlock);
  } catch (err) {
    const code = storageErrorCode(err);
    if (code) throw new AppError(code, `${(err as Error).message} (${file})`, { file });
    throw err;
  }
}

/**
 * Opens the database the app runs on: quick_check, a backup before pending migrations (backups/), the migrations,
 * and the audit entry of that backup once the schema is current.
 */
export function openAppDatabase(file: string, dataDir: string, key: Buffer, migrationsFolder?: string): Db {
  const backup = preMigrationBackup(dataDir, clock());
  const db = openWithKey(file, key, { migrationsFolder, quickCheck: true, beforeMigrate: backup.hook });
  secureDbFiles(file);
  // Before the backup's entry: a log with one chained entry is never sealed again (see sealLegacyAudit).
  sealLegacyAudit(db);
  backup.audit(db);
  return db;
}

export function createAppContext(opts: ContextOptions): AppContext {
  return contextWithKeys(opts, unlockKeys(opts));
}

/** The rest of start-up once the key store is open (recovery mode opens it first, then tries this). */
export function contextWithKeys(opts: ContextOptions, keys: KeyStore): AppContext {
  const file = opts.dbFile ?? databaseFile(opts.dataDir);
  const dataDir = opts.dbFile ? dirname(opts.dbFile) : opts.dataDir;
  const db = openAppDatabase(file, dataDir, keys.dbKey, opts.migrationsFolder);
  const ctx: AppContext = {
    db,
    dbFile: file,
    keys,
    dataDir,
    mode: opts.mode,
    now: clock(),
    migrationsFolder: opts.migrationsFolder,
    resourcesDir: opts.resourcesDir,
    workersDir: opts.workersDir,
    auditHead: keyStoreHeadStore(keys, file),
    events: new EventBus(),
  };
  advanceAuditHead(ctx);
  return ctx;
}
