import { z } from 'zod';
import { countryAliasSchema } from '../schemas/country-alias';
import { channel } from './define';

export const countryChannels = {
  /** The office's own country names (Settings; the import's mapping step adds to them). */
  'countries:aliases': channel(z.object({}).strict(), z.array(countryAliasSchema), 'viewer'),
  /** Adds names: all or nothing, refused (COUNTRY_ALIAS_REFUSED) when one is a code or already means another country. */
  'countries:addAliases': channel(
    z.object({ aliases: z.array(countryAliasSchema).min(1).max(500) }).strict(),
    z.array(countryAliasSchema),
    'registrar',
  ),
  'countries:removeAlias': channel(
    z.object({ name: z.string().trim().min(1).max(120) }).strict(),
    z.array(countryAliasSchema),
    'registrar',
  ),
} as const;
