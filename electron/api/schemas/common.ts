import { z } from 'zod';
import { isKnownCountry } from '../domain/countries';
import { LOCALES, MAX_COUNT } from '../domain/handover';

/** Error messages are i18n keys (`validation.<key>`), so the renderer can show them in the UI language. */
export const text = (max: number) => z.string().trim().max(max, { error: 'too_long' });
export const requiredText = (max: number) => text(max).min(1, { error: 'required' });

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** YYYY-MM-DD names a day of the (proleptic Gregorian) calendar: 2023-02-29 does not. */
export function isCalendarDate(s: string): boolean {
  const y = Number(s.slice(0, 4));
  const m = Number(s.slice(5, 7));
  const d = Number(s.slice(8, 10));
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= DAYS_IN_MONTH[m - 1] + (leap ? 1 : 0);
}

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'invalid_date' })
  .refine(isCalendarDate, { error: 'invalid_date' });

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

export const uuid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, { error: 'invalid_id' });

/**
 * Bidi controls (embeddings, overrides, isolates, marks) and C0 controls: in a file name they make `gnp.exe` look like
 * `exe.png`, and no legitimate name needs them. Letters of every script stay.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NAME_CONTROLS = /[\u0000-\u001f\u007f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
export const stripControls = (s: string) => s.replace(NAME_CONTROLS, '');

/** A file's name as a person gave it: controls stripped, no path. */
export const fileName = z
  .string()
  .overwrite(stripControls)
  .trim()
  .min(1, { error: 'required' })
  .max(255, { error: 'too_long' })
  .refine((n) => !/[\\/]/.test(n), { error: 'invalid_file_name' });

export const locale = z.enum(LOCALES);
export type { Locale } from '../domain/handover';
