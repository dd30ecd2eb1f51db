import { v7 as uuidv7 } from 'uuid';
import {
  countAccounts,
  countOtherActiveAdmins,
  findAccount,
  findAccountByUsername,
  insertAccount,
  listAccounts,
  updateAccount,
  type AccountRow,
} from '../../../db/queries/accounts';
import { writeAudit } from '../../../db/queries/audit';
import type { Account, AuthStatus } from '../../api/schemas/account';
import type { z } from 'zod';
import type { accountPatch, newAccount } from '../../api/schemas/account';
import { AppError } from '../../api/result';
import type { AppContext, Caller } from '../context';
import { getSettings } from '../settings';
import { hashPassword } from './passwords';

export const toAccount = (r: AccountRow): Account => ({
  id: r.id,
  username: r.username,
  displayName: r.displayName,
  role: r.role,
  disabled: r.disabled,
  lockedUntil: r.lockedUntil,
  lastSignInAt: r.lastSignInAt,
  createdAt: r.createdAt,
  createdBy: r.createdBy,
});

export function authStatus(ctx: AppContext, caller: Caller): AuthStatus {
  const row = caller.accountId ? findAccount(ctx.db.orm, caller.accountId) : undefined;
  return {
    needsSetup: countAccounts(ctx.db.orm) === 0,
    account: row ? toAccount(row) : null,
    idleLockMinutes: getSettings(ctx).idleLockMinutes,
  };
}

export function getAccount(ctx: AppContext, id: string): AccountRow {
  const row = findAccount(ctx.db.orm, id);
  if (!row) throw new AppError('NOT_FOUND', `No account ${id}`);
  return row;
}

/** Inserts the account inside the caller's transaction; `createdBy` is the actor (the username itself on first run). */
function insertNew(
  ctx: AppContext,
  input: z.output<typeof newAccount>,
  passwordHash: string,
  createdBy: string,
  at: string,
): string {
  if (findAccountByUsername(ctx.db.orm, input.username))
    throw new AppError('USERNAME_TAKEN', `The username ${input.username} is taken`, {
      issues: [{ path: 'username', key: 'username_taken' }],
    });
  const id = uuidv7();
  insertAccount(ctx.db.orm, {
    id,
    username: input.username,
    displayName: input.displayName,
    role: input.role,
    passwordHash,
    createdAt: at,
    createdBy,
    updatedAt: at,
  });
  return id;
}

/** First run: the administrator creates themself and is signed in. Refused once any account exists. */
export async function setupAdministrator(
  ctx: AppContext,
  caller: Caller,
  input: Omit<z.output<typeof newAccount>, 'role'>,
): Promise<Account> {
  if (countAccounts(ctx.db.orm) > 0) throw new AppError('ALREADY_SET_UP', 'An administrator already exists');
  const passwordHash = await hashPassword(input.password);
  const at = ctx.now().toISOString();
  const id = ctx.db.sqlite
    .transaction(() => {
      if (countAccounts(ctx.db.orm) > 0) throw new AppError('ALREADY_SET_UP', 'An administrator already exists');
      const id = insertNew(ctx, { ...input, role: 'administrator' }, passwordHash, input.username, at);
      writeAudit(
        ctx.db.orm,
        {
          actor: input.username,
          action: 'account.setup',
          entity: 'account',
          entityId: id,
          details: { username: input.username, role: 'administrator' },
        },
        at,
      );
      return id;
    })
    .immediate();
  caller.session?.start(id);
  return toAccount(getAccount(ctx, id));
}

export const listUsers = (ctx: AppContext): Account[] => listAccounts(ctx.db.orm).map(toAccount);

export async function createUser(
  ctx: AppContext,
  caller: Caller,
  input: z.output<typeof newAccount>,
): Promise<Account> {
  const passwordHash = await hashPassword(input.password);
  const at = ctx.now().toISOString();
  const id = ctx.db.sqlite
    .transaction(() => {
      const id = insertNew(ctx, input, passwordHash, caller.actor, at);
      writeAudit(
        ctx.db.orm,
        {
          actor: caller.actor,
          action: 'account.create',
          entity: 'account',
          entityId: id,
          details: { username: input.username, role: input.role },
        },
        at,
      );
      return id;
    })
    .immediate();
  return toAccount(getAccount(ctx, id));
}

/** Role, name and disabled flag; the last active administrator can be neither demoted nor disabled. */
export function updateUser(ctx: AppContext, caller: Caller, id: string, patch: z.output<typeof accountPatch>): Account {
  const at = ctx.now().toISOString();
  ctx.db.sqlite
    .transaction(() => {
      const row = getAccount(ctx, id);
      const losesAdmin =
        row.role === 'administrator' &&
        !row.disabled &&
        ((patch.role && patch.role !== 'administrator') || patch.disabled);
      if (losesAdmin && countOtherActiveAdmins(ctx.db.orm, id) === 0)
        throw new AppError('LAST_ADMIN', 'The last administrator cannot be demoted or disabled');
      const changes = Object.fromEntries(
        Object.entries(patch).filter(([k, v]) => v !== undefined && row[k as keyof AccountRow] !== v),
      );
      if (!Object.keys(changes).length) return;
      updateAccount(ctx.db.orm, id, { ...changes, updatedAt: at });
      writeAudit(
        ctx.db.orm,
        {
          actor: caller.actor,
          action: 'account.update',
          entity: 'account',
          entityId: id,
          details: { username: row.username, changes },
        },
        at,
      );
    })
    .immediate();
  return toAccount(getAccount(ctx, id));
}

/** An administrator sets a new password; it also lifts a lockout. */
export async function resetPassword(ctx: AppContext, caller: Caller, id: string, password: string): Promise<Account> {
  const row = getAccount(ctx, id);
  const passwordHash = await hashPassword(password);
  const at = ctx.now().toISOString();
  ctx.db.sqlite
    .transaction(() => {
      updateAccount(ctx.db.orm, id, { passwordHash, failedAttempts: 0, lockedUntil: null, updatedAt: at });
      writeAudit(
        ctx.db.orm,
        {
          actor: caller.actor,
          action: 'account.password_reset',
          entity: 'account',
          entityId: id,
          details: { username: row.username },
        },
        at,
      );
    })
    .immediate();
  return toAccount(getAccount(ctx, id));
}
