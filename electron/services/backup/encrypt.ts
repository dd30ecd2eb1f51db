import Database from 'better-sqlite3';
import { chmodSync, existsSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { integrityCheck, isPlainDatabase, keyPragma, openDatabase } from '../../../db/open';
import { sqliteNativeBinding } from '../../../db/native-binding';
import { AppError } from '../../api/result';
import { fsyncDir } from '../fsync';
import { verifyPassword } from '../auth/passwords';
import { KeyStore, keyStoreFileFor, type Unlock } from '../keys/keystore';

/**
 * When the plain database already has accounts, converting it is an administrator's act: their password is checked
 * against it. A database from before accounts existed has no one to ask; holding it (and the app's token) is the
 * credential, as for the command line.
 */
export async function assertPlainAdministrator(dbFile: string, username?: string, password?: string) {
  const plain = new Database(dbFile, { readonly: true, nativeBinding: sqliteNativeBinding() });
  try {
    const hasAccounts = plain.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'accounts'").get();
    if (!hasAccounts) return;
    const admins = plain
      .prepare("SELECT count(*) AS n FROM accounts WHERE role = 'administrator' AND disabled = 0")
      .get() as { n: number };
    if (!admins.n) return;
    const row = plain
      .prepare(
        "SELECT password_hash AS hash FROM accounts WHERE username = ? AND role = 'administrator' AND disabled = 0",
      )
      .get(username ?? '') as { hash: string } | undefined;
    if (!row || !password || !(await verifyPassword(row.hash, password)))
      throw new AppError('SIGN_IN_FAILED', 'An administrator of this database must confirm the conversion');
  } finally {
    plain.close();
  }
}

/**
 * `tasleem encrypt`: converts a plain database, explicitly. Its WAL is checkpointed, an encrypted copy is made beside
 * it (VACUUM INTO, then SQLite3MultipleCiphers' `rekey` on that copy) under a new random key in a new key store, the
 * copy is checked with the key, and only then does it take the database's name. The original plain file is kept,
 * renamed `<name>.plain-<time>.db` beside it: it is the backup made first, and plain by nature, so the user is told
 * to move it somewhere safe or delete it.
 */
export function encryptPlainDatabase(
  dbFile: string,
  unlock: Unlock,
  now = new Date(),
): { keys: KeyStore; plainBackup: string } {
  if (!isPlainDatabase(dbFile)) throw new AppError('DB_NOT_PLAIN', `${dbFile} is not a plain SQLite database`);
  const ksFile = keyStoreFileFor(dbFile);
  if (existsSync(ksFile))
    throw new AppError('CONFLICT', `${ksFile} exists: it may hold the key of backups; move it away first`);
  const dir = dirname(dbFile);
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const plainBackup = join(dir, `${basename(dbFile).replace(/\.db$/, '')}.plain-${stamp}.db`);
  const staged = join(dir, `.encrypt-${process.pid}-${Date.now()}.db`);
  let keys: KeyStore | null = null;
  try {
    const plain = new Database(dbFile, { nativeBinding: sqliteNativeBinding() });
    try {
      const check = integrityCheck(plain);
      if (check !== 'ok') throw new AppError('DB_CORRUPT', `${dbFile} is damaged: ${check}`);
      plain.pragma('wal_checkpoint(TRUNCATE)');
      plain.prepare('VACUUM INTO ?').run(staged);
    } finally {
      plain.close();
    }
    keys = KeyStore.create(ksFile, unlock);
    const copy = new Database(staged, { nativeBinding: sqliteNativeBinding() });
    try {
      copy.pragma(keyPragma(keys.dbKey).replace(/^key/, 'rekey'));
    } finally {
      copy.close();
    }
    if (isPlainDatabase(staged)) throw new AppError('DB_CIPHER_UNAVAILABLE', 'The copy was not encrypted');
    const check = openDatabase(staged, { key: keys.dbKey, migrate: false });
    try {
      if (integrityCheck(check.sqlite) !== 'ok') throw new AppError('DB_CORRUPT', 'The encrypted copy is damaged');
    } finally {
      check.close();
    }
    if (process.platform !== 'win32') chmodSync(staged, 0o600);
    for (const s of ['-wal', '-shm']) rmSync(staged + s, { force: true });
  } catch (err) {
    rmSync(staged, { force: true });
    if (keys) rmSync(ksFile, { force: true });
    throw err;
  }
  renameSync(dbFile, plainBackup);
  for (const s of ['-wal', '-shm']) rmSync(dbFile + s, { force: true });
  renameSync(staged, dbFile);
  fsyncDir(dir);
  if (process.platform !== 'win32') chmodSync(plainBackup, 0o600);
  return { keys, plainBackup };
}
