import countries from 'i18n-iso-countries';

let known: Set<string> | null = null;

/** An ISO 3166-1 alpha-2 code, or XK (Kosovo by convention, which i18n-iso-countries carries). A set built once: every imported row asks. */
export function isKnownCountry(code: string): boolean {
  known ??= new Set(Object.keys(countries.getAlpha2Codes()));
  return known.has(code);
}

export function allCountryCodes(): string[] {
  return Object.keys(countries.getAlpha2Codes()).sort();
}
