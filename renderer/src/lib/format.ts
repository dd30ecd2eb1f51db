import { intlLocale } from '../i18n';

/**
 * Cached Intl formatters, one per language and style: building one costs far more than formatting with it, and a
 * table of 200 countries or a page of handovers formats thousands of figures.
 */
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function formatter<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let f = cache.get(key) as T | undefined;
  if (!f) cache.set(key, (f = make()));
  return f;
}

export const formatNumber = (n: number, lng: string) =>
  formatter(`n:${lng}`, () => new Intl.NumberFormat(intlLocale(lng))).format(n);

const DATE_PARTS = {
  day: { year: 'numeric', month: 'long', day: 'numeric' },
  month: { year: 'numeric', month: 'long' },
  year: { year: 'numeric' },
} as const;

/**
 * Dates are stored as YYYY-MM-DD; shown in the UI language without shifting across time zones. A date known only to
 * the month or year (`precision`) shows only that ("March 2021", "2019"), never the first day it is stored as.
 */
export function formatDate(iso: string, lng: string, precision?: 'month' | 'year' | null): string {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = precision ?? 'day';
  return formatter(
    `d:${lng}:${parts}`,
    () => new Intl.DateTimeFormat(intlLocale(lng), { ...DATE_PARTS[parts], timeZone: 'UTC' }),
  ).format(d);
}

export function formatDateTime(iso: string, lng: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return formatter(
    `dt:${lng}`,
    () => new Intl.DateTimeFormat(intlLocale(lng), { dateStyle: 'medium', timeStyle: 'short' }),
  ).format(d);
}
