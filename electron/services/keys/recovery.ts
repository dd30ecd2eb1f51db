import { findAccount } from '../../../db/queries/accounts';
import { writeAudit } from '../../../db/queries/audit';
import { RECOVERY_PASSPHRASE } from '../../api/domain/passphrase';
import { AppError } from '../../api/result';
import { verifyPassword } from '../auth/passwords';
import type { AppContext, Caller } from '../context';
import { passphraseScore } from './strength';

export interface RecoveryStatus {
  /** A recovery passphrase wraps the database key: a new machine or a broken keychain can still open the data. */
  set: boolean;
  /** This machine's keychain wraps it too (the desktop app opens without asking). */
  keychain: boolean;
}

export const recoveryStatus = (ctx: AppContext): RecoveryStatus => ({
  set: ctx.keys.hasRecoveryPassphrase,
  keychain: ctx.keys.hasOsWrap,
});

/**
 * Sets or replaces the recovery passphrase (argon2id at OWASP cost wraps the database key; the key itself does not
 * change, so backups and sealed keys stay valid). An account confirms with its own password first, as for a password
 * change: a session left open must not hand the data's master key to whoever sits down. The CLI holds the key already.
 */
export async function setRecoveryPassphrase(
  ctx: AppContext,
  caller: Caller,
  input: { password: string; passphrase: string },
): Promise<RecoveryStatus> {
  const row = caller.accountId ? findAccount(ctx.db.orm, caller.accountId) : undefined;
  if (caller.accountId && (!row || !(await verifyPassword(row.passwordHash, input.password))))
    throw new AppError('SIGN_IN_FAILED', 'Your password is wrong', {
      issues: [{ path: 'password', key: 'wrong_password' }],
    });
  const context = [row?.username ?? '', row?.displayName ?? '', 'tasleem', input.password].filter(Boolean);
  if (input.passphrase === input.password || passphraseScore(input.passphrase, context) < RECOVERY_PASSPHRASE.minScore)
    throw new AppError('PASSPHRASE_WEAK', 'The recovery passphrase is too easy to guess', {
      issues: [{ path: 'passphrase', key: 'passphrase_weak' }],
    });
  const replaced = ctx.keys.hasRecoveryPassphrase;
  ctx.keys.setRecoveryPassphrase(input.passphrase);
  writeAudit(
    ctx.db.orm,
    {
      actor: caller.actor,
      action: replaced ? 'keys.recovery_change' : 'keys.recovery_set',
      entity: 'keystore',
      entityId: null,
      details: {},
    },
    ctx.now().toISOString(),
  );
  return recoveryStatus(ctx);
}
