import { describe, expect, it } from 'vitest';
import { COUNTRY_ADDITIONS } from '../../electron/api/schemas/country-additions';
import { isKnownCountry } from '../../electron/api/domain/countries';
import { resolveCountryName, sourceCodesOf } from '../../electron/api/schemas/country-resolver';
import { foldName } from '../../electron/api/schemas/name-fold';

const entries = Object.entries(COUNTRY_ADDITIONS).flatMap(([code, names]) =>
  names.map((name) => [name, code] as const),
);

describe('our own country spellings (one test per reviewed entry)', () => {
  it.each(entries)('%s → %s', (name, code) => {
    expect(isKnownCountry(code)).toBe(true);
    expect(resolveCountryName(name)).toEqual({ ok: true, code });
    // An addition fills a gap; it never takes a name the sources give to another country.
    expect(sourceCodesOf(name).filter((c) => c !== code)).toEqual([]);
  });

  it('holds no entry twice and none the sources already know (it would be dead weight)', () => {
    const keys = entries.map(([name]) => foldName(name));
    expect(new Set(keys).size).toBe(keys.length);
    expect(entries.filter(([name, code]) => sourceCodesOf(name).includes(code)).map(([name]) => name)).toEqual([]);
  });
});
