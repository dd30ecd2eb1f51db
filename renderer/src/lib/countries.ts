import countries from 'i18n-iso-countries';
import arNames from 'i18n-iso-countries/langs/ar.json';
import enNames from 'i18n-iso-countries/langs/en.json';
import kuNames from 'i18n-iso-countries/langs/ku.json';
import { allCountryCodes } from '../../../electron/api/domain/countries';

countries.registerLocale(arNames);
countries.registerLocale(enNames);
countries.registerLocale(kuNames);

export function countryName(code: string, lng: string): string {
  return countries.getName(code, lng, { select: 'official' }) ?? countries.getName(code, 'en') ?? code;
}

export function countryOptions(lng: string): { value: string; label: string }[] {
  const collator = new Intl.Collator(lng);
  return allCountryCodes()
    .map((value) => ({ value, label: countryName(value, lng) }))
    .sort((a, b) => collator.compare(a.label, b.label));
}
