import { intlLocale } from '../i18n';

export const formatNumber = (n: number, lng: string) => new Intl.NumberFormat(intlLocale(lng)).format(n);

/** Dates are stored as YYYY-MM-DD; shown in the UI language without shifting across time zones. */
export function formatDate(iso: string, lng: string): string {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(lng), { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(d);
}

export function formatDateTime(iso: string, lng: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(lng), { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}
