import countries from 'i18n-iso-countries';

/** Kosovo has no ISO 3166-1 code; XK is the code its partners and the EU use by convention. */
export const EXTRA_COUNTRIES = ['XK'] as const;

export function isKnownCountry(code: string): boolean {
  return (EXTRA_COUNTRIES as readonly string[]).includes(code) || countries.isValid(code);
}

export function allCountryCodes(): string[] {
  const codes = new Set([...Object.keys(countries.getAlpha2Codes()), ...EXTRA_COUNTRIES]);
  return [...codes].sort();
}
