import dayjs from 'dayjs';
import 'dayjs/locale/ar';
import 'dayjs/locale/en-gb';

/** dayjs ships Sorani as 'ku'; the app's Kurdish is Kurmanji in Latin script, so it gets its own month names. */
dayjs.locale(
  {
    name: 'ku-kmr',
    weekdays: ['Yekşem', 'Duşem', 'Sêşem', 'Çarşem', 'Pêncşem', 'În', 'Şemî'],
    weekdaysShort: ['Ykş', 'Dşm', 'Sşm', 'Çrş', 'Pnc', 'În', 'Şmî'],
    weekdaysMin: ['Y', 'D', 'S', 'Ç', 'P', 'Î', 'Ş'],
    months: [
      'Rêbendan',
      'Reşemî',
      'Adar',
      'Avrêl',
      'Gulan',
      'Pûşper',
      'Tîrmeh',
      'Gelawêj',
      'Rezber',
      'Kewçêr',
      'Sermawez',
      'Berfanbar',
    ],
    monthsShort: ['Rêb', 'Reş', 'Ada', 'Avr', 'Gul', 'Pûş', 'Tîr', 'Gel', 'Rez', 'Kew', 'Ser', 'Ber'],
    weekStart: 1,
    ordinal: (n: number) => `${n}.`,
    formats: {
      LT: 'HH:mm',
      LTS: 'HH:mm:ss',
      L: 'DD.MM.YYYY',
      LL: 'D MMMM YYYY',
      LLL: 'D MMMM YYYY HH:mm',
      LLLL: 'dddd, D MMMM YYYY HH:mm',
    },
  } as unknown as string,
  undefined,
  true,
);
dayjs.locale('en');

export const dayjsLocale = (lng: string) => (lng === 'ar' ? 'ar' : lng === 'ku' ? 'ku-kmr' : 'en-gb');
