import { existsSync } from 'node:fs';
import { AppError, type ErrorCode } from '../api/result';
import type { RecoveryStatus } from '../api/schemas/backup';
import { contextWithKeys, unlockKeys, type ContextOptions } from './app-context';
import { writeAudit } from '../../db/queries/audit';
import { advanceAuditHead } from './audit/head';
import { assertPlainAdministrator, encryptPlainDatabase } from './backup/encrypt';
import { reportOf, restoreDatabase, type RestoreReport } from './backup/restore';
import { backupPath, listBackups } from './backup/store';
import { runChecks } from './check';
import { localCaller, SYSTEM_ACTOR, type AppContext } from './context';
import { databaseFile } from './data-dir';
import type { KeyStore } from './keys/keystore';

/**
 * Recovery mode: the database did not open at start (damaged, not openable with its key, plain, key store gone). The
 * app still starts, in this state, so the window shows why and how to get back (a backup, the conversion of a plain
 * file) instead of a blank page. Only the `recovery:` channels answer; the accounts live inside the database that
 * does not open, so here the credential is what opened the key store (the OS keychain, or the passphrase browser
 * mode and the CLI were started with) plus, in browser mode, the launch token.
 */
export interface Recovery {
  code: ErrorCode;
  message: string;
  opts: ContextOptions;
  dbFile: string;
  dataDir: string;
  /** Open when only the database failed: backups, encrypted with its key, can then be checked and restored. */
  keys: KeyStore | null;
}

/** Failures recovery mode can show; others (a read-only folder, a full disk, a newer database) stop the start. */
const RECOVERABLE = new Set<ErrorCode>([
  'DB_CORRUPT',
  'DB_WRONG_KEY',
  'DB_PLAIN',
  'KEYSTORE_MISSING',
  'KEYSTORE_DAMAGED',
]);

export type Startup = { ctx: AppContext; recovery: null } | { ctx: null; recovery: Recovery };

export function startAppContext(opts: ContextOptions): Startup {
  const dbFile = opts.dbFile ?? databaseFile(opts.dataDir);
  let keys: KeyStore | null = null;
  try {
    keys = unlockKeys(opts);
    return { ctx: contextWithKeys(opts, keys), recovery: null };
  } catch (err) {
    if (!(err instanceof AppError) || !RECOVERABLE.has(err.code)) throw err;
    // A wrong passphrase fails in the key store (no key at all); a wrong or damaged database file after it opened.
    return {
      ctx: null,
      recovery: { code: err.code, message: err.message, opts, dbFile, dataDir: opts.dataDir, keys },
    };
  }
}

export function recoveryStatus(rec: Recovery): RecoveryStatus {
  return {
    state: 'recovery',
    code: rec.code,
    dataDir: rec.dataDir,
    canRestore: rec.keys !== null,
    canEncrypt: rec.code === 'DB_PLAIN',
    backups: listBackups(rec.dataDir),
  };
}

/** Restores a backup over the database that does not open (moved aside, kept), then starts the app on it. */
export async function restoreInRecovery(
  rec: Recovery,
  source: { name: string } | { path: string },
): Promise<{ ctx: AppContext; report: RestoreReport }> {
  if (!rec.keys) throw new AppError(rec.code, 'The database key is not available: restart with the right passphrase');
  const file = 'name' in source ? backupPath(rec.dataDir, source.name) : source.path;
  const caller = localCaller(SYSTEM_ACTOR.recovery);
  const out = await restoreDatabase(
    {
      dbFile: rec.dbFile,
      dataDir: rec.dataDir,
      keys: rec.keys,
      migrationsFolder: rec.opts.migrationsFolder,
      current: null,
      now: () => new Date(),
    },
    file,
    caller.actor,
  );
  out.db.close();
  const ctx = contextWithKeys(rec.opts, rec.keys);
  return { ctx, report: reportOf(file, out, runChecks(ctx, caller).checks) };
}

/** Converts the plain database (an administrator of it confirms when it has accounts), then starts the app on it. */
export async function encryptInRecovery(
  rec: Recovery,
  credentials: { username?: string; password?: string },
): Promise<{ ctx: AppContext; plainBackup: string }> {
  if (rec.code !== 'DB_PLAIN' || !existsSync(rec.dbFile))
    throw new AppError('DB_NOT_PLAIN', 'The database is not a plain one waiting for conversion');
  await assertPlainAdministrator(rec.dbFile, credentials.username, credentials.password);
  return convertAndStart(rec, credentials.username ?? SYSTEM_ACTOR.recovery);
}

/** The conversion itself, audited in the encrypted database (the CLI calls it directly: it is an administrator's tool). */
export function convertAndStart(rec: Recovery, actor: string): { ctx: AppContext; plainBackup: string } {
  const { keys, plainBackup } = encryptPlainDatabase(rec.dbFile, rec.opts.unlock);
  const ctx = contextWithKeys(rec.opts, keys);
  writeAudit(ctx.db.orm, { actor, action: 'database.encrypt', entity: 'database', details: { plainBackup } });
  advanceAuditHead(ctx);
  return { ctx, plainBackup };
}
