import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/handlers/dispatch';
import { Sessions, callerFor } from '../../electron/services/auth/sessions';
import { FREE_ATTEMPTS } from '../../electron/services/auth/lockout';
import { SYSTEM_ACTOR, type Caller } from '../../electron/services/context';
import { addAccount } from '../support/accounts';
import { testApp, type TestApp } from '../support/context';

/** The app's clock, moved by hand: lockout and idle times are checked without waiting. */
let now = Date.parse('2026-03-01T09:00:00Z');
const advance = (ms: number) => (now += ms);
let app: TestApp;
beforeEach(() => {
  app = testApp();
  now = Date.parse('2026-03-01T09:00:00Z');
  app.ctx.now = () => new Date(now);
});
afterEach(() => app.close());

const nobody: Caller = { actor: SYSTEM_ACTOR.signedOut, role: null, accountId: null };
const signIn = (username: string, password: string) => dispatch(app.ctx, nobody, 'auth:signIn', { username, password });
const codeOf = async (p: ReturnType<typeof signIn>) => {
  const r = await p;
  return r.ok ? 'OK' : r.error.code;
};
const audit = () =>
  app.ctx.db.sqlite.prepare('SELECT actor, action, details FROM audit_log ORDER BY id').all() as {
    actor: string;
    action: string;
    details: string;
  }[];

describe('sign-in lockout with back-off', { timeout: 120_000 }, () => {
  it('locks after five failures for 30 s, doubling per further failure up to an hour; the right password then works', async () => {
    const who = await addAccount(app.ctx, 'registrar', 'samira');
    for (let i = 1; i < FREE_ATTEMPTS; i++)
      expect(await codeOf(signIn('samira', 'wrong password'))).toBe('SIGN_IN_FAILED');
    const fifth = await signIn('samira', 'wrong password');
    expect(!fifth.ok && fifth.error).toMatchObject({ code: 'SIGN_IN_FAILED', details: { retryAfterSeconds: 30 } });

    // Locked: even the right password is refused, and says how long is left.
    advance(10_000);
    const locked = await signIn('samira', who.password);
    expect(!locked.ok && locked.error).toMatchObject({ code: 'ACCOUNT_LOCKED', details: { retryAfterSeconds: 20 } });
    advance(20_000);
    // One more failure after the lock: twice as long.
    const sixth = await signIn('samira', 'wrong again');
    expect(!sixth.ok && sixth.error.details).toMatchObject({ retryAfterSeconds: 60 });
    advance(59_000);
    expect(await codeOf(signIn('samira', who.password))).toBe('ACCOUNT_LOCKED');
    advance(1_000);
    // Further failures double up to the cap of an hour.
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      const r = await signIn('samira', 'still wrong');
      const wait = Number(!r.ok && r.error.details?.retryAfterSeconds);
      waits.push(wait);
      advance(wait * 1000);
    }
    expect(waits).toEqual([120, 240, 480, 960, 1920, 3600, 3600, 3600]);

    const good = await signIn('samira', who.password);
    expect(good.ok).toBe(true);
    // A success clears the count: the next wrong password is a free attempt again.
    const after = await signIn('samira', 'wrong once');
    expect(!after.ok && after.error.details).toBeUndefined();

    const rows = audit().filter((r) => r.action.startsWith('auth.'));
    expect(rows.every((r) => r.actor === 'samira')).toBe(true);
    expect(rows.filter((r) => r.action === 'auth.sign_in_failed')).toHaveLength(FREE_ATTEMPTS + 1 + 2 + 8 + 1);
  });

  it('records a failed sign-in under an unknown name with a fixed system actor, the attempted name clipped', async () => {
    await addAccount(app.ctx, 'viewer', 'anonymous'); // a plain word can be an account: the marker must not be one
    const typed = 'correct horse battery staple typed into the username field';
    expect(await codeOf(signIn(typed.slice(0, 64), 'x'))).toBe('SIGN_IN_FAILED');
    expect(await codeOf(signIn('nosuchuser', 'x'))).toBe('SIGN_IN_FAILED');
    const failed = audit().filter((r) => r.action === 'auth.sign_in_failed');
    expect(failed.map((r) => r.actor)).toEqual(['system:sign-in', 'system:sign-in']);
    expect(JSON.parse(failed[0].details)).toEqual({ attempted: typed.slice(0, 32), reason: 'unknown_username' });
    // The marker can never be an account: a colon is not allowed in a username.
    const taken = await dispatch(app.ctx, app.caller, 'users:create', {
      username: 'system:sign-in',
      displayName: 'x',
      role: 'viewer',
      password: 'a long enough password',
    });
    expect(!taken.ok && taken.error.code).toBe('VALIDATION');
    // Every audit entry names an account, the command line, or a marked system actor.
    const accounts = new Set(
      (app.ctx.db.sqlite.prepare('SELECT username FROM accounts').all() as { username: string }[]).map(
        (a) => a.username,
      ),
    );
    for (const r of audit())
      expect(
        accounts.has(r.actor) || /^(cli|system):/.test(r.actor) || r.actor === 'tester' || r.actor === 'test-setup',
      ).toBe(true);
  });
});

describe('idle lock', () => {
  it('ends a session unused for the configured idle time, and keeps one in use alive', async () => {
    await app.must('settings:set', { patch: { idleLockMinutes: 3 } });
    const admin = await addAccount(app.ctx, 'administrator', 'amal');
    const sessions = new Sessions(app.ctx, () => now);
    const accountId = (
      app.ctx.db.sqlite.prepare('SELECT id FROM accounts WHERE username = ?').get(admin.username) as { id: string }
    ).id;
    const id = sessions.start(accountId);
    // Activity within the idle time keeps it: 2:59 after each touch.
    for (let i = 0; i < 5; i++) {
      advance(179_000);
      expect(sessions.touch(id)).toBe(accountId);
    }
    advance(180_001);
    expect(sessions.touch(id)).toBeNull();
    expect(sessions.touch(id)).toBeNull(); // gone, not just expired once
    const caller = callerFor(app.ctx, sessions.touch(id), { start: () => undefined, end: () => undefined });
    expect(caller).toMatchObject({ role: null, actor: SYSTEM_ACTOR.signedOut });
    const refused = await dispatch(app.ctx, caller, 'handovers:list', {});
    expect(!refused.ok && refused.error.code).toBe('UNAUTHORIZED');

    // The setting is read at each touch: a longer idle time applies to running sessions at once.
    await app.must('settings:set', { patch: { idleLockMinutes: 30 } });
    const second = sessions.start(accountId);
    advance(29 * 60_000);
    expect(sessions.touch(second)).toBe(accountId);
  });
});
