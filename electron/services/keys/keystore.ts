import { hashRawSync, type Algorithm } from '@node-rs/argon2';
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DB_KEY_BYTES } from '../../../db/open';
import type { AuditHead } from '../../../db/queries/audit';
import { AppError } from '../../api/result';
import { fsyncDir } from '../fsync';
import {
  createHeadSlots,
  flushHeadSlots,
  flushHeadSlotsSync,
  headSlotsFileFor,
  readHeadSlots,
  writeHeadSlot,
} from './head-slots';

/**
 * The key store: a small file beside the database (`tasleem.keystore`, mode 0600) that holds what must not live in
 * the database itself, the way Signal Desktop keeps its `config.json` beside its encrypted database:
 * - the random 256-bit database key, wrapped twice: by the operating system's keychain (Electron safeStorage, via a
 *   `KeyWrapper` adapter passed in from electron/main) and by the administrator's recovery passphrase (argon2id);
 * - trust anchors: the organization's own CA certificates (pinned) and the fingerprints of the other offices' CAs it
 *   trusts (the seal of the list kept in the database);
 * - the head of the audit chain, so a log rolled back or cut short inside the database shows. Written on every
 *   audited call, it lives in its own two-slot file beside this one (`tasleem.keystore.head`, head-slots.ts, under an
 *   HMAC of its own) once it has been written there; this file then records that it does (`headInSlots`).
 * The last two are authenticated with an HMAC under a key derived from the database key: editing this file without
 * the key (or the database with it) cannot add a trusted CA or move the audit head.
 */
export interface KeyWrapper {
  wrap(plain: Buffer): Buffer;
  unwrap(wrapped: Buffer): Buffer;
}

/** Argon2id cost; OWASP's recommended minimum (19 MiB, 2 passes, 1 lane) unless a test asks for less. */
export interface KdfParams {
  m: number;
  t: number;
  p: number;
}
export const OWASP_ARGON2ID: KdfParams = { m: 19456, t: 2, p: 1 };

/** How to unlock (or, the first time, create) the key store: any of these; the OS wrapper is tried first. */
export interface Unlock {
  passphrase?: string;
  os?: KeyWrapper;
  /** Only for new wraps; a test may lower it, an existing file records its own. */
  kdf?: KdfParams;
}

interface Sealed {
  iv: string;
  tag: string;
  data: string;
}
interface PassphraseWrap extends Sealed, KdfParams {
  kdf: 'argon2id';
  salt: string;
}
/** Everything the HMAC covers. */
interface Protected {
  pinnedCas: string[];
  trustedCas: string[];
  /** Before the head moved to the slot file: where it was kept. Null once `headInSlots`. */
  auditHead: AuditHead | null;
  /** The head lives in the slot file beside this one: a missing or invalid slot file is an altered key store. */
  headInSlots?: true;
}
interface KeyStoreFile {
  format: 'tasleem-keystore';
  version: 1;
  /** HKDF of the key: tells a wrong passphrase from a key store of another database, without revealing the key. */
  keyId: string;
  wraps: { os?: string; passphrase?: PassphraseWrap };
  state: Protected;
  mac: string;
}

const b64 = (b: Buffer) => b.toString('base64');
const unb64 = (s: string) => Buffer.from(s, 'base64');

function seal(key: Buffer, plain: Buffer): Sealed {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([c.update(plain), c.final()]);
  return { iv: b64(iv), tag: b64(c.getAuthTag()), data: b64(data) };
}
function unseal(key: Buffer, s: Sealed): Buffer | null {
  try {
    const d = createDecipheriv('aes-256-gcm', key, unb64(s.iv));
    d.setAuthTag(unb64(s.tag));
    return Buffer.concat([d.update(unb64(s.data)), d.final()]);
  } catch {
    return null;
  }
}

/** Algorithm.Argon2id (a const enum, which isolatedModules cannot read from the package's typings). */
const ARGON2ID = 2 as Algorithm;
const argon2id = (passphrase: string, salt: Buffer, k: KdfParams) =>
  hashRawSync(passphrase, {
    algorithm: ARGON2ID,
    memoryCost: k.m,
    timeCost: k.t,
    parallelism: k.p,
    outputLen: 32,
    salt,
  });

