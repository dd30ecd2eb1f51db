import fc from 'fast-check';
import countries from 'i18n-iso-countries';
import { describe, expect, it } from 'vitest';
import { isCalendarDate } from '../../electron/api/schemas/common';
import { isKnownCountry } from '../../electron/api/domain/countries';

const pad = (n: number, w: number) => String(n).padStart(w, '0');

describe('the checks every typed or imported handover goes through', () => {
  it('isCalendarDate agrees with the calendar (via Date) on any YYYY-MM-DD, leap years included', () => {
    const byDate = (s: string) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
    };
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (y, m, d) => {
          const s = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
          expect(isCalendarDate(s)).toBe(byDate(s));
        },
      ),
      { numRuns: 20_000 },
    );
    expect(['2024-02-29', '2000-02-29', '2023-02-28'].map(isCalendarDate)).toEqual([true, true, true]);
    expect(['2023-02-29', '1900-02-29', '2023-04-31', '2023-00-10', '2023-13-01'].map(isCalendarDate)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('isKnownCountry is exactly the ISO 3166-1 alpha-2 list plus Kosovo (XK)', () => {
    for (let a = 65; a <= 90; a++) {
      for (let b = 65; b <= 90; b++) {
        const code = String.fromCharCode(a, b);
        expect(isKnownCountry(code), code).toBe(code === 'XK' || countries.isValid(code));
      }
    }
    expect(isKnownCountry('kg')).toBe(false);
  });
});
