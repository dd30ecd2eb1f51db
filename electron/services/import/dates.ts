import { isCalendarDate } from '../../api/schemas/common';
import { foldWords } from '../../api/schemas/name-fold';
import { monthNames } from './month-names';

import type { DateOrder } from '../../api/domain/import';

export type { DateOrder };
/** How much of a date the record knows: a day, a month ("March 2021") or a year ("2019"). */
export type DatePrecision = 'day' | 'month' | 'year';
/** `iso` is the first day of what is known (2021-03-01 for "March 2021"): dates sort and filter by it. */
export type DateResult =
  { ok: true; iso: string; precision: DatePrecision } | { ok: false; key: 'invalid_date' | 'ambiguous_date' };

const ARABIC_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;
/** ٠-٩ and ۰-۹ to 0-9: Arabic sheets often type digits that way. */
export const westernDigits = (s: string) => s.replace(ARABIC_DIGITS, (d) => String((d.charCodeAt(0) & 0xf) % 10));

const pad = (n: number) => String(n).padStart(2, '0');
const INVALID = { ok: false, key: 'invalid_date' } as const;

function day(y: number, m: number, d: number): DateResult {
  const s = `${y}-${pad(m)}-${pad(d)}`;
  return y >= 1000 && isCalendarDate(s) ? { ok: true, iso: s, precision: 'day' } : INVALID;
}
const month = (y: number, m: number): DateResult =>
  y >= 1000 && m >= 1 && m <= 12 ? { ok: true, iso: `${y}-${pad(m)}-01`, precision: 'month' } : INVALID;
const year = (y: number): DateResult =>
  y >= 1000 && y <= 9999 ? { ok: true, iso: `${y}-01-01`, precision: 'year' } : INVALID;

const ISO = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ][\d:.Z+-]*)?$/;
const DAY_FIRST = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/;
const YEAR_MONTH = /^(\d{4})[-/.](\d{1,2})$/;
const MONTH_YEAR = /^(\d{1,2})[-/.](\d{4})$/;
const YEAR = /^(\d{4})$/;

/** Words that stand around a written date without changing it: ordinals, "of", "the year/month", the Gregorian م. */
const FILLER = new Set([
  'st',
  'nd',
  'rd',
  'th',
  'of',
  'in',
  'e',
  'a',
  'an',
  'ye',
  'ya',
  'م',
  'عام',
  'سنه',
  'شهر',
  'في',
  'sala',
  'meha',
  'di',
]);

/** A written date with a month name: its numbers and its month, or null when a word is not a month or a filler. */
function withMonthName(text: string): { numbers: string[]; month: number } | null {
  // "16ê", "2023م", "16th": digits and letters apart, so the suffix becomes a filler word.
  const words = foldWords(text.replace(/(\d)(?=\p{L})|(\p{L})(?=\d)/gu, '$1$2 '));
  const names = monthNames();
  const numbers: string[] = [];
  let found: number | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (/^\d+$/.test(w)) {
      numbers.push(w);
      continue;
    }
    // Two-word names first (كانون الثاني, Kanûna Paşîn), then one word; Kurmanji adds -ê/-a to a month ("sibatê").
    const two = i + 1 < words.length ? names.get(`${w} ${words[i + 1]}`) : undefined;
    const one = two ?? names.get(w) ?? names.get(w.replace(/(e|a|ye|ya)$/, ''));
    if (one !== undefined) {
      // "شباط/فبراير": two names of the same month are one month; of different months, no date.
      if (found !== undefined && found !== one) return null;
      found = one;
      if (two !== undefined) i++;
      continue;
    }
    if (!FILLER.has(w)) return null;
  }
  return found === undefined ? null : { numbers, month: found };
}

/**
 * The handover date of a cell and how precise it is. Numeric forms: ISO and year-first as they are; D/M/YYYY (also
 * with . or -) needs to know the order when both parts could be the month and differ, from `order`, else it is an
 * error, never a guess; YYYY-MM and MM/YYYY are a month, YYYY a year. Written forms name the month in Arabic
 * (Levantine or Egyptian), English or Kurmanji: "16 شباط 2023", "February 16, 2023", "March 2021", "آذار ٢٠٢١".
 * Excel date cells arrive as Date (UTC midnight from exceljs).
 */
export function parseDate(value: unknown, order?: DateOrder): DateResult {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return INVALID;
    // exceljs gives UTC midnight; a time part (rare) is rounded to the nearest day.
    return {
      ok: true,
      iso: new Date(Math.round(value.getTime() / 86_400_000) * 86_400_000).toISOString().slice(0, 10),
      precision: 'day',
    };
  }
  const s = westernDigits(String(value ?? '').trim());
  let m = ISO.exec(s);
  if (m) return day(Number(m[1]), Number(m[2]), Number(m[3]));
  if ((m = YEAR_MONTH.exec(s))) return month(Number(m[1]), Number(m[2]));
  if ((m = MONTH_YEAR.exec(s))) return month(Number(m[2]), Number(m[1]));
  if ((m = YEAR.exec(s))) return year(Number(m[1]));
  m = DAY_FIRST.exec(s);
  if (!m) return written(s);
  const a = Number(m[1]);
  const b = Number(m[2]);
  const y = Number(m[3]);
  if (a > 12 && b > 12) return INVALID;
  if (a > 12) return order === 'mdy' ? INVALID : day(y, b, a);
  if (b > 12) return order === 'dmy' ? INVALID : day(y, a, b);
  if (a === b) return day(y, b, a);
  if (!order) return { ok: false, key: 'ambiguous_date' };
  return order === 'dmy' ? day(y, b, a) : day(y, a, b);
}

/** A date with its month written out: [day] month year in any order a language writes them; the year has four digits. */
function written(s: string): DateResult {
  const found = withMonthName(s);
  if (!found) return INVALID;
  const years = found.numbers.filter((n) => n.length === 4);
  const days = found.numbers.filter((n) => n.length <= 2);
  if (years.length !== 1 || days.length + years.length !== found.numbers.length || days.length > 1) return INVALID;
  return days.length ? day(Number(years[0]), found.month, Number(days[0])) : month(Number(years[0]), found.month);
}

/** The order the file's unambiguous dates show (13/02/2023 says day-first); undefined when none or contradictory. */
export function inferDateOrder(values: Iterable<unknown>): DateOrder | undefined {
  let dmy = false;
  let mdy = false;
  for (const v of values) {
    if (typeof v !== 'string') continue;
    const m = DAY_FIRST.exec(westernDigits(v.trim()));
    if (!m) continue;
    if (Number(m[1]) > 12 && Number(m[2]) <= 12) dmy = true;
    else if (Number(m[2]) > 12 && Number(m[1]) <= 12) mdy = true;
    if (dmy && mdy) return undefined;
  }
  return dmy ? 'dmy' : mdy ? 'mdy' : undefined;
}
