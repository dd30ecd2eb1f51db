import countries from 'i18n-iso-countries';
import arNames from 'i18n-iso-countries/langs/ar.json';
import enNames from 'i18n-iso-countries/langs/en.json';
import kuNames from 'i18n-iso-countries/langs/ku.json';
import { normalizeForSearch } from '../../../db/search-text';
import { isKnownCountry } from '../../api/schemas/countries';

countries.registerLocale(arNames);
countries.registerLocale(enNames);
countries.registerLocale(kuNames);

/** Case, accents, Arabic letter forms, punctuation and "the" folded away, so that "Türkiye", "TURKIYE" and "تركيا" all meet. */
export function foldCountry(text: string): string {
  return normalizeForSearch(text)
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[.,'’()\-_]/g, ' ')
    .replace(/^(the|al)\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

let index: Map<string, string> | null = null;

function buildIndex(): Map<string, string> {
  const map = new Map<string, string>();
  const add = (name: string, code: string) => {
    const k = foldCountry(name);
    if (k && !map.has(k)) map.set(k, code);
  };
  for (const lang of ['en', 'ar', 'ku']) {
    for (const [code, names] of Object.entries(countries.getNames(lang, { select: 'all' }) as Record<string, string[]>)) {
      for (const n of names) add(n, code);
    }
  }
  // Kosovo is not in ISO 3166; XK/XKX by convention (see DESIGN.md).
  for (const n of ['Kosovo', 'Kosova', 'Republic of Kosovo', 'كوسوفو', 'كوسوڤو', 'XKX']) add(n, 'XK');
  return map;
}

/** ISO alpha-2, alpha-3, or a name in English, Arabic or Kurdish; null when nothing matches. */
export function resolveCountry(input: string): string | null {
  const raw = input.trim();
  if (!raw) return null;
  const upper = raw.toUpperCase();
  if (/^[A-Z]{2}$/.test(upper) && isKnownCountry(upper)) return upper;
  if (/^[A-Z]{3}$/.test(upper)) {
    if (upper === 'XKX') return 'XK';
    const a2 = countries.alpha3ToAlpha2(upper);
    if (a2) return a2;
  }
  index ??= buildIndex();
  return index.get(foldCountry(raw)) ?? null;
}
