import { join } from 'node:path';
import { openDatabase, type Db } from '../../db/open';
import { KeyStore, keyStoreFileFor, type KdfParams, type Unlock } from '../../electron/services/keys/keystore';

/**
 * Every test database is encrypted like a real one: a random key wrapped by this passphrase. The argon2id cost is
 * lowered for speed here only; tests/unit/keystore.test.ts checks the OWASP default on its own.
 */
export const TEST_PASSPHRASE = 'test passphrase for tasleem';
export const TEST_KDF: KdfParams = { m: 256, t: 1, p: 1 };
export const testUnlock = (): Unlock => ({ passphrase: TEST_PASSPHRASE, kdf: TEST_KDF });

/** A key store of its own in `dir`, for a test that opens database files directly (db/open.ts) rather than an app. */
export const testKeyStore = (dir: string, name = 'test.keystore') => KeyStore.create(join(dir, name), testUnlock());

/** The key of a test database created through the app (its key store sits beside it). */
export const testDbKey = (dbFile: string) => KeyStore.open(keyStoreFileFor(dbFile), testUnlock()).dbKey;

/** A raw connection to a test database made through the app, for a test that must reach under the services. */
export const openTestDb = (dbFile: string): Db => openDatabase(dbFile, { key: testDbKey(dbFile), migrate: false });
