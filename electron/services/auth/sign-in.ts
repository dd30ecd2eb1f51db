import { findAccountByUsername, updateAccount } from '../../../db/queries/accounts';
import { writeAudit } from '../../../db/queries/audit';
import type { Account } from '../../api/schemas/account';
import { AppError } from '../../api/result';
import { SYSTEM_ACTOR, type AppContext, type Caller } from '../context';
import { getAccount, toAccount } from './accounts';
import { lockMs, secondsLeft } from './lockout';
import { burnPasswordCheck, hashPassword, verifyPassword } from './passwords';

/**
 * How much of a name no account has goes into the audit entry: enough to see a mistyped or guessed name, too little to
 * keep a whole password someone typed into the username field.
 */
export const ATTEMPTED_NAME_CHARS = 32;

/** Attempts on one username run one after another, so parallel guesses cannot all slip in before the lock. */
const queues = new Map<string, Promise<unknown>>();
function serialized<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const run = (queues.get(key) ?? Promise.resolve()).then(fn, fn);
  const tail = run.catch(() => undefined);
  queues.set(key, tail);
  void tail.then(() => queues.get(key) === tail && queues.delete(key));
  return run;
}

function failed(ctx: AppContext, actor: string, accountId: string | null, details: Record<string, unknown>) {
  writeAudit(
    ctx.db.orm,
    { actor, action: 'auth.sign_in_failed', entity: 'account', entityId: accountId, details },
    ctx.now().toISOString(),
  );
}

/**
 * Checks the password with lockout and back-off (lockout.ts). Unknown name, wrong password: the same SIGN_IN_FAILED,
 * after the same work. Every attempt is audited.
 */
export function signIn(ctx: AppContext, caller: Caller, username: string, password: string): Promise<Account> {
  return serialized(username, async () => {
    const row = findAccountByUsername(ctx.db.orm, username);
    if (!row) {
      await burnPasswordCheck(password);
      // No account to name: the fixed system actor, never the attempted text (which anyone can choose).
      failed(ctx, SYSTEM_ACTOR.signIn, null, {
        attempted: [...username].slice(0, ATTEMPTED_NAME_CHARS).join(''),
        reason: 'unknown_username',
      });
      throw new AppError('SIGN_IN_FAILED', 'Wrong username or password');
    }
    const wait = secondsLeft(row.lockedUntil, ctx.now());
    if (wait > 0) {
      failed(ctx, row.username, row.id, { reason: 'locked', retryAfterSeconds: wait });
      throw new AppError('ACCOUNT_LOCKED', 'Too many failed attempts', { retryAfterSeconds: wait });
    }
    const good = await verifyPassword(row.passwordHash, password);
    const now = ctx.now();
    if (!good) {
      const failures = row.failedAttempts + 1;
      const lock = lockMs(failures);
      const lockedUntil = lock ? new Date(now.getTime() + lock).toISOString() : null;
      ctx.db.sqlite
        .transaction(() => {
          updateAccount(ctx.db.orm, row.id, { failedAttempts: failures, lockedUntil });
          failed(ctx, row.username, row.id, { reason: 'wrong_password', failures, lockedUntil });
        })
        .immediate();
      throw new AppError(
        'SIGN_IN_FAILED',
        'Wrong username or password',
        lockedUntil ? { retryAfterSeconds: lock / 1000 } : undefined,
      );
    }
    if (row.disabled) {
      failed(ctx, row.username, row.id, { reason: 'disabled' });
      throw new AppError('ACCOUNT_DISABLED', 'This account is disabled');
    }
    const at = now.toISOString();
    ctx.db.sqlite
      .transaction(() => {
        updateAccount(ctx.db.orm, row.id, { failedAttempts: 0, lockedUntil: null, lastSignInAt: at });
        writeAudit(
          ctx.db.orm,
          {
            actor: row.username,
            action: 'auth.sign_in',
            entity: 'account',
            entityId: row.id,
            details: { via: ctx.mode },
          },
          at,
        );
      })
      .immediate();
    caller.session?.start(row.id);
    return toAccount(getAccount(ctx, row.id));
  });
}

export function signOut(ctx: AppContext, caller: Caller, reason: 'user' | 'idle'): void {
  if (caller.accountId)
    writeAudit(
      ctx.db.orm,
      {
        actor: caller.actor,
        action: 'auth.sign_out',
        entity: 'account',
        entityId: caller.accountId,
        details: { reason },
      },
      ctx.now().toISOString(),
    );
  caller.session?.end();
}

/** Your own password: the current one first (a lock screen left open must not let someone else change it). */
export async function changePassword(ctx: AppContext, caller: Caller, current: string, next: string): Promise<void> {
  if (!caller.accountId) throw new AppError('FORBIDDEN', 'The command line has no password');
  const row = getAccount(ctx, caller.accountId);
  if (!(await verifyPassword(row.passwordHash, current))) {
    failed(ctx, row.username, row.id, { reason: 'wrong_current_password' });
    throw new AppError('SIGN_IN_FAILED', 'The current password is wrong', {
      issues: [{ path: 'current', key: 'wrong_password' }],
    });
  }
  const passwordHash = await hashPassword(next);
  const at = ctx.now().toISOString();
  ctx.db.sqlite
    .transaction(() => {
      updateAccount(ctx.db.orm, row.id, { passwordHash, updatedAt: at });
      writeAudit(
        ctx.db.orm,
        { actor: caller.actor, action: 'account.password_change', entity: 'account', entityId: row.id, details: {} },
        at,
      );
    })
    .immediate();
}
