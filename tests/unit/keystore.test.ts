import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeyStore, OWASP_ARGON2ID, type KeyWrapper } from '../../electron/services/keys/keystore';
import { TEST_KDF, TEST_PASSPHRASE, testUnlock } from '../support/keys';
import { codeOf, tempDirs } from '../support/temp';

const tmp = tempDirs('ks');

/** Stands in for Electron's safeStorage: a wrapper whose secret lives outside the file, like the OS keychain. */
const fakeKeychain = (secret = 0x5a): KeyWrapper => ({
  wrap: (p) => Buffer.from(p.map((b) => b ^ secret)),
  unwrap: (w) => Buffer.from(w.map((b) => b ^ secret)),
});

describe('key store', () => {
  it('creates a random 256-bit key, file 0600, holding neither the key nor the passphrase in clear', () => {
    const file = join(tmp(), 'tasleem.keystore');
    const ks = KeyStore.create(file, testUnlock());
    expect(ks.dbKey.length).toBe(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(ks.dbKey.toString('base64'));
    expect(text).not.toContain(ks.dbKey.toString('hex'));
    expect(text).not.toContain(TEST_PASSPHRASE);
    expect(KeyStore.create(join(tmp(), 'b.keystore'), testUnlock()).dbKey.equals(ks.dbKey)).toBe(false);
  });

  it('opens with the passphrase, refuses a wrong one (DB_WRONG_KEY) and none at all (DB_KEY_REQUIRED)', () => {
    const file = join(tmp(), 'tasleem.keystore');
    const key = KeyStore.create(file, testUnlock()).dbKey;
    expect(KeyStore.open(file, { passphrase: TEST_PASSPHRASE }).dbKey.equals(key)).toBe(true);
    expect(codeOf(() => KeyStore.open(file, { passphrase: 'not the passphrase' }))).toBe('DB_WRONG_KEY');
    expect(codeOf(() => KeyStore.open(file, {}))).toBe('DB_KEY_REQUIRED');
  });

  it('uses argon2id at OWASP parameters by default', () => {
    const file = join(tmp(), 'tasleem.keystore');
    KeyStore.create(file, { passphrase: TEST_PASSPHRASE });
    const wrap = JSON.parse(readFileSync(file, 'utf8')).wraps.passphrase;
    expect(wrap).toMatchObject({ kdf: 'argon2id', m: OWASP_ARGON2ID.m, t: OWASP_ARGON2ID.t, p: OWASP_ARGON2ID.p });
    expect(OWASP_ARGON2ID).toEqual({ m: 19456, t: 2, p: 1 });
  });

  it('desktop: the keychain opens it; a broken keychain falls back to the recovery passphrase and re-wraps', () => {
    const file = join(tmp(), 'tasleem.keystore');
    const ks = KeyStore.create(file, { os: fakeKeychain() });
    expect(ks.hasRecoveryPassphrase).toBe(false);
    ks.setRecoveryPassphrase(TEST_PASSPHRASE, TEST_KDF);
    expect(KeyStore.open(file, { os: fakeKeychain() }).dbKey.equals(ks.dbKey)).toBe(true);
    // Another machine's keychain unwraps to garbage: without the passphrase the key stays locked.
    expect(codeOf(() => KeyStore.open(file, { os: fakeKeychain(0x33) }))).toBe('DB_KEY_REQUIRED');
    const recovered = KeyStore.open(file, { os: fakeKeychain(0x33), passphrase: TEST_PASSPHRASE });
    expect(recovered.dbKey.equals(ks.dbKey)).toBe(true);
    expect(KeyStore.open(file, { os: fakeKeychain(0x33) }).dbKey.equals(ks.dbKey)).toBe(true);
  });

  it('keeps the audit head and trust anchors under an HMAC: an edit to the file without the key is refused', () => {
    const file = join(tmp(), 'tasleem.keystore');
    const ks = KeyStore.create(file, testUnlock());
    expect(ks.auditHead()).toBeNull();
    ks.setAuditHead({ id: 41, hash: 'ab'.repeat(32) });
    ks.pinCa('-----BEGIN CERTIFICATE-----\nOURS\n-----END CERTIFICATE-----');
    const again = KeyStore.open(file, testUnlock());
    expect(again.auditHead()).toEqual({ id: 41, hash: 'ab'.repeat(32) });
    expect(again.pinnedCas()).toHaveLength(1);

    const data = JSON.parse(readFileSync(file, 'utf8'));
    data.state.trustedCas.push('-----BEGIN CERTIFICATE-----\nFORGED\n-----END CERTIFICATE-----');
    writeFileSync(file, JSON.stringify(data));
    expect(codeOf(() => KeyStore.open(file, testUnlock()))).toBe('KEYSTORE_DAMAGED');
    data.state.trustedCas.pop();
    data.state.auditHead.id = 40;
    writeFileSync(file, JSON.stringify(data));
    expect(codeOf(() => KeyStore.open(file, testUnlock()))).toBe('KEYSTORE_DAMAGED');
  });

  it('derives distinct purpose keys that do not reveal the database key', () => {
    const ks = KeyStore.create(join(tmp(), 'k.keystore'), testUnlock());
    const a = ks.derive('sealed-private-keys');
    expect(a.length).toBe(32);
    expect(a.equals(ks.derive('sealed-private-keys'))).toBe(true);
    expect(a.equals(ks.derive('keystore-mac'))).toBe(false);
    expect(a.equals(ks.dbKey)).toBe(false);
  });
});
