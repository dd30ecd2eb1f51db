import { describe, expect, it } from 'vitest';
import { parseDate } from '../../electron/services/import/dates';
import { monthNames } from '../../electron/services/import/month-names';

const day = (iso: string) => ({ ok: true, iso, precision: 'day' });
const month = (iso: string) => ({ ok: true, iso, precision: 'month' });
const year = (iso: string) => ({ ok: true, iso, precision: 'year' });

describe('date reader: numeric forms', () => {
  it.each([
    ['2023-02-16', undefined, day('2023-02-16')],
    ['2023/2/16', undefined, day('2023-02-16')],
    ['2023-02-16T00:00:00Z', undefined, day('2023-02-16')],
    ['16/02/2023', undefined, day('2023-02-16')],
    ['16.02.2023', undefined, day('2023-02-16')],
    ['16-2-2023', undefined, day('2023-02-16')],
    ['05/05/2023', undefined, day('2023-05-05')],
    ['03/04/2023', 'dmy', day('2023-04-03')],
    ['03/04/2023', 'mdy', day('2023-03-04')],
    ['١٦/٠٢/٢٠٢٣', undefined, day('2023-02-16')], // Arabic-Indic digits
    ['۱۶/۰۲/۲۰۲۳', undefined, day('2023-02-16')], // Persian digits
    ['٢٠٢٣-٠٢-١٦', undefined, day('2023-02-16')],
    ['2021-03', undefined, month('2021-03-01')],
    ['2021/3', undefined, month('2021-03-01')],
    ['03/2021', undefined, month('2021-03-01')],
    ['٠٣/٢٠٢١', undefined, month('2021-03-01')],
    ['2019', undefined, year('2019-01-01')],
    ['٢٠١٩', undefined, year('2019-01-01')],
  ] as const)('%s (%s)', (input, order, expected) => expect(parseDate(input, order)).toEqual(expected));

  it('takes an Excel date cell as the day it names', () => {
    expect(parseDate(new Date(Date.UTC(2023, 1, 16)))).toEqual(day('2023-02-16'));
  });
});

describe('date reader: months written out', () => {
  it.each([
    // Arabic, Levantine and Iraqi names
    ['16 شباط 2023', day('2023-02-16')],
    ['١٦ شباط ٢٠٢٣', day('2023-02-16')],
    ['16 كانون الثاني 2023', day('2023-01-16')],
    ['٢٤ كانون الثاني ٢٠٢٣', day('2023-01-24')],
    ['10 تشرين الأول 2020', day('2020-10-10')],
    ['10 تشرين الاول 2020', day('2020-10-10')],
    ['1 كانون الأول 2022', day('2022-12-01')],
    ['آذار 2021', month('2021-03-01')],
    ['اذار ٢٠٢١', month('2021-03-01')],
    ['أيار 2019', month('2019-05-01')],
    ['آب 2020', month('2020-08-01')],
    ['أيلول 2018', month('2018-09-01')],
    ['مايس 2019', month('2019-05-01')],
    ['شهر شباط عام 2023', month('2023-02-01')],
    ['شباط 2023م', month('2023-02-01')],
    // Arabic, Egyptian/standard names
    ['16 فبراير 2023', day('2023-02-16')],
    ['١٦ فبراير ٢٠٢٣', day('2023-02-16')],
    ['مارس 2021', month('2021-03-01')],
    ['يونيو 2019', month('2019-06-01')],
    ['يونية 2019', month('2019-06-01')],
    ['أغسطس 2020', month('2020-08-01')],
    ['اغسطس 2020', month('2020-08-01')],
    ['ديسمبر 2022', month('2022-12-01')],
    // both families at once, as Syrian texts often write
    ['شباط/فبراير 2023', month('2023-02-01')],
    ['16 شباط (فبراير) 2023', day('2023-02-16')],
    // English
    ['16 February 2023', day('2023-02-16')],
    ['February 16, 2023', day('2023-02-16')],
    ['Feb 16 2023', day('2023-02-16')],
    ['16-Feb-2023', day('2023-02-16')],
    ['16th of February 2023', day('2023-02-16')],
    ['March 2021', month('2021-03-01')],
    ['MARCH 2021', month('2021-03-01')],
    ['Sept. 2019', month('2019-09-01')],
    ['in January 2023', month('2023-01-01')],
    // Kurmanji
    ['16 Sibat 2023', day('2023-02-16')],
    ['16ê sibatê 2023an', day('2023-02-16')],
    ['Adar 2021', month('2021-03-01')],
    ['Çile 2023', month('2023-01-01')],
    ['Rêbendan 2023', month('2023-01-01')],
    ['Kanûna Paşîn 2023', month('2023-01-01')],
    ['Hezîran 2019', month('2019-06-01')],
    ['Tîrmeh 2019', month('2019-07-01')],
    ['Cotmeh 2020', month('2020-10-01')],
    ['Berfanbar 2022', month('2022-12-01')],
  ] as const)('%s', (input, expected) => expect(parseDate(input)).toEqual(expected));
});

describe('date reader: never a guess', () => {
  it.each([
    ['03/04/2023', 'ambiguous_date'], // day and month could swap: the user chooses the order
    ['٠٣/٠٤/٢٠٢٣', 'ambiguous_date'],
    ['31/02/2023', 'invalid_date'],
    ['30 شباط 2023', 'invalid_date'],
    ['2023-13-01', 'invalid_date'],
    ['13/2021', 'invalid_date'],
    ['13/13/2023', 'invalid_date'],
    ['February 2023 March', 'invalid_date'], // two different months
    ['شباط/آذار 2023', 'invalid_date'],
    ['Feb 23', 'invalid_date'], // a two-digit year is not guessed
    ['16 February', 'invalid_date'], // no year
    ['كانون 2023', 'invalid_date'], // كانون alone is December or January
    ['تشرين 2023', 'invalid_date'],
    ['Smarch 2021', 'invalid_date'],
    ['1 2 3 March 2021', 'invalid_date'],
    ['99999', 'invalid_date'],
    ['', 'invalid_date'],
  ] as const)('%s is %s', (input, key) => expect(parseDate(input)).toEqual({ ok: false, key }));
});

describe('month names', () => {
  it('name every month in every family, and no name two months', () => {
    const names = monthNames();
    const months = new Set(names.values());
    expect([...months].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    for (const [family, first] of [
      ['كانون ثاني', 1],
      ['يناير', 1],
      ['january', 1],
      ['rebendan', 1],
      ['cile', 1],
    ] as const)
      expect(names.get(family)).toBe(first);
  });
});