/** HKDF-SHA256 of the database key for one purpose: each use gets its own key, none reveals the database key. */
export const deriveKey = (dbKey: Buffer, purpose: string) =>
  Buffer.from(hkdfSync('sha256', dbKey, Buffer.alloc(0), `tasleem:${purpose}`, 32));

// headInSlots only when set: the MAC of a key store written before the slot file stays what it was.
const canonical = (p: Protected) =>
  JSON.stringify({
    pinnedCas: p.pinnedCas,
    trustedCas: p.trustedCas,
    auditHead: p.auditHead,
    ...(p.headInSlots ? { headInSlots: true } : {}),
  });
const macOf = (dbKey: Buffer, p: Protected) =>
  createHmac('sha256', deriveKey(dbKey, 'keystore-mac')).update(canonical(p)).digest('base64');

/** Writes a file whole or not at all (temp file, fsync, rename): a crash never leaves half a key store. */
export function writeFileAtomic(file: string, text: string) {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  chmodSync(file, 0o600);
  fsyncDir(dirname(file));
}

/** `tasleem.db` → `tasleem.keystore`, beside it. */
export const keyStoreFileFor = (dbFile: string) =>
  join(dirname(dbFile), `${basename(dbFile).replace(/\.db$/, '')}.keystore`);

export class KeyStore {
  private constructor(
    readonly file: string,
    readonly dbKey: Buffer,
    private data: KeyStoreFile,
  ) {}

  static exists(file: string) {
    return existsSync(file);
  }

  /** A new random database key, wrapped by whatever `unlock` offers (at least one way back in is required). */
  static create(file: string, unlock: Unlock): KeyStore {
    if (!unlock.os && !unlock.passphrase)
      throw new AppError('DB_KEY_REQUIRED', 'A new database needs a passphrase (TASLEEM_DB_KEY) or the OS keychain');
    const dbKey = randomBytes(DB_KEY_BYTES);
    const state: Protected = { pinnedCas: [], trustedCas: [], auditHead: null };
    const data: KeyStoreFile = {
      format: 'tasleem-keystore',
      version: 1,
      keyId: b64(deriveKey(dbKey, 'key-id').subarray(0, 12)),
      wraps: {},
      state,
      mac: macOf(dbKey, state),
    };
    const ks = new KeyStore(file, dbKey, data);
    if (unlock.os) data.wraps.os = b64(unlock.os.wrap(dbKey));
    if (unlock.passphrase)
      data.wraps.passphrase = wrapWithPassphrase(dbKey, unlock.passphrase, unlock.kdf ?? OWASP_ARGON2ID);
    ks.save();
    return ks;
  }

  /** Unlocks with the OS keychain if it has a wrap and works, else with the passphrase. */
  static open(file: string, unlock: Unlock): KeyStore {
    let data: KeyStoreFile;
    try {
      data = JSON.parse(readFileSync(file, 'utf8')) as KeyStoreFile;
      if (data.format !== 'tasleem-keystore' || data.version !== 1 || !data.state || !data.wraps)
        throw new Error('format');
    } catch {
      throw new AppError('KEYSTORE_DAMAGED', `The key store ${file} is not readable`);
    }
    const matches = (k: Buffer | null): k is Buffer =>
      !!k && k.length === DB_KEY_BYTES && timingSafeEqual(deriveKey(k, 'key-id').subarray(0, 12), unb64(data.keyId));
    let key: Buffer | null = null;
    if (unlock.os && data.wraps.os) {
      try {
        key = unlock.os.unwrap(unb64(data.wraps.os));
      } catch {
        key = null; // a keychain that changed (new OS account, reinstall): the recovery passphrase is the way back
      }
      if (!matches(key)) key = null;
    }
    const openedByOs = !!key;
    if (!key && unlock.passphrase && data.wraps.passphrase) {
      const w = data.wraps.passphrase;
      key = unseal(argon2id(unlock.passphrase, unb64(w.salt), w), w);
      if (!matches(key)) throw new AppError('DB_WRONG_KEY', 'The passphrase does not open this database');
    }
    if (!key) {
      if (unlock.passphrase && !data.wraps.passphrase)
        throw new AppError(
          'DB_WRONG_KEY',
          'No recovery passphrase is set for this database; open it in the desktop app',
        );
      throw new AppError('DB_KEY_REQUIRED', 'The database is encrypted: give its passphrase (TASLEEM_DB_KEY)');
    }
    const ks = new KeyStore(file, key, data);
    if (!timingSafeEqual(Buffer.from(macOf(key, data.state)), Buffer.from(data.mac)))
      throw new AppError(
        'KEYSTORE_DAMAGED',
        `The key store ${file} was altered (its trust anchors or audit head do not match their seal)`,
      );
    if (data.state.headInSlots && !ks.slotHead())
      throw new AppError(
        'KEYSTORE_DAMAGED',
        `The audit head file ${headSlotsFileFor(file)} of the key store ${file} is missing or altered`,
      );
    // Unlocked by passphrase where a keychain works: wrap for this keychain too (next start: no prompt).
    if (unlock.os && !openedByOs) ks.setOsWrap(unlock.os);
    return ks;
  }

