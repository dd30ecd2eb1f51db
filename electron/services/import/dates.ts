import { isCalendarDate } from '../../api/schemas/common';

export type DateOrder = 'dmy' | 'mdy';
export type DateResult = { ok: true; iso: string } | { ok: false; key: 'invalid_date' | 'ambiguous_date' };

const ARABIC_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;
/** ٠-٩ and ۰-۹ to 0-9: Arabic sheets often type digits that way. */
export const westernDigits = (s: string) => s.replace(ARABIC_DIGITS, (d) => String((d.charCodeAt(0) & 0xf) % 10));

const pad = (n: number) => String(n).padStart(2, '0');

function iso(y: number, m: number, d: number): DateResult {
  const s = `${y}-${pad(m)}-${pad(d)}`;
  return y >= 1000 && isCalendarDate(s) ? { ok: true, iso: s } : { ok: false, key: 'invalid_date' };
}

const ISO = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ][\d:.Z+-]*)?$/;
const DAY_FIRST = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/;

/**
 * The handover date of a cell. ISO and year-first forms are read as they are; D/M/YYYY (also with . or -) needs to
 * know the order when both parts could be the month and differ: from `order`, else it is an error, never a guess.
 * Excel date cells arrive as Date (UTC midnight from exceljs).
 */
export function parseDate(value: unknown, order?: DateOrder): DateResult {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { ok: false, key: 'invalid_date' };
    // exceljs gives UTC midnight; a time part (rare) is rounded to the nearest day.
    return { ok: true, iso: new Date(Math.round(value.getTime() / 86_400_000) * 86_400_000).toISOString().slice(0, 10) };
  }
  const s = westernDigits(String(value ?? '').trim());
  let m = ISO.exec(s);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = DAY_FIRST.exec(s);
  if (!m) return { ok: false, key: 'invalid_date' };
  const a = Number(m[1]);
  const b = Number(m[2]);
  const y = Number(m[3]);
  if (a > 12 && b > 12) return { ok: false, key: 'invalid_date' };
  if (a > 12) return order === 'mdy' ? { ok: false, key: 'invalid_date' } : iso(y, b, a);
  if (b > 12) return order === 'dmy' ? { ok: false, key: 'invalid_date' } : iso(y, a, b);
  if (a === b) return iso(y, b, a);
  if (!order) return { ok: false, key: 'ambiguous_date' };
  return order === 'dmy' ? iso(y, b, a) : iso(y, a, b);
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
