import { z } from 'zod';
import { isKnownCountry } from './countries';

/** Error messages are i18n keys (`validation.<key>`), so the renderer can show them in the UI language. */
export const text = (max: number) => z.string().trim().max(max, { error: 'too_long' });
export const requiredText = (max: number) => text(max).min(1, { error: 'required' });

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'invalid_date' })
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, { error: 'invalid_date' });

export const MAX_COUNT = 100_000;
export const count = z
  .number({ error: 'not_a_number' })
  .int({ error: 'not_integer' })
  .min(0, { error: 'negative' })
  .max(MAX_COUNT, { error: 'too_large' });

export const countryCode = z
  .string()
  .min(1, { error: 'required' })
  .regex(/^[A-Z]{2}$/, { error: 'unknown_country' })
  .refine(isKnownCountry, { error: 'unknown_country' });

export const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, { error: 'invalid_id' });

export const locale = z.enum(['ar', 'en', 'ku']);
export type Locale = z.infer<typeof locale>;
