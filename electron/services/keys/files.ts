import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { isPlainDatabase } from '../../../db/open';
import { AppError } from '../../api/result';
import { KeyStore, keyStoreFileFor, type Unlock } from './keystore';

/** The data folder: readable by its owner only (0700). */
export function secureDataDir(dir: string) {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') chmodSync(dir, 0o700);
}

/**
 * The database and its WAL/SHM files: 0600. The file is created empty with that mode before SQLite opens it, since
 * SQLite gives the -wal and -shm files the mode of the database file.
 */
export function secureDbFiles(file: string) {
  if (process.platform === 'win32') return;
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
}

/**
 * The key store of a database file: opened when it exists; created with a new key only for a new (absent or empty)
 * database. An existing plain database is refused (it is converted explicitly: `tasleem encrypt`), and an encrypted
 * one without its key store cannot be opened at all.
 */
export function openKeyStore(dbFile: string, unlock: Unlock): KeyStore {
  const ksFile = keyStoreFileFor(dbFile);
  if (KeyStore.exists(ksFile)) return KeyStore.open(ksFile, unlock);
  if (existsSync(dbFile) && statSync(dbFile).size > 0) {
    if (isPlainDatabase(dbFile))
      throw new AppError(
        'DB_PLAIN',
        `${dbFile} is not encrypted yet: convert it with "tasleem encrypt" (a backup is made first)`,
      );
    throw new AppError('KEYSTORE_MISSING', `${dbFile} is encrypted but its key store ${ksFile} is missing`);
  }
  secureDbFiles(dbFile);
  return KeyStore.create(ksFile, unlock);
}
