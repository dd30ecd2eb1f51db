/**
 * Spellings of countries that offices' sheets, government statements and news reports use and that neither
 * i18n-iso-countries nor CLDR (Intl.DisplayNames) carries. Reviewed by hand, one test each
 * (tests/unit/country-additions.test.ts): every name here must resolve to its code, and nothing here may take a
 * name the sources give to another country. Letter forms, case, accents, tatweel and a leading ال are folded away
 * before lookup (name-fold.ts), so only genuinely different spellings belong here.
 */
export const COUNTRY_ADDITIONS: Record<string, readonly string[]> = {
  // The seed article writes قرغيزستان; قرغيزيا and Kirghizia are the older (Soviet-era) name still in use.
  KG: [
    'قرغيزستان',
    'قرغيزيا',
    'قيرغيزيا',
    'قرقيزستان',
    'جمهورية قيرغيزستان',
    'Kyrgyz Republic',
    'Kirghizia',
    'Kirgizia',
    'Kirgizstan',
    'Kirgizistan',
  ],
  KZ: ['كازخستان', 'قازاقستان', 'قازاخستان', 'Kazakstan', 'Qazaqstan', 'Kazakistan'],
  UZ: ['أوزباكستان', 'Ozbekiston'],
  NL: ['نيذرلاند', 'نيذرلاندز', 'هولندة', 'Holland', 'Hollanda'],
  RU: ['روسيا الاتحادية', 'الاتحاد الروسي', 'روسية'],
  GB: [
    'بريطانيا',
    'بريطانيا العظمى',
    'المملكة المتحدة لبريطانيا العظمى وأيرلندا الشمالية',
    'Britain',
    'Brîtanya',
    'Şanşîniya Yekbûyî',
  ],
  US: [
    'الولايات المتحدة الأمريكية',
    'الولايات المتحدة الأميركية',
    'أمريكا',
    'أميركا',
    'America',
    'Amerîka',
    'Emerîka',
    'DYA',
    'Dewletên Yekbûyî',
  ],
  CZ: ['تشيكيا', 'الجمهورية التشيكية'],
  FI: ['فنلندة'],
  DK: ['الدانمارك'],
  BY: ['بيلاروسيا'],
  TJ: ['طاجكستان', 'تاجيكستان'],
  SY: ['سورية', 'الجمهورية العربية السورية'],
  MK: ['Macedonia', 'مقدونيا'],
  LB: ['Lubnan'],
  XK: ['كوسوفا', 'Republic of Kosovo'],
};
