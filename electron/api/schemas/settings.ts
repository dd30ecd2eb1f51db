import { z } from 'zod';
import { FILE_LIMITS, megabytes } from '../domain/limits';
import { locale, text } from './common';
import { reportSettingsFields } from './report';

/** Every setting with its default; stored per key so that adding one later needs no migration. */
export const settingsSchema = z.object({
  locale: locale.default('ar'),
  handingAuthority: text(300).default('Department of Foreign Relations, Qamishli'),
  handingOfficialName: text(200).default(''),
  handingOfficialTitle: text(200).default(''),
  defaultLocation: text(200).default('Qamishli'),
  referencePrefix: z
    .string()
    .regex(/^[A-Z]{1,6}$/, { error: 'invalid_reference' })
    .default('HO'),
  /** Minutes without activity after which the app locks (and a browser session ends). */
  idleLockMinutes: z
    .number()
    .int({ error: 'not_integer' })
    .min(1, { error: 'negative' })
    .max(240, { error: 'too_large' })
    .default(10),
  attachmentMaxMb: z
    .number()
    .int({ error: 'not_integer' })
    .min(1, { error: 'negative' })
    .max(megabytes(FILE_LIMITS.attachment), { error: 'too_large' })
    .default(25),
  ...reportSettingsFields,
});
export type Settings = z.infer<typeof settingsSchema>;
/** The logo comes in as a chosen file (settings:setLogo); a patch may only remove it. */
export const settingsPatch = settingsSchema
  .partial()
  .extend({ reportLogo: z.literal('', { error: 'invalid' }).optional() })
  .strict();
