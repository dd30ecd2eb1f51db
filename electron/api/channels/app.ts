import { z } from 'zod';
import { checkReport } from '../schemas/check';
import { fileId } from '../schemas/files';
import { settingsPatch, settingsSchema } from '../schemas/settings';
import { channel } from './define';

export const appChannels = {
  'app:info': channel(
    z.object({}).strict(),
    z.object({
      name: z.string(),
      version: z.string(),
      schemaVersion: z.number().int(),
      mode: z.enum(['desktop', 'web', 'cli']),
      dataDir: z.string(),
    }),
    'viewer',
  ),
  /** Compares derived and chained data with the records and repairs what can be recomputed (`tasleem check`). */
  'app:check': channel(z.object({}).strict(), checkReport, 'administrator'),
  'settings:get': channel(z.object({}).strict(), settingsSchema, 'viewer'),
  'settings:set': channel(z.object({ patch: settingsPatch }).strict(), settingsSchema, 'administrator'),
  /** The report logo from a chosen PNG or JPEG (kind reportLogo); removing it is a settings:set of ''. */
  'settings:setLogo': channel(z.object({ fileId }).strict(), settingsSchema, 'administrator'),
} as const;
