import countries from 'i18n-iso-countries';

/** Kosovo has no ISO 3166-1 code; XK is the code its partners and the EU use by convention. */
export const EXTRA_COUNTRIES = ['XK'] as const;

let known: Set<string> | null = null;

/** An ISO 3166-1 alpha-2 code (or XK). A set, built once: every imported row asks. */
export function isKnownCountry(code: string): boolean {
  known ??= new Set([...Object.keys(countries.getAlpha2Codes()), ...EXTRA_COUNTRIES]);
  return known.has(code);
}

export function allCountryCodes(): string[] {
  const codes = new Set([...Object.keys(countries.getAlpha2Codes()), ...EXTRA_COUNTRIES]);
  return [...codes].sort();
}