  /** A key for one purpose, derived from the database key (signing vault, office keys, MACs). */
  derive(purpose: string): Buffer {
    return deriveKey(this.dbKey, purpose);
  }

  get hasRecoveryPassphrase() {
    return !!this.data.wraps.passphrase;
  }
  get hasOsWrap() {
    return !!this.data.wraps.os;
  }

  setRecoveryPassphrase(passphrase: string, kdf: KdfParams = OWASP_ARGON2ID) {
    this.data.wraps.passphrase = wrapWithPassphrase(this.dbKey, passphrase, kdf);
    this.save();
  }

  setOsWrap(os: KeyWrapper) {
    this.data.wraps.os = b64(os.wrap(this.dbKey));
    this.save();
  }

  private get headFile() {
    return headSlotsFileFor(this.file);
  }
  private headKeyCache: Buffer | null = null;
  /** Derived once: every audited call reads and writes the head under it. */
  private get headKey() {
    return (this.headKeyCache ??= this.derive('audit-head-slots'));
  }
  private slotHead() {
    return readHeadSlots(this.headFile, this.headKey);
  }

  /** The audit chain head recorded last (read from the file each time: another process may have moved it). */
  auditHead(): AuditHead | null {
    if (!this.data.state.headInSlots) return this.data.state.auditHead;
    const head = this.slotHead();
    if (!head) throw new AppError('KEYSTORE_DAMAGED', `The audit head file ${this.headFile} is missing or altered`);
    return head;
  }

  /** The sequence number of the slot setAuditHeadSoon wrote last, while it is not known to be on the disk. */
  private headUnflushed: bigint | null = null;
  /** Its flush, on Node's thread pool. */
  private headFlushing: Promise<void> | null = null;
  /** The slot was written again after that flush began: flush once more when it ends. */
  private headFlushAgain = false;

  /**
   * In place, flushed before this returns (head-slots.ts); the first time, the slot file is made and this file records
   * it. A slot left unflushed by setAuditHeadSoon reaches the disk first.
   */
  setAuditHead(head: AuditHead) {
    if (!this.data.state.headInSlots) {
      createHeadSlots(this.headFile, this.headKey, head);
      this.update({ auditHead: null, headInSlots: true });
      return;
    }
    this.flushAuditHead();
    writeHeadSlot(this.headFile, this.headKey, head);
  }

  /**
   * The head of an audited call, kept without making the caller wait for the disk: the slot is written now (the page
   * cache: a crash of the process loses nothing, and every reader sees it) and flushed with an fdatasync on Node's
   * thread pool, after the call has answered. Calls that come while a flush runs write the same slot again in place and
   * flush once more after it (head-slots.ts: the slot already on the disk is never touched meanwhile). A power cut in
   * those milliseconds can leave the head on the disk behind the log, never ahead of it (the entries were committed
   * first); the verifier and the next start accept a head behind the log (it proves a lower bound; the start moves it
   * forward along the chain). flushAuditHead (closing) and the process's exit flush what is left.
   */
  setAuditHeadSoon(head: AuditHead) {
    if (!this.data.state.headInSlots) return this.setAuditHead(head);
    this.headUnflushed = writeHeadSlot(this.headFile, this.headKey, head, {
      flush: false,
      unflushed: this.headUnflushed,
    });
    unsettled.add(this);
    if (this.headFlushing) this.headFlushAgain = true;
    else this.flushHeadLater();
  }

