import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/handlers/dispatch';
import { createAppContext } from '../../electron/services/app-context';
import { createUser } from '../../electron/services/auth/accounts';
import { localCaller, type AppContext, type Caller } from '../../electron/services/context';
import { tempDirs } from '../support/temp';
import type { KeyWrapper } from '../../electron/services/keys/keystore';

/** A keychain that works, and the same keychain after it broke (a new OS account, a reinstall, another machine). */
const keychain: KeyWrapper = {
  wrap: (p) => Buffer.from(p.map((b) => b ^ 0x5a)),
  unwrap: (w) => Buffer.from(w.map((b) => b ^ 0x5a)),
};
const broken: KeyWrapper = {
  wrap: keychain.wrap,
  unwrap: () => {
    throw new Error('keychain unavailable');
  },
};
const STRONG = 'copper lantern orchard seventeen';

const tmp = tempDirs('recovery');
const contexts: AppContext[] = [];
afterEach(() => {
  for (const c of contexts.splice(0)) c.db.close();
});
function open(dataDir: string, unlock: Parameters<typeof createAppContext>[0]['unlock']) {
  const ctx = createAppContext({ dataDir, mode: 'web', unlock });
  contexts.push(ctx);
  return ctx;
}

describe('recovery passphrase', { timeout: 120_000 }, () => {
  it('is set by an administrator who confirms their password, refused when weak, and opens the data without the keychain', async () => {
    const dir = tmp();
    // The desktop app's first start: the keychain alone wraps the key.
    const ctx = open(dir, { os: keychain });
    await createUser(ctx, localCaller('setup'), {
      username: 'amal',
      displayName: 'Amal',
      role: 'administrator',
      password: 'amal password 1',
    });
    await createUser(ctx, localCaller('setup'), {
      username: 'rami',
      displayName: 'Rami',
      role: 'registrar',
      password: 'rami password 1',
    });
    const id = (u: string) =>
      (ctx.db.sqlite.prepare('SELECT id FROM accounts WHERE username = ?').get(u) as { id: string }).id;
    const amal: Caller = { actor: 'amal', role: 'administrator', accountId: id('amal') };
    const rami: Caller = { actor: 'rami', role: 'registrar', accountId: id('rami') };
    const setRecovery = (caller: Caller, password: string, passphrase: string) =>
      dispatch(ctx, caller, 'keys:setRecovery', { password, passphrase });

    const status = await dispatch(ctx, amal, 'keys:recovery', {});
    expect(status.ok && status.value).toEqual({ set: false, keychain: true });
    expect((await setRecovery(rami, 'rami password 1', STRONG)).ok).toBe(false);
    const wrongPassword = await setRecovery(amal, 'not my password', STRONG);
    expect(!wrongPassword.ok && wrongPassword.error.details?.issues).toEqual([
      { path: 'password', key: 'wrong_password' },
    ]);
    for (const weak of ['password1234', 'qwertyuiop123', 'amal amal amal', 'amal password 1']) {
      const r = await setRecovery(amal, 'amal password 1', weak);
      expect(!r.ok && r.error.code).toBe(weak.length < 12 ? 'VALIDATION' : 'PASSPHRASE_WEAK');
    }
    const short = await setRecovery(amal, 'amal password 1', 'short');
    expect(!short.ok && short.error.details?.issues).toEqual([{ path: 'passphrase', key: 'passphrase_short' }]);
    expect(ctx.keys.hasRecoveryPassphrase).toBe(false); // nothing set by the refusals

    const ok = await setRecovery(amal, 'amal password 1', STRONG);
    expect(ok.ok && ok.value).toEqual({ set: true, keychain: true });
    const actions = (
      ctx.db.sqlite.prepare(`SELECT actor, action FROM audit_log WHERE entity = 'keystore'`).all() as {
        actor: string;
        action: string;
      }[]
    ).map((a) => `${a.actor} ${a.action}`);
    expect(actions).toEqual(['amal keys.recovery_set']);
    const dbKey = ctx.keys.dbKey;
    ctx.db.close();
    contexts.splice(0);

    // A broken keychain (or browser mode / the CLI on another machine): the passphrase opens the same database.
    expect(() => open(dir, { os: broken })).toThrow(/passphrase/);
    const recovered = open(dir, { os: broken, passphrase: STRONG });
    expect(recovered.keys.dbKey.equals(dbKey)).toBe(true);
    expect(recovered.db.sqlite.prepare('SELECT count(*) AS n FROM accounts').get()).toEqual({ n: 2 });
    expect(() => open(dir, { passphrase: 'copper lantern orchard sixteen' })).toThrow(/passphrase/);

    // Changing it: the old one stops working, the key (and so backups and sealed keys) stays the same.
    const changed = await dispatch(recovered, amal, 'keys:setRecovery', {
      password: 'amal password 1',
      passphrase: 'violet harbour gravel umbrella',
    });
    expect(changed.ok).toBe(true);
    recovered.db.close();
    contexts.splice(0);
    expect(() => open(dir, { passphrase: STRONG })).toThrow();
    expect(open(dir, { passphrase: 'violet harbour gravel umbrella' }).keys.dbKey.equals(dbKey)).toBe(true);
  });
});
