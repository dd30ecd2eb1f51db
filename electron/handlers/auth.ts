import { listAuditEntries } from '../services/audit/list';
import { verifyAudit } from '../services/audit/verify';
import {
  authStatus,
  createUser,
  listUsers,
  resetPassword,
  setupAdministrator,
  updateUser,
} from '../services/auth/accounts';
import { changePassword, signIn, signOut } from '../services/auth/sign-in';
import type { HandlersFor } from './types';

export const authHandlers: HandlersFor<'auth'> & HandlersFor<'users'> & HandlersFor<'audit'> = {
  'auth:status': (ctx, caller) => authStatus(ctx, caller),
  'auth:setup': (ctx, caller, input) => setupAdministrator(ctx, caller, input),
  'auth:signIn': (ctx, caller, { username, password }) => signIn(ctx, caller, username, password),
  'auth:signOut': (ctx, caller, { reason }) => {
    signOut(ctx, caller, reason);
    return { signedOut: true };
  },
  'auth:changePassword': async (ctx, caller, { current, next }) => {
    await changePassword(ctx, caller, current, next);
    return { changed: true };
  },
  'users:list': (ctx) => listUsers(ctx),
  'users:create': (ctx, caller, input) => createUser(ctx, caller, input),
  'users:update': (ctx, caller, { id, patch }) => updateUser(ctx, caller, id, patch),
  'users:resetPassword': (ctx, caller, { id, password }) => resetPassword(ctx, caller, id, password),
  'audit:list': (ctx, _caller, q) => listAuditEntries(ctx, q),
  'audit:verify': (ctx) => verifyAudit(ctx),
};
