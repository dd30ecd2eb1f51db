import { z } from 'zod';
import { RECOVERY_PASSPHRASE } from '../domain/passphrase';
import { channel } from './define';

const recoveryStatus = z.object({ set: z.boolean(), keychain: z.boolean() });

export const keyChannels = {
  'keys:recovery': channel(z.object({}).strict(), recoveryStatus, 'administrator'),
  'keys:setRecovery': channel(
    z
      .object({
        /** The account's own password; the command line (no account) may leave it empty. */
        password: z.string().max(256, { error: 'too_long' }),
        passphrase: z
          .string()
          .min(RECOVERY_PASSPHRASE.minLength, { error: 'passphrase_short' })
          .max(RECOVERY_PASSPHRASE.maxLength, { error: 'too_long' }),
      })
      .strict(),
    recoveryStatus,
    'administrator',
  ),
} as const;
