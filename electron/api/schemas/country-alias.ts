import { z } from 'zod';
import { countryCode, requiredText } from './common';

/** A written name this office decided means a country (e.g. "قرغيزيا" → KG). */
export const countryAliasSchema = z.object({ name: requiredText(120), code: countryCode });
export type CountryAliasOut = z.infer<typeof countryAliasSchema>;
