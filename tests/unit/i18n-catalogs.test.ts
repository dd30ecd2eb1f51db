import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../electron/api/result';

const root = join(import.meta.dirname, '../../renderer/src/i18n/locales');
const LANGS = ['ar', 'en', 'ku'];
type Tree = { [k: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Record<string, string> {
  return Object.entries(tree).reduce<Record<string, string>>(
    (acc, [k, v]) =>
      typeof v === 'string' ? { ...acc, [prefix + k]: v } : { ...acc, ...flatten(v, `${prefix}${k}.`) },
    {},
  );
}
const areaFiles = (lng: string) => readdirSync(join(root, lng)).filter((f) => f.endsWith('.json'));
const load = (lng: string, file: string) => JSON.parse(readFileSync(join(root, lng, file), 'utf8')) as Tree;
const catalog = (lng: string) =>
  Object.assign({}, ...areaFiles(lng).map((f) => flatten(load(lng, f)))) as Record<string, string>;

/** Plural keys differ by language (Arabic has six forms); compare the base keys and check the forms separately. */
const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');

describe('translation catalogs', () => {
  it('have the same area files in every language', () => {
    expect(areaFiles('ar')).toEqual(areaFiles('en'));
    expect(areaFiles('ku')).toEqual(areaFiles('en'));
  });

  it('define no top-level key in two area files (they would overwrite each other)', () => {
    for (const lng of LANGS) {
      const seen = new Map<string, string>();
      for (const f of areaFiles(lng)) {
        for (const k of Object.keys(load(lng, f))) {
          expect(seen.get(k), `${lng}: "${k}" in ${f} and ${seen.get(k)}`).toBeUndefined();
          seen.set(k, f);
        }
      }
    }
  });

  it.each(LANGS)('%s has every key of every other language and no empty string', (lng) => {
    const mine = new Set(Object.keys(catalog(lng)).map(base));
    for (const other of LANGS) {
      const missing = [...new Set(Object.keys(catalog(other)).map(base))].filter((k) => !mine.has(k));
      expect(missing, `${lng} lacks keys present in ${other}`).toEqual([]);
    }
    for (const [k, v] of Object.entries(catalog(lng))) expect(v.trim(), `${lng}:${k}`).not.toBe('');
  });

  it('gives Arabic all six plural forms wherever a key is plural', () => {
    const ar = catalog('ar');
    const plural = new Set(
      Object.keys(ar)
        .filter((k) => /_(one|other)$/.test(k))
        .map(base),
    );
    expect(plural.size).toBeGreaterThan(0);
    for (const key of plural)
      for (const form of ['zero', 'one', 'two', 'few', 'many', 'other'])
        expect(ar[`${key}_${form}`], `ar ${key}_${form}`).toBeTruthy();
  });

  it('translates every error code the API can return', () => {
    for (const lng of LANGS)
      for (const code of ERROR_CODES) expect(catalog(lng)[`errors.${code}`], `${lng} errors.${code}`).toBeTruthy();
  });
});
