import { z } from 'zod';
import { requiredText, uuid } from './common';

/** Each role includes the ones after it: an administrator may do all a registrar may, a registrar all a viewer may. */
export const ROLES = ['administrator', 'registrar', 'viewer'] as const;
export const role = z.enum(ROLES);
export type Role = z.infer<typeof role>;

/** Who may call a channel: anyone (signing in), or a signed-in role and every role above it. */
export type Access = 'public' | Role;
const RANK: Record<Role, number> = { viewer: 1, registrar: 2, administrator: 3 };

/** The one rule dispatch enforces (and the renderer reads to offer only what would be allowed). */
export function mayAccess(who: Role | null, access: Access): boolean {
  return access === 'public' || (who !== null && RANK[who] >= RANK[access]);
}

/** Lower-case letters, digits, '.', '_' and '-': immutable, and never containing ':' (CLI actors are `cli:<user>`). */
export const username = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, { error: 'username_invalid' })
  .max(64, { error: 'too_long' })
  .regex(/^[a-z0-9][a-z0-9._-]*$/, { error: 'username_invalid' });

/** Length over composition rules (NIST SP 800-63B): at least 10 characters, at most 256. */
export const newPassword = z.string().min(10, { error: 'password_short' }).max(256, { error: 'too_long' });
/** A password typed to sign in is only bounded, never judged: the hash decides. */
export const givenPassword = z.string().min(1, { error: 'required' }).max(256, { error: 'too_long' });

export const account = z.object({
  id: uuid,
  username: z.string(),
  displayName: z.string(),
  role,
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastSignInAt: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type Account = z.infer<typeof account>;

export const newAccount = z.object({ username, displayName: requiredText(200), role, password: newPassword }).strict();
export const accountPatch = z
  .object({ displayName: requiredText(200).optional(), role: role.optional(), disabled: z.boolean().optional() })
  .strict();

export const authStatus = z.object({
  /** No account exists yet: the first run creates the administrator. */
  needsSetup: z.boolean(),
  account: account.nullable(),
  idleLockMinutes: z.number().int(),
});
export type AuthStatus = z.infer<typeof authStatus>;