  private flushHeadLater() {
    this.headFlushAgain = false;
    this.headFlushing = flushHeadSlots(this.headFile).then(
      () => {
        this.headFlushing = null;
        if (this.headFlushAgain) return this.flushHeadLater();
        this.settleHead();
      },
      (err: unknown) => {
        this.headFlushing = null;
        // The folder is gone (a test's temp folder, a data folder removed under the app): nothing left to flush.
        if (isMissing(err)) this.settleHead();
        // Flushed meanwhile by flushAuditHead (closing): nothing is owed. Otherwise the slot stays unflushed: the
        // next head or flushAuditHead flushes it.
        if (this.headUnflushed === null) return;
        console.error('[tasleem] could not flush the audit head', err);
      },
    );
  }

  private settleHead() {
    this.headUnflushed = null;
    this.headFlushAgain = false;
    unsettled.delete(this);
  }

  /** Puts on the disk a slot setAuditHeadSoon left unflushed; closing the app and the process's exit call it. */
  flushAuditHead() {
    if (this.headUnflushed === null) return;
    try {
      flushHeadSlotsSync(this.headFile);
    } catch (err) {
      if (!isMissing(err)) throw err;
    }
    this.settleHead();
  }

  /** Resolves once no flush of setAuditHeadSoon is under way (tests, the benchmark). */
  async auditHeadSettled(): Promise<void> {
    while (this.headFlushing) await this.headFlushing;
  }

  /** Whether a head written by setAuditHeadSoon is not yet known to be on the disk. */
  get auditHeadUnflushed(): boolean {
    return this.headUnflushed !== null;
  }

  /** Our own organization CAs (PEM): the only anchors a report of ours verifies against. */
  pinnedCas(): string[] {
    return [...this.data.state.pinnedCas];
  }
  pinCa(pem: string) {
    if (!this.data.state.pinnedCas.includes(pem)) this.update({ pinnedCas: [...this.data.state.pinnedCas, pem] });
  }

  /**
   * The seal of the other offices' CAs this organization trusts: their SHA-256 fingerprints. The certificates and
   * their labels live in the database (services/signing/trust.ts); a list there that disagrees with this one is altered.
   */
  trustedCas(): string[] {
    return [...this.data.state.trustedCas];
  }
  setTrustedCas(fingerprints: string[]) {
    this.update({ trustedCas: [...new Set(fingerprints)].sort() });
  }

  private update(patch: Partial<Protected>) {
    this.data.state = { ...this.data.state, ...patch };
    this.data.mac = macOf(this.dbKey, this.data.state);
    this.save();
  }

  private save() {
    writeFileAtomic(this.file, `${JSON.stringify(this.data, null, 2)}\n`);
  }
}

const isMissing = (err: unknown) => (err as { code?: string }).code === 'ENOENT';

/** Key stores with a head not yet on the disk: flushed when the process exits, whichever way it ends normally. */
const unsettled = new Set<KeyStore>();
process.on('exit', () => {
  for (const ks of unsettled) {
    try {
      ks.flushAuditHead();
    } catch (err) {
      console.error('[tasleem] could not flush the audit head', err);
    }
  }
});

function wrapWithPassphrase(dbKey: Buffer, passphrase: string, kdf: KdfParams): PassphraseWrap {
  if (passphrase.length < 8)
    throw new AppError('VALIDATION', 'The passphrase must have at least 8 characters', {
      issues: [{ path: 'passphrase', key: 'passphrase_too_short' }],
    });
  const salt = randomBytes(16);
  return { kdf: 'argon2id', ...kdf, salt: b64(salt), ...seal(argon2id(passphrase, salt, kdf), dbKey) };
}
