import { describe, expect, it } from 'vitest';
import { normalizeForSearch, toFtsQuery } from '../../db/search-text';

describe('normalizeForSearch', () => {
  it.each([
    ['أرسلان', 'ارسلان'],
    ['إبراهيم', 'ابراهيم'],
    ['آمنة', 'امنه'],
    ['فاطمة', 'فاطمه'],
    ['مصطفى', 'مصطفي'],
    ['مُحَمَّد', 'محمد'],
    ['مـــحمد', 'محمد'],
    ['Stéphane', 'stephane'],
    ['ÇELİK', 'celik'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeForSearch(input)).toBe(expected);
  });
});

describe('toFtsQuery', () => {
  it('makes every word a quoted prefix term', () => {
    expect(toFtsQuery('Arslan  tokob')).toBe('"arslan"* "tokob"*');
  });
  it('drops FTS syntax so user input cannot inject operators', () => {
    expect(toFtsQuery('a" OR * NEAR(')).toBe('"a"* "or"* "near"*');
  });
  it('returns null when nothing searchable is left', () => {
    expect(toFtsQuery(' -*" ')).toBeNull();
  });
});
