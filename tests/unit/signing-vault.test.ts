import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultKeyVault, fileKeyVault, passphraseVault } from '../../electron/services/signing/vault';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'tasleem-vault-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('key vaults', () => {
  it('file vault: round-trips, creates signing.key with mode 0600, and the sealed text does not contain the secret', () => {
    const dir = tmp();
    const v = fileKeyVault(dir);
    const secret = Buffer.from('-----BEGIN PRIVATE KEY----- not really');
    const sealed = v.seal(secret);
    expect(sealed).not.toContain('PRIVATE');
    expect(v.open(sealed).equals(secret)).toBe(true);
    expect(statSync(join(dir, 'signing.key')).mode & 0o777).toBe(0o600);
  });

  it('refuses a blob sealed with another key or altered by one character', () => {
    const sealed = fileKeyVault(tmp()).seal(Buffer.from('secret'));
    expect(() => fileKeyVault(tmp()).open(sealed)).toThrow(/cannot be opened|missing/);
    const a = fileKeyVault(tmp());
    const s2 = a.seal(Buffer.from('secret'));
    const tampered = s2.slice(0, -3) + (s2.at(-3) === 'A' ? 'B' : 'A') + s2.slice(-2);
    expect(() => a.open(tampered)).toThrow(/cannot be opened/);
  });

  it('passphrase vault: round-trips with the same passphrase only; chosen by TASLEEM_SIGNING_PASSPHRASE', () => {
    const sealed = passphraseVault('correct horse battery staple').seal(Buffer.from('k'));
    expect(passphraseVault('correct horse battery staple').open(sealed).toString()).toBe('k');
    expect(() => passphraseVault('wrong').open(sealed)).toThrow(/cannot be opened/);
    expect(defaultKeyVault(tmp(), { TASLEEM_SIGNING_PASSPHRASE: 'x' }).id).toBe('passphrase');
    expect(defaultKeyVault(tmp(), {}).id).toBe('file');
  });
});
