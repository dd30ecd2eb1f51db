import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../api/result';

/**
 * Seals the organization's private key (as a password-protected .p12) before it is stored in the database.
 *
 * Why a key outside the database: the .db file is what gets copied around (backups, exchange between offices,
 * a colleague's USB stick). If the signing key were in it, even encrypted with a key also in it, anyone holding a
 * copy could sign reports in the organization's name. So the sealing key lives elsewhere:
 * - desktop app: Electron's safeStorage (OS keychain / DPAPI) can implement this interface later, in electron/main;
 * - browser mode, CLI, tests: a random 256-bit key in `signing.key` (mode 0600) in the data folder, beside but not
 *   inside the database, or a passphrase from TASLEEM_SIGNING_PASSPHRASE (scrypt) where even that file is unwanted.
 * AES-256-GCM authenticates as well as encrypts: a sealed blob that was altered, or a wrong key, fails to open.
 */
export interface KeyVault {
  /** Stored beside the sealed blob, so the right vault is used to open it. */
  readonly id: string;
  seal(plain: Buffer): string;
  open(sealed: string): Buffer;
}

const VERSION = 'v1';

function aesSeal(key: Buffer, plain: Buffer, salt = ''): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plain), cipher.final()]);
  return [VERSION, salt, iv.toString('base64'), cipher.getAuthTag().toString('base64'), data.toString('base64')].join('.');
}

function aesOpen(keyFor: (salt: string) => Buffer, sealed: string): Buffer {
  const [version, salt, iv, tag, data] = sealed.split('.');
  if (version !== VERSION || iv === undefined || tag === undefined || data === undefined) throw new AppError('SIGNING_KEY_UNAVAILABLE', 'The sealed signing key is not in a known format');
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFor(salt), Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]);
  } catch {
    throw new AppError('SIGNING_KEY_UNAVAILABLE', 'The signing key cannot be opened with this key file or passphrase');
  }
}

export const SIGNING_KEY_FILE = 'signing.key';

/** A random key in <dataDir>/signing.key, created on first use with mode 0600. */
export function fileKeyVault(dataDir: string): KeyVault {
  const file = join(dataDir, SIGNING_KEY_FILE);
  const key = (create: boolean): Buffer => {
    if (!existsSync(file)) {
      if (!create) throw new AppError('SIGNING_KEY_UNAVAILABLE', `The key file ${file} is missing: the signing key cannot be opened`);
      writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    }
    chmodSync(file, 0o600);
    const k = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (k.length !== 32) throw new AppError('SIGNING_KEY_UNAVAILABLE', `The key file ${file} is damaged`);
    return k;
  };
  return { id: 'file', seal: (plain) => aesSeal(key(true), plain), open: (sealed) => aesOpen(() => key(false), sealed) };
}

/** A passphrase (TASLEEM_SIGNING_PASSPHRASE) stretched with scrypt and a random salt per blob. */
export function passphraseVault(passphrase: string): KeyVault {
  const derive = (salt: string) => scryptSync(passphrase, Buffer.from(salt, 'base64'), 32, { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
  return {
    id: 'passphrase',
    seal: (plain) => {
      const salt = randomBytes(16).toString('base64');
      return aesSeal(derive(salt), plain, salt);
    },
    open: (sealed) => aesOpen(derive, sealed),
  };
}

/** The vault for Node transports: the passphrase when one is set, the key file otherwise. */
export function defaultKeyVault(dataDir: string, env: NodeJS.ProcessEnv = process.env): KeyVault {
  return env.TASLEEM_SIGNING_PASSPHRASE ? passphraseVault(env.TASLEEM_SIGNING_PASSPHRASE) : fileKeyVault(dataDir);
}
