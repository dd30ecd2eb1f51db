import { distance } from 'fastest-levenshtein';
import countries from 'i18n-iso-countries';
import arNames from 'i18n-iso-countries/langs/ar.json';
import enNames from 'i18n-iso-countries/langs/en.json';
import kuNames from 'i18n-iso-countries/langs/ku.json';
import { COUNTRY_ADDITIONS } from './country-additions';
import { allCountryCodes, isKnownCountry } from '../domain/countries';
import { foldName } from './name-fold';

countries.registerLocale(arNames);
countries.registerLocale(enNames);
countries.registerLocale(kuNames);

const LANGS = ['ar', 'en', 'ku'] as const;

/** A name this office decided means a country (Settings, the import's mapping step, the CLI's --country-alias). */
export interface CountryAlias {
  name: string;
  code: string;
}

/** A country's usual name in one of the app's languages (the code when the source has none). */
export const countryNameIn = (code: string, lang: (typeof LANGS)[number]): string =>
  countries.getName(code, lang) ?? code;

export type CountryMatch = { ok: true; code: string } | { ok: false; suggestions: string[] };

/** Folded name → the codes the well-kept sources give it; two codes (e.g. "Congo") means the name decides nothing. */
let sourceIndex: Map<string, Set<string>> | null = null;
let additionIndex: Map<string, string> | null = null;

function buildSourceIndex(): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  const add = (name: string | undefined, code: string) => {
    const key = name ? foldName(name) : '';
    if (!key) return;
    const codes = map.get(key) ?? new Set<string>();
    codes.add(code);
    map.set(key, codes);
  };
  for (const lang of LANGS) {
    for (const [code, names] of Object.entries(
      countries.getNames(lang, { select: 'all' }) as Record<string, string[]>,
    )) {
      for (const n of names) add(n, code);
    }
    // CLDR, as the runtime carries it: "UK"/"US" (short), "Bosnia" (narrow), Kurmanji forms i18n-iso-countries lacks.
    for (const style of ['long', 'short', 'narrow'] as const) {
      const names = new Intl.DisplayNames([lang], { type: 'region', style, fallback: 'none' });
      for (const code of allCountryCodes()) add(names.of(code), code);
    }
  }
  return map;
}

function buildAdditionIndex(): Map<string, string> {
  const map = new Map<string, string>();
  for (const [code, names] of Object.entries(COUNTRY_ADDITIONS)) for (const n of names) map.set(foldName(n), code);
  return map;
}

function indexes() {
  sourceIndex ??= buildSourceIndex();
  additionIndex ??= buildAdditionIndex();
  return { sources: sourceIndex, additions: additionIndex };
}

/** An ISO 3166-1 alpha-2 or alpha-3 code (XK/XKX for Kosovo), else null. */
function fromCode(raw: string): string | null {
  const upper = raw.toUpperCase();
  if (/^[A-Z]{2}$/.test(upper) && isKnownCountry(upper)) return upper;
  if (/^[A-Z]{3}$/.test(upper)) {
    if (upper === 'XKX') return 'XK';
    return countries.alpha3ToAlpha2(upper) ?? null;
  }
  return null;
}

/** The codes the well-kept sources alone give a name (the additions' test checks none is contradicted). */
export function sourceCodesOf(name: string): string[] {
  return [...(indexes().sources.get(foldName(name)) ?? [])].sort();
}

/** What a name means without the office's aliases: a code, several (ambiguous), or nothing. */
function meaningOf(key: string): string[] {
  const { sources, additions } = indexes();
  const added = additions.get(key);
  if (added) return [added];
  return [...(sources.get(key) ?? [])];
}

/**
 * Up to three countries whose names are closest to the folded input (edit distance, scaled to its length, or a
 * name the input begins), nearest first. Offered to the user to choose from; never applied.
 */
function suggest(key: string, aliases: ReadonlyMap<string, string>): string[] {
  if (key.length < 2) return [];
  const limit = key.length <= 4 ? 1 : key.length <= 8 ? 2 : 3;
  const best = new Map<string, number>();
  const consider = (name: string, code: string) => {
    let d = distance(key, name);
    if (d > limit && key.length >= 4 && name.startsWith(key)) d = limit;
    if (d <= limit && d < (best.get(code) ?? Infinity)) best.set(code, d);
  };
  const { sources, additions } = indexes();
  for (const [name, codes] of sources) for (const code of codes) consider(name, code);
  for (const [name, code] of additions) consider(name, code);
  for (const [name, code] of aliases) consider(name, code);
  return [...best]
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
    .slice(0, 3)
    .map(([code]) => code);
}

/** Folded alias names → codes, as resolveCountryName takes them. */
export function aliasMap(aliases: readonly CountryAlias[]): Map<string, string> {
  return new Map(aliases.map((a) => [foldName(a.name), a.code]));
}

/**
 * A country as people write it: an ISO code, or a name in Arabic, English or Kurmanji in any of the spellings the
 * sources and our reviewed additions know, or one of the office's own aliases. A name that means nothing, or more
 * than one country, is not resolved: the answer carries up to three suggestions instead.
 */
export function resolveCountryName(
  input: string,
  aliases: ReadonlyMap<string, string> = new Map(),
  options: { suggest?: boolean } = {},
): CountryMatch {
  const raw = input.trim();
  if (!raw) return { ok: false, suggestions: [] };
  const code = fromCode(raw);
  if (code) return { ok: true, code };
  const key = foldName(raw);
  const own = aliases.get(key);
  if (own) return { ok: true, code: own };
  const meaning = meaningOf(key);
  if (meaning.length === 1) return { ok: true, code: meaning[0] };
  if (meaning.length > 1) return { ok: false, suggestions: meaning.sort().slice(0, 3) };
  return { ok: false, suggestions: options.suggest === false ? [] : suggest(key, aliases) };
}

export type AliasProblem = 'empty' | 'unknown_code' | 'is_code' | 'taken';

/**
 * Why a new alias may not be stored: it must name a known country, must not be an ISO code itself, and must not
 * give an existing name (a source's, an addition's or another alias's) a different meaning. Null when it may.
 */
export function aliasProblem(
  name: string,
  code: string,
  aliases: ReadonlyMap<string, string> = new Map(),
): { problem: AliasProblem; current?: string } | null {
  if (!foldName(name)) return { problem: 'empty' };
  if (!isKnownCountry(code)) return { problem: 'unknown_code' };
  if (fromCode(name.trim())) return { problem: 'is_code', current: fromCode(name.trim()) ?? undefined };
  const key = foldName(name);
  const own = aliases.get(key);
  const meaning = own ? [own] : meaningOf(key);
  if (meaning.length && !(meaning.length === 1 && meaning[0] === code))
    return { problem: 'taken', current: meaning.join(', ') };
  return null;
}

/** Whether an alias adds anything: false when the name already means that country. */
export function aliasIsNew(name: string, code: string, aliases: ReadonlyMap<string, string> = new Map()): boolean {
  const key = foldName(name);
  return aliases.get(key) !== code && !(meaningOf(key).length === 1 && meaningOf(key)[0] === code);
}
