import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../api/result';

/**
 * Seals private keys (the report-signing .p12, the office's exchange keys) before they are stored in the database.
 *
 * The sealing key is derived (HKDF) from the database key held in the key store, never stored: a copy of the data
 * folder opens nothing without the OS keychain or the recovery passphrase, and a database restored elsewhere with its
 * key still signs. AES-256-GCM authenticates as well as encrypts: an altered blob, or the wrong key, fails to open.
 */
export interface KeyVault {
  /** Stored beside the sealed blob, so the right vault is used to open it. */
  readonly id: string;
  seal(plain: Buffer): string;
  open(sealed: string): Buffer;
}

const VERSION = 'v1';

function aesSeal(key: Buffer, plain: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plain), cipher.final()]);
  return [VERSION, '', iv.toString('base64'), cipher.getAuthTag().toString('base64'), data.toString('base64')].join(
    '.',
  );
}

function aesOpen(key: Buffer, sealed: string): Buffer {
  const [version, , iv, tag, data] = sealed.split('.');
  if (version !== VERSION || iv === undefined || tag === undefined || data === undefined)
    throw new AppError('SIGNING_KEY_UNAVAILABLE', 'The sealed key is not in a known format');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]);
  } catch {
    throw new AppError('SIGNING_KEY_UNAVAILABLE', 'The sealed key cannot be opened with this database key');
  }
}

export const DB_KEY_VAULT = 'dbkey';

/** The vault whose key derives from the database key (`keys.derive`, services/keys/keystore.ts). */
export function dbKeyVault(keys: { derive(purpose: string): Buffer }): KeyVault {
  const key = () => keys.derive('sealed-private-keys');
  return { id: DB_KEY_VAULT, seal: (plain) => aesSeal(key(), plain), open: (sealed) => aesOpen(key(), sealed) };
}

/** Before encryption at rest, keys were sealed with a random key in <dataDir>/signing.key: read only to convert. */
export const LEGACY_KEY_FILE = 'signing.key';
export function legacyFileVault(dataDir: string): KeyVault | null {
  const file = join(dataDir, LEGACY_KEY_FILE);
  if (!existsSync(file)) return null;
  const k = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (k.length !== 32) return null;
  return { id: 'file', seal: (plain) => aesSeal(k, plain), open: (sealed) => aesOpen(k, sealed) };
}
