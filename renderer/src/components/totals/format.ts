import { intlLocale } from '../../i18n';

/**
 * Cached Intl formatters. Building an Intl.NumberFormat or DateTimeFormat costs far more than formatting with one;
 * with 200 countries the page formats a few thousand figures, and constructing per call took over a second.
 */
const numbers = new Map<string, Intl.NumberFormat>();
const dates = new Map<string, Intl.DateTimeFormat>();

export function fmtNumber(n: number, lng: string): string {
  let f = numbers.get(lng);
  if (!f) numbers.set(lng, (f = new Intl.NumberFormat(intlLocale(lng))));
  return f.format(n);
}

/** YYYY-MM-DD in the UI language, without shifting across time zones (same output as lib/format's formatDate). */
export function fmtDate(iso: string, lng: string): string {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  let f = dates.get(lng);
  if (!f) dates.set(lng, (f = new Intl.DateTimeFormat(intlLocale(lng), { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' })));
  return f.format(d);
}
