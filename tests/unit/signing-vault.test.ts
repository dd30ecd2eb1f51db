import { describe, expect, it } from 'vitest';
import { dbKeyVault } from '../../electron/services/signing/vault';
import { testKeyStore } from '../support/keys';
import { tempDirs } from '../support/temp';

const tmp = tempDirs('vault');

describe('key vault (keyed from the database key)', () => {
  it('round-trips, and the sealed text holds neither the secret nor the database key', () => {
    const keys = testKeyStore(tmp());
    const v = dbKeyVault(keys);
    const secret = Buffer.from('-----BEGIN PRIVATE KEY----- not really');
    const sealed = v.seal(secret);
    expect(sealed).not.toContain('PRIVATE');
    expect(sealed).not.toContain(keys.dbKey.toString('base64'));
    expect(v.open(sealed).equals(secret)).toBe(true);
  });

  it('refuses a blob sealed under another database key or altered by one character', () => {
    const sealed = dbKeyVault(testKeyStore(tmp())).seal(Buffer.from('secret'));
    expect(() => dbKeyVault(testKeyStore(tmp())).open(sealed)).toThrow(/cannot be opened/);
    const a = dbKeyVault(testKeyStore(tmp()));
    const s2 = a.seal(Buffer.from('secret'));
    const tampered = s2.slice(0, -3) + (s2.at(-3) === 'A' ? 'B' : 'A') + s2.slice(-2);
    expect(() => a.open(tampered)).toThrow(/cannot be opened/);
  });
});
