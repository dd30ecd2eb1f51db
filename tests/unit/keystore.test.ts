import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
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
    // Saying the head is not in its slot file (so an older one would be read back) is an edit like any other.
    expect(data.state).toMatchObject({ auditHead: null, headInSlots: true });
    delete data.state.headInSlots;
    data.state.auditHead = { id: 40, hash: 'ab'.repeat(32) };
    writeFileSync(file, JSON.stringify(data));
    expect(codeOf(() => KeyStore.open(file, testUnlock()))).toBe('KEYSTORE_DAMAGED');
  });

  it('writes the audit head in place in two slots: a torn write leaves the previous head, an edited or missing file is refused', () => {
    const file = join(tmp(), 'tasleem.keystore');
    const ks = KeyStore.create(file, testUnlock());
    const keystoreBytes = readFileSync(file);
    for (let id = 1; id <= 5; id++) ks.setAuditHead({ id, hash: String(id).repeat(64) });
    // After the first write, only the slot file changes.
    const afterFirst = readFileSync(file);
    ks.setAuditHead({ id: 6, hash: 'f'.repeat(64) });
    expect(readFileSync(file).equals(afterFirst)).toBe(true);
    expect(afterFirst.equals(keystoreBytes)).toBe(false);
    const head = `${file}.head`;
    expect(statSync(head).size).toBe(1024);
    expect(KeyStore.open(file, testUnlock()).auditHead()).toEqual({ id: 6, hash: 'f'.repeat(64) });

    // Head 6 went to slot B (sequence 6); a crash that tore that write leaves head 5 in slot A.
    const slots = readFileSync(head);
    const torn = Buffer.from(slots);
    torn.fill(0x00, 512 + 100, 1024);
    writeFileSync(head, torn);
    expect(KeyStore.open(file, testUnlock()).auditHead()).toEqual({ id: 5, hash: '5'.repeat(64) });

    // Moving a head by hand (without the database key) invalidates its slot; with both invalid the store is refused.
    const edited = Buffer.from(slots);
    edited[512 + 23] ^= 1; // the low byte of slot B's id
    writeFileSync(head, edited);
    expect(KeyStore.open(file, testUnlock()).auditHead()).toEqual({ id: 5, hash: '5'.repeat(64) });
    edited[23] ^= 1;
    writeFileSync(head, edited);
    expect(codeOf(() => KeyStore.open(file, testUnlock()))).toBe('KEYSTORE_DAMAGED');
    rmSync(head);
    expect(codeOf(() => KeyStore.open(file, testUnlock()))).toBe('KEYSTORE_DAMAGED');
    expect(codeOf(() => ks.auditHead())).toBe('KEYSTORE_DAMAGED');
  });

  it("keeps an audited call's head at once and flushes it after: one slot off the disk at most, the other untouched", async () => {
    const file = join(tmp(), 'tasleem.keystore');
    const ks = KeyStore.create(file, testUnlock());
    const h = (id: number) => ({ id, hash: String(id % 10).repeat(64) });
    ks.setAuditHead(h(1));
    ks.setAuditHead(h(2)); // on the disk, in slot B (sequence 2)
    ks.setAuditHeadSoon(h(3));
    // Written before the caller goes on (any reader sees it), the flush still under way.
    expect(ks.auditHeadUnflushed).toBe(true);
    expect(KeyStore.open(file, testUnlock()).auditHead()).toEqual(h(3));
    // Heads that come during the flush rewrite slot A in place; slot B keeps head 2, which is on the disk.
    ks.setAuditHeadSoon(h(4));
    ks.setAuditHeadSoon(h(5));
    const slots = readFileSync(`${file}.head`);
    expect(KeyStore.open(file, testUnlock()).auditHead()).toEqual(h(5));
    const tornA = Buffer.from(slots);
    tornA.fill(0, 100, 512); // what a power cut could leave of the slot being flushed
    writeFileSync(`${file}.head`, tornA);
    expect(KeyStore.open(file, testUnlock()).auditHead()).toEqual(h(2));
    writeFileSync(`${file}.head`, slots);
    await ks.auditHeadSettled();
    expect(ks.auditHeadUnflushed).toBe(false);
    // The next one goes to the other slot, as a flushed write would.
    ks.setAuditHeadSoon(h(6));
    const after = readFileSync(`${file}.head`);
    expect(after.subarray(0, 512).equals(slots.subarray(0, 512))).toBe(true);
    ks.flushAuditHead(); // closing: nothing left unflushed
    expect(ks.auditHeadUnflushed).toBe(false);
    ks.setAuditHead(h(7)); // a head that must be on the disk now: after the slot before it
    expect(KeyStore.open(file, testUnlock()).auditHead()).toEqual(h(7));
    await ks.auditHeadSettled();
  });

  it('flushes a head left unflushed when the process exits', () => {
    const dir = tmp();
    const root = resolve(import.meta.dirname, '../..');
    const script = `import { KeyStore } from ${JSON.stringify(join(root, 'electron/services/keys/keystore.ts'))};
const ks = KeyStore.create(${JSON.stringify(join(dir, 'k.keystore'))}, { passphrase: ${JSON.stringify(TEST_PASSPHRASE)}, kdf: ${JSON.stringify(TEST_KDF)} });
ks.setAuditHead({ id: 1, hash: 'a'.repeat(64) });
ks.setAuditHeadSoon({ id: 2, hash: 'b'.repeat(64) });
process.on('exit', () => console.log('unflushed at exit: ' + ks.auditHeadUnflushed));
console.log('unflushed before: ' + ks.auditHeadUnflushed);
process.exit(0);`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, TSX_TSCONFIG_PATH: join(root, 'tsconfig.node.json') },
    });
    expect(r.stdout.trim().split('\n'), r.stderr).toEqual(['unflushed before: true', 'unflushed at exit: false']);
    expect(KeyStore.open(join(dir, 'k.keystore'), testUnlock()).auditHead()).toEqual({ id: 2, hash: 'b'.repeat(64) });
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
