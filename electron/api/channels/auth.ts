import { z } from 'zod';
import { uuid } from '../schemas/common';
import { account, accountPatch, authStatus, givenPassword, newAccount, newPassword } from '../schemas/account';
import { auditPage, auditQuery, auditVerification } from '../schemas/audit';
import { channel } from './define';

const signedOut = z.object({ signedOut: z.boolean() });

export const authChannels = {
  'auth:status': channel(z.object({}).strict(), authStatus, 'public'),
  'auth:setup': channel(newAccount.omit({ role: true }), account, 'public'),
  'auth:signIn': channel(
    z
      .object({
        username: z.string().trim().toLowerCase().min(1, { error: 'required' }).max(64, { error: 'too_long' }),
        password: givenPassword,
      })
      .strict(),
    account,
    'public',
  ),
  'auth:signOut': channel(z.object({ reason: z.enum(['user', 'idle']).default('user') }).strict(), signedOut, 'public'),
  'auth:changePassword': channel(
    z.object({ current: givenPassword, next: newPassword }).strict(),
    z.object({ changed: z.boolean() }),
    'viewer',
  ),
  'users:list': channel(z.object({}).strict(), z.array(account), 'administrator'),
  'users:create': channel(newAccount, account, 'administrator'),
  'users:update': channel(z.object({ id: uuid, patch: accountPatch }).strict(), account, 'administrator'),
  'users:resetPassword': channel(z.object({ id: uuid, password: newPassword }).strict(), account, 'administrator'),
  'audit:list': channel(auditQuery, auditPage, 'administrator'),
  'audit:verify': channel(z.object({}).strict(), auditVerification, 'viewer'),
} as const;
